// `pnpm bench`: every Switchboard connector against Logto's official package for the same
// provider, in one run, on this machine. See bench/README.md for the method.
//
// Environment (all optional): BENCH_ONLY=twilio-sms,mailgun  BENCH_CALLS=2000 (never fewer)
// BENCH_WARMUP=500  BENCH_ROUNDS=8  BENCH_COLD_RUNS=10  BENCH_STARTUP_RUNS=7 (never fewer than 5)
// BENCH_PROFILE=auto|always|never
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { lazyChunks } from './child/logto.js';
import { benchDirectory, discoverConnectors, repoRoot } from './discover.js';
import { startFakeServer } from './fake-server.js';
import { summariseHeapGrowth } from './heap.js';
import { summariseProfile } from './profile.js';
import { renderConsole, renderMarkdown } from './report.js';
import { packageSizes } from './sizes.js';
import { median, percentile } from './stats.js';
import { targets } from './targets.js';
import { createCertificates } from './tls.js';

const minimumCalls = 2000;
const minimumStartupRuns = 5;
const numberFromEnv = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};
const settings = {
  calls: Math.max(minimumCalls, numberFromEnv('BENCH_CALLS', minimumCalls)),
  warmup: numberFromEnv('BENCH_WARMUP', 500),
  rounds: numberFromEnv('BENCH_ROUNDS', 8),
  coldRuns: numberFromEnv('BENCH_COLD_RUNS', 10),
  startupRuns: Math.max(minimumStartupRuns, numberFromEnv('BENCH_STARTUP_RUNS', 7)),
  profile: process.env.BENCH_PROFILE ?? 'auto',
  only: process.env.BENCH_ONLY?.split(',').filter(Boolean),
};
const profileCalls = 1000;
const workDirectory = path.join(benchDirectory, '.tmp');
const childDirectory = path.join(benchDirectory, 'src', 'child');
const started = Date.now();
const loadAtStart = os.loadavg();
const log = (line) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const errorText = (error) => (error instanceof Error ? error.message : String(error));

rmSync(workDirectory, { recursive: true, force: true });
mkdirSync(path.join(workDirectory, 'profiles'), { recursive: true });

const { ready, routers, skipped } = await discoverConnectors({ only: settings.only });
for (const { folder, reason } of skipped) log(`${folder}: not benchmarked yet: ${reason}`);
log(`benchmarking ${[...ready, ...routers].map(({ folder }) => folder).join(', ') || 'nothing'}`);

/** @type {Record<string, any>} */
const results = Object.fromEntries(ready.map(({ provider }) => [provider, { notes: [] }]));
/** @type {Record<string, any>} */
const routerResults = Object.fromEntries(routers.map(({ provider }) => [provider, { notes: [] }]));

// ---- time per call, against the fake provider -------------------------------------------------

const served = [...ready, ...routers];
const hosts = [...new Set(served.flatMap(({ bench }) => bench.hosts))];
const certificates =
  served.length > 0 ? createCertificates(path.join(workDirectory, 'tls'), hosts) : undefined;
const routes = new Map(
  served.flatMap(({ bench }) => bench.hosts.map((host) => [host, bench.respond])),
);
const server = certificates
  ? await startFakeServer({ cert: certificates.cert, key: certificates.key, routes })
  : undefined;
if (server) {
  log(
    `fake provider on https://127.0.0.1:${server.port} for ${hosts.join(', ')}` +
      (server.port === 443 ? '' : ' (443 unavailable: the child redirects port 443 there)'),
  );
}

/**
 * Runs one child against the fake provider (`script` with preload.js, the fake's CA and `job` in
 * BENCH_JOB) and returns the JSON it wrote to `job.out`, or throws with its stderr.
 */
const spawnChild = (script, connector, job) =>
  new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    delete env.NODE_COMPILE_CACHE;
    const child = spawn(
      process.execPath,
      ['--import', path.join(childDirectory, 'preload.js'), path.join(childDirectory, script)],
      {
        cwd: benchDirectory,
        env: {
          ...env,
          NODE_EXTRA_CA_CERTS: certificates?.caFile,
          BENCH_FAKE_HOSTS: connector.bench.hosts.join(','),
          BENCH_FAKE_PORT: String(server?.port),
          BENCH_JOB: JSON.stringify(job),
        },
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(JSON.parse(readFileSync(job.out, 'utf8')));
      } else {
        const lines = stderr
          .trim()
          .split('\n')
          .filter((line) => !/ExperimentalWarning|--trace-warnings/.test(line));
        reject(
          new Error(`${script} exited with ${signal ?? code}: ${lines.slice(-3).join(' | ')}`),
        );
      }
    });
  });

/**
 * Runs one measuring child (measure.js, the connectors of `files` by variant name, and the floors)
 * and returns its JSON.
 */
const runChild = (connector, files, extra = {}) =>
  spawnChild('measure.js', connector, {
    provider: connector.provider,
    module: connector.module,
    files,
    calls: settings.calls,
    warmup: settings.warmup,
    rounds: settings.rounds,
    out: path.join(workDirectory, `${connector.provider}-${extra.only ?? 'all'}.json`),
    ...extra,
  });

const summary = (variant) =>
  variant.error
    ? { error: variant.error }
    : {
        median: median(variant.times),
        p90: percentile(variant.times, 0.9),
        calls: variant.times.length,
        cpuPerCall: variant.cpuPerCall,
        failures: variant.failures,
        ...(variant.lastError ? { lastError: variant.lastError } : {}),
      };

/** Times the calls of `files` (by variant name) and the floors in one child, into `result`. */
const timeCalls = async (connector, files, result) => {
  log(
    `${connector.provider}: ${settings.warmup} warm-up + ${settings.calls} timed ${connector.bench.operation} calls each`,
  );
  try {
    const measured = await runChild(connector, files);
    result.node = measured.node;
    result.time = Object.fromEntries(
      Object.entries(measured.variants).map(([name, variant]) => [name, summary(variant)]),
    );
    for (const [name, figures] of Object.entries(result.time)) {
      if (figures.error)
        result.notes.push(`${name} ${connector.bench.operation} not measured: ${figures.error}`);
      if (figures.error) log(`${connector.provider}: ${name}: ${figures.error}`);
      else if (figures.failures)
        log(
          `${connector.provider}: ${name}: ${figures.failures} failed calls (${figures.lastError})`,
        );
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    result.notes.push(`${connector.bench.operation} not measured: ${result.error}`);
    log(`${connector.provider}: ${result.error}`);
  }
};

/** Profiles the timed calls of each variant of `files`, alone in a child each, into `result`. */
const profileTimedCalls = async (connector, files, result) => {
  result.profiles = {};
  for (const variant of Object.keys(files)) {
    const file = path.join(
      workDirectory,
      'profiles',
      `${connector.provider}-${variant}-calls.cpuprofile`,
    );
    log(`${connector.provider}: profiling ${variant} ${connector.bench.operation}`);
    try {
      // A profile needs samples, not a distribution: fewer calls than the timed run.
      await runChild(connector, files, {
        only: variant,
        profile: file,
        calls: profileCalls,
        warmup: 300,
        rounds: 1,
      });
      result.profiles[variant] = summariseProfile(file, profileCalls);
    } catch (error) {
      result.notes.push(
        `profile of ${variant} failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
};

const variantFiles = (connector) => [
  ['switchboard', connector.lib],
  ['official', connector.officialLib],
];
for (const connector of ready) {
  await timeCalls(
    connector,
    Object.fromEntries(variantFiles(connector)),
    results[connector.provider],
  );
}

// Where a time target is missed (or BENCH_PROFILE=always), profile each connector's timed calls.
for (const connector of ready) {
  const result = results[connector.provider];
  const { switchboard, official } = result.time ?? {};
  const floor = result.time?.floor;
  if (!switchboard?.median || !official?.median || settings.profile === 'never') continue;
  // Missed: the median's own target, or Switchboard's work above the got floor exceeds official's.
  const officialOverhead = official.median - (floor?.median ?? Number.NaN);
  const missed =
    switchboard.median / official.median > connector.bench.target ||
    (officialOverhead > 0 &&
      (switchboard.median - floor.median) / officialOverhead > targets.overheadRatio);
  if (!missed && settings.profile !== 'always') continue;
  await profileTimedCalls(connector, Object.fromEntries(variantFiles(connector)), result);
}

// The router: its send, routed to one provider, beside that provider's connector sending directly,
// interleaved in one child with the floors; profiled where it misses its target.
for (const router of routers) {
  const result = routerResults[router.provider];
  const files = { routed: router.lib, direct: router.directLib };
  await timeCalls(router, files, result);
  const { routed, direct } = result.time ?? {};
  if (!routed?.median || !direct?.median || settings.profile === 'never') continue;
  if (routed.median / direct.median <= targets.routedSendRatio && settings.profile !== 'always')
    continue;
  await profileTimedCalls(router, files, result);
}

// ---- first send after startup, against the fake provider ----------------------------------------

// A fresh process per sample, with ONE connector in it (both use Node's global https agent, so a
// second connector would find the connection open); variants interleaved.
/** @type {Record<string, Record<string, { first: number, second: number }[]>>} */
const firstSends = Object.fromEntries(
  ready.map(({ provider }) => [provider, { switchboard: [], official: [] }]),
);
const firstSendErrors = Object.fromEntries(ready.map(({ provider }) => [provider, {}]));
const runFirstSend = (connector, variant, file, extra = {}) =>
  spawnChild('first-send.js', connector, {
    module: connector.module,
    lib: file,
    out: path.join(workDirectory, `${connector.provider}-first-${variant}.json`),
    ...extra,
  });
if (server && ready.length > 0) {
  log(
    `first ${ready.length > 1 ? 'calls' : 'call'} after startup: ${settings.startupRuns} fresh processes per package`,
  );
  for (let run = 0; run < settings.startupRuns; run += 1) {
    for (const connector of ready) {
      for (const [variant, file] of variantFiles(connector)) {
        const errors = firstSendErrors[connector.provider];
        // A connector whose timed call could not run is not tried again here.
        const timeError = results[connector.provider].time?.[variant]?.error;
        if (errors[variant] || results[connector.provider].error || timeError) continue;
        try {
          firstSends[connector.provider][variant].push(
            await runFirstSend(connector, variant, file),
          );
        } catch (error) {
          errors[variant] = errorText(error);
        }
      }
    }
  }
  for (const connector of ready) {
    const result = results[connector.provider];
    const figure = (variant) => {
      const samples = firstSends[connector.provider][variant];
      const error = firstSendErrors[connector.provider][variant];
      if (error) return { error };
      if (samples.length === 0) return undefined;
      return {
        first: median(samples.map(({ first }) => first)),
        second: median(samples.map(({ second }) => second)),
        oneTime: median(samples.map(({ first, second }) => first - second)),
        samples: samples.length,
      };
    };
    result.firstSend = { switchboard: figure('switchboard'), official: figure('official') };
    for (const [variant, why] of Object.entries(firstSendErrors[connector.provider])) {
      result.notes.push(`first ${connector.bench.operation} of ${variant} not measured: ${why}`);
      log(`${connector.provider}: first ${connector.bench.operation} of ${variant}: ${why}`);
    }
  }
  // Where Switchboard's one-time cost misses its target (or BENCH_PROFILE=always), profile the
  // first call of each package, a few fresh processes each.
  const firstProfileRuns = 3;
  for (const connector of ready) {
    const result = results[connector.provider];
    const oneTime = result.firstSend?.switchboard?.oneTime;
    if (settings.profile === 'never' || !Number.isFinite(oneTime)) continue;
    if (!result.firstSend.official?.first) continue;
    if (oneTime < targets.firstSendOneTimeMs && settings.profile !== 'always') continue;
    log(`${connector.provider}: profiling the first ${connector.bench.operation} of each package`);
    result.firstProfiles = {};
    for (const [variant, file] of variantFiles(connector)) {
      try {
        const files = [];
        for (let run = 0; run < firstProfileRuns; run += 1) {
          const profile = path.join(
            workDirectory,
            'profiles',
            `${connector.provider}-${variant}-first-call-${run}.cpuprofile`,
          );
          await runFirstSend(connector, variant, file, { profile });
          files.push(profile);
        }
        result.firstProfiles[variant] = summariseProfile(files, 1);
      } catch (error) {
        result.notes.push(`first-call profile of ${variant} failed: ${errorText(error)}`);
      }
    }
  }
}

let fakeTraffic;
if (server) {
  fakeTraffic = {
    requests: [...server.counts.values()].reduce((sum, count) => sum + count, 0),
    connections: server.connections(),
  };
  log(
    `fake provider: ${fakeTraffic.requests} requests over ${fakeTraffic.connections} TLS connections`,
  );
  for (const [key, count] of server.counts) {
    if (!/ 2\d\d$/.test(key)) log(`fake provider answered ${key} ${count} times`);
  }
  await server.close();
}

// ---- cold import --------------------------------------------------------------------------------

const coldChild = path.join(childDirectory, 'cold-import.js');
const coldEnvironment = { ...process.env };
delete coldEnvironment.NODE_OPTIONS;
delete coldEnvironment.NODE_COMPILE_CACHE;

/** Wall-clock milliseconds of one fresh `node` process, and what it printed. */
const spawnTimed = (args) => {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { env: coldEnvironment, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(child.stderr.trim().split('\n').slice(-2).join(' | '));
  return { ms, output: child.stdout };
};

const baselines = { bare: [], emptyEntry: [], emptyEntryCpu: [] };
/** In-process import time of Logto's shared dependencies alone, per fresh process. */
const sharedDeps = [];
const cold = Object.fromEntries(
  ready.map(({ provider }) => [
    provider,
    {
      switchboard: [],
      official: [],
      switchboardCpu: [],
      officialCpu: [],
      switchboardShared: [],
      officialShared: [],
    },
  ]),
);
if (ready.length > 0) {
  log(`cold import: ${settings.coldRuns} fresh processes per package and per baseline`);
  spawnTimed(['-e', '']); // the first start of the run pays for the disk cache
  for (let run = 0; run < settings.coldRuns; run += 1) {
    baselines.bare.push(spawnTimed(['-e', '']).ms);
    const empty = spawnTimed([coldChild]);
    baselines.emptyEntry.push(empty.ms);
    baselines.emptyEntryCpu.push(JSON.parse(empty.output).cpu);
    try {
      sharedDeps.push(JSON.parse(spawnTimed([coldChild, ready[0].officialLib, '--deps']).output));
    } catch {
      // Informative only.
    }
    for (const connector of ready) {
      const samples = cold[connector.provider];
      for (const [variant, file] of [
        ['switchboard', connector.lib],
        ['official', connector.officialLib],
      ]) {
        if (samples.error?.[variant]) continue;
        try {
          const fresh = spawnTimed([coldChild, file]);
          samples[variant].push(fresh.ms);
          samples[`${variant}Cpu`].push(JSON.parse(fresh.output).cpu);
          samples[`${variant}Shared`].push(
            JSON.parse(spawnTimed([coldChild, file, '--shared']).output).ms,
          );
        } catch (error) {
          samples.error = {
            ...samples.error,
            [variant]: error instanceof Error ? error.message : String(error),
          };
        }
      }
    }
  }
}
const bareMedian = median(baselines.bare);
const emptyMedian = median(baselines.emptyEntry);
const emptyCpuMedian = median(baselines.emptyEntryCpu);
for (const connector of ready) {
  const samples = cold[connector.provider];
  const figure = (variant) =>
    samples.error?.[variant]
      ? { error: samples.error[variant] }
      : {
          wall: median(samples[variant]),
          aboveBare: median(samples[variant]) - bareMedian,
          aboveEmptyEntry: median(samples[variant]) - emptyMedian,
          cpuAboveEmptyEntry: median(samples[`${variant}Cpu`]) - emptyCpuMedian,
          shared: median(samples[`${variant}Shared`]),
        };
  results[connector.provider].cold = {
    switchboard: figure('switchboard'),
    official: figure('official'),
  };
  for (const [variant, why] of Object.entries(samples.error ?? {})) {
    results[connector.provider].notes.push(`cold import of ${variant} not measured: ${why}`);
  }
}

// Where the cold-import target is missed (or BENCH_PROFILE=always), profile the connector's own
// part of the import (after got, zod and the kit are loaded), over a few fresh processes.
const coldProfileRuns = 3;
for (const connector of ready) {
  const { switchboard, official } = results[connector.provider].cold;
  if (settings.profile === 'never' || !switchboard.wall || !official.wall) continue;
  if (
    switchboard.aboveEmptyEntry / official.aboveEmptyEntry <= 0.8 &&
    settings.profile !== 'always'
  )
    continue;
  log(`${connector.provider}: profiling the import of each package`);
  results[connector.provider].coldProfiles = {};
  for (const [variant, file] of [
    ['switchboard', connector.lib],
    ['official', connector.officialLib],
  ]) {
    try {
      const files = [];
      for (let run = 0; run < coldProfileRuns; run += 1) {
        const out = path.join(
          workDirectory,
          'profiles',
          `${connector.provider}-${variant}-import-${run}.cpuprofile`,
        );
        spawnTimed([coldChild, file, '--shared', '--profile', out]);
        files.push(out);
      }
      results[connector.provider].coldProfiles[variant] = summariseProfile(files, 1);
    } catch (error) {
      results[connector.provider].notes.push(
        `import profile of ${variant} failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
}

// ---- startup: heap and import time inside a running Logto ---------------------------------------

// Fresh `node --expose-gc` processes: got, zod and kit loaded, heap read after GC, then every
// connector of the sample imported and its factory called, kept referenced, heap read again.
// Each connector alone (with its lazy chunks loaded afterwards, for the heap after a first send),
// and all of them together (no chunks: one SMS connector at most sends); variants interleaved.
const startupChild = path.join(childDirectory, 'startup.js');
const startupArgs = (files, extra = []) => [
  '--expose-gc',
  startupChild,
  ...(files.length === 1 ? ['--chunks'] : []),
  ...extra,
  ...files,
];
const startupSamples = Object.fromEntries(
  ready.map(({ provider }) => [provider, { switchboard: [], official: [] }]),
);
const startupErrors = Object.fromEntries(ready.map(({ provider }) => [provider, {}]));
const allVariants = {
  switchboard: ready.map(({ lib }) => lib),
  official: ready.map(({ officialLib }) => officialLib),
};
const allSamples = { switchboard: [], official: [] };
const allErrors = {};
// A router alone, beside the connectors it bundles loaded together and each alone (those that are
// not benchmarked above: the others' samples are already taken, in the same rounds).
const routerStartup = Object.fromEntries(
  routers.map(({ provider, bundled }) => [
    provider,
    {
      router: [],
      together: [],
      alone: Object.fromEntries(bundled.map((connector) => [connector.provider, []])),
    },
  ]),
);
if (ready.length + routers.length > 0) {
  log(
    `startup heap and import: ${settings.startupRuns} fresh processes per package` +
      (ready.length > 1 ? ` and for all ${ready.length} together` : ''),
  );
  for (let run = 0; run < settings.startupRuns; run += 1) {
    for (const connector of ready) {
      for (const [variant, file] of variantFiles(connector)) {
        const errors = startupErrors[connector.provider];
        if (errors[variant]) continue;
        try {
          startupSamples[connector.provider][variant].push(
            JSON.parse(spawnTimed(startupArgs([file])).output),
          );
        } catch (error) {
          errors[variant] = errorText(error);
        }
      }
    }
    for (const router of routers) {
      const samples = routerStartup[router.provider];
      const sample = (list, files) => {
        if (samples.error) return;
        try {
          list.push(JSON.parse(spawnTimed(startupArgs(files)).output));
        } catch (error) {
          samples.error = errorText(error);
        }
      };
      sample(samples.router, [router.lib]);
      sample(
        samples.together,
        router.bundled.map(({ lib }) => lib),
      );
      for (const { provider, lib } of router.bundled) {
        if (!startupSamples[provider]) sample(samples.alone[provider], [lib]);
      }
    }
    if (ready.length < 2) continue;
    for (const [variant, files] of Object.entries(allVariants)) {
      if (allErrors[variant]) continue;
      try {
        allSamples[variant].push(JSON.parse(spawnTimed(startupArgs(files)).output));
      } catch (error) {
        allErrors[variant] = errorText(error);
      }
    }
  }
}
/** Medians over the samples of one variant: heap growth, import + factory, each heap space. */
const startupFigure = (samples, error) => {
  if (error) return { error };
  if (samples.length === 0) return undefined;
  const spaces = Object.keys(samples[0].spaces);
  const withChunks = samples.filter((sample) => sample.chunks?.files.length > 0);
  return {
    heap: median(samples.map(({ heap }) => heap)),
    ms: median(samples.map(({ ms }) => ms)),
    spaces: Object.fromEntries(
      spaces.map((space) => [space, median(samples.map((sample) => sample.spaces[space]))]),
    ),
    types: samples[0].types,
    samples: samples.length,
    ...(withChunks.length > 0
      ? {
          chunks: {
            files: withChunks[0].chunks.files.map((file) => ({
              name: path.basename(file),
              bytes: statSync(file).size,
            })),
            heap: median(withChunks.map(({ chunks }) => chunks.heap)),
            ms: median(withChunks.map(({ chunks }) => chunks.ms)),
            largeObjects: median(withChunks.map(({ chunks }) => chunks.spaces.large_object_space)),
          },
        }
      : {}),
  };
};
for (const connector of ready) {
  const result = results[connector.provider];
  const errors = startupErrors[connector.provider];
  result.startup = Object.fromEntries(
    variantFiles(connector).map(([variant, file]) => [
      variant,
      {
        ...startupFigure(startupSamples[connector.provider][variant], errors[variant]),
        entryBytes: statSync(file).size,
      },
    ]),
  );
  for (const [variant, why] of Object.entries(errors)) {
    result.notes.push(`startup figures of ${variant} not measured: ${why}`);
  }
}
for (const router of routers) {
  const { router: alone, together, alone: bundled, error } = routerStartup[router.provider];
  routerResults[router.provider].startup = {
    router: startupFigure(alone, error),
    together: startupFigure(together, error),
    alone: Object.fromEntries(
      router.bundled.map(({ provider }) => [
        provider,
        startupFigure(startupSamples[provider]?.switchboard ?? bundled[provider], error),
      ]),
    ),
  };
  if (error) routerResults[router.provider].notes.push(`startup figures not measured: ${error}`);
}
const startupAll =
  ready.length < 2
    ? undefined
    : {
        count: ready.length,
        switchboard: startupFigure(allSamples.switchboard, allErrors.switchboard),
        official: startupFigure(allSamples.official, allErrors.official),
        notes: Object.entries(allErrors).map(
          ([variant, why]) => `startup figures of all ${variant} connectors not measured: ${why}`,
        ),
      };

// Where a startup heap target is missed (or BENCH_PROFILE=always): V8 heap snapshots before and
// after the imports, one process per variant, and what the growth is made of (src/heap.js).
const heapBreakdown = (name, files) => {
  const prefix = path.join(workDirectory, 'profiles', name);
  spawnTimed(startupArgs(files, ['--snapshot', prefix]));
  const snapshot = (stage) => `${prefix}-${stage}.heapsnapshot`;
  const breakdown = {
    startup: summariseHeapGrowth(snapshot('before'), snapshot('after')),
    ...(files.length === 1 && lazyChunks(files[0]).length > 0
      ? { chunks: summariseHeapGrowth(snapshot('after'), snapshot('chunks')) }
      : {}),
  };
  // About 10 MB each: summarised, not kept.
  for (const stage of ['before', 'after', 'chunks']) rmSync(snapshot(stage), { force: true });
  return breakdown;
};
const heapMissed = (figures, target) =>
  settings.profile === 'always' ||
  (figures?.switchboard?.heap > 0 &&
    figures?.official?.heap > 0 &&
    figures.switchboard.heap / figures.official.heap > target);
if (settings.profile !== 'never') {
  const breakdowns = [];
  for (const connector of ready) {
    const startup = results[connector.provider].startup;
    if (!startup.switchboard?.types?.includes('Sms') && settings.profile !== 'always') continue;
    if (!heapMissed(startup, targets.startupHeapSmsRatio)) continue;
    breakdowns.push([results[connector.provider], connector.provider, variantFiles(connector)]);
  }
  if (startupAll && heapMissed(startupAll, targets.startupHeapAllRatio)) {
    breakdowns.push([startupAll, 'all', Object.entries(allVariants)]);
  }
  for (const [holder, name, variants] of breakdowns) {
    log(`${name}: heap snapshots of the startup figure`);
    holder.heapProfiles = {};
    for (const [variant, files] of variants) {
      try {
        holder.heapProfiles[variant] = heapBreakdown(
          `${name}-${variant}-startup`,
          Array.isArray(files) ? files : [files],
        );
      } catch (error) {
        holder.notes.push(`heap snapshots of ${variant} failed: ${errorText(error)}`);
      }
    }
  }
}

// ---- sizes --------------------------------------------------------------------------------------

for (const connector of ready) {
  try {
    results[connector.provider].size = {
      switchboard: packageSizes(connector.directory, 'switchboard'),
      official: packageSizes(connector.officialDirectory, 'official'),
    };
  } catch (error) {
    results[connector.provider].notes.push(
      `sizes failed: ${error instanceof Error ? error.message : error}`,
    );
  }
}

// ---- report -------------------------------------------------------------------------------------

const cpus = os.cpus();
let commit;
try {
  commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).stdout.trim();
} catch {
  commit = undefined;
}
const report = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  },
  node: process.version,
  commit,
  settings,
  fakePort: server?.port,
  fakeTraffic,
  baselines: { bare: bareMedian, emptyEntry: emptyMedian },
  sharedDeps:
    sharedDeps.length === 0
      ? undefined
      : {
          total: median(sharedDeps.map(({ ms }) => ms)),
          ...Object.fromEntries(
            Object.keys(sharedDeps[0].deps).map((name) => [
              name,
              median(sharedDeps.map(({ deps }) => deps[name])),
            ]),
          ),
        },
  startupAll,
  load: { start: loadAtStart, end: os.loadavg() },
  durationSeconds: (Date.now() - started) / 1000,
  ready,
  routers,
  skipped,
  results,
  routerResults,
};
writeFileSync(
  path.join(workDirectory, 'results.json'),
  JSON.stringify(
    {
      ...report,
      ready: ready.map(({ bench, ...rest }) => ({ ...rest, official: bench.official })),
      routers: routers.map(({ bench, ...rest }) => ({ ...rest, direct: bench.direct })),
    },
    null,
    2,
  ),
);
console.log(`\n${renderConsole(report)}`);
const resultsFile = path.join(benchDirectory, 'RESULTS.md');
writeFileSync(resultsFile, renderMarkdown(report));
// Keep the generated file in the repository's format when prettier is at hand (it is a root
// dev dependency); the table is already aligned, so this only touches edge cases.
spawnSync(
  path.join(repoRoot, 'node_modules', '.bin', 'prettier'),
  ['--write', '--log-level=warn', resultsFile],
  {
    stdio: 'inherit',
  },
);
log(`wrote ${path.relative(repoRoot, resultsFile)} in ${report.durationSeconds.toFixed(0)} s`);
