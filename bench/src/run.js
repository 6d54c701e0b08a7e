// `pnpm bench`: every Switchboard connector against Logto's official package for the same
// provider, in one run, on this machine. See bench/README.md for the method.
//
// Environment (all optional): BENCH_ONLY=twilio-sms,mailgun  BENCH_CALLS=2000 (never fewer)
// BENCH_WARMUP=500  BENCH_ROUNDS=8  BENCH_COLD_RUNS=10  BENCH_PROFILE=auto|always|never
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { benchDirectory, discoverConnectors, repoRoot } from './discover.js';
import { startFakeServer } from './fake-server.js';
import { summariseProfile } from './profile.js';
import { renderConsole, renderMarkdown } from './report.js';
import { packageSizes } from './sizes.js';
import { median, percentile } from './stats.js';
import { createCertificates } from './tls.js';

const minimumCalls = 2000;
const numberFromEnv = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};
const settings = {
  calls: Math.max(minimumCalls, numberFromEnv('BENCH_CALLS', minimumCalls)),
  warmup: numberFromEnv('BENCH_WARMUP', 500),
  rounds: numberFromEnv('BENCH_ROUNDS', 8),
  coldRuns: numberFromEnv('BENCH_COLD_RUNS', 10),
  profile: process.env.BENCH_PROFILE ?? 'auto',
  only: process.env.BENCH_ONLY?.split(',').filter(Boolean),
};
const profileCalls = 1000;
const workDirectory = path.join(benchDirectory, '.tmp');
const childDirectory = path.join(benchDirectory, 'src', 'child');
const started = Date.now();
const loadAtStart = os.loadavg();
const log = (line) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

rmSync(workDirectory, { recursive: true, force: true });
mkdirSync(path.join(workDirectory, 'profiles'), { recursive: true });

const { ready, skipped } = await discoverConnectors({ only: settings.only });
for (const { folder, reason } of skipped) log(`${folder}: not benchmarked yet: ${reason}`);
log(`benchmarking ${ready.map(({ folder }) => folder).join(', ') || 'nothing'}`);

/** @type {Record<string, any>} */
const results = Object.fromEntries(ready.map(({ provider }) => [provider, { notes: [] }]));

// ---- time per call, against the fake provider -------------------------------------------------

const hosts = [...new Set(ready.flatMap(({ bench }) => bench.hosts))];
const certificates =
  ready.length > 0 ? createCertificates(path.join(workDirectory, 'tls'), hosts) : undefined;
const routes = new Map(
  ready.flatMap(({ bench }) => bench.hosts.map((host) => [host, bench.respond])),
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

/** Runs one measuring child and returns its JSON, or throws with its stderr. */
const runChild = (connector, extra = {}) =>
  new Promise((resolve, reject) => {
    const out = path.join(workDirectory, `${connector.provider}-${extra.only ?? 'all'}.json`);
    const job = {
      provider: connector.provider,
      module: connector.module,
      switchboard: connector.lib,
      official: connector.officialLib,
      calls: settings.calls,
      warmup: settings.warmup,
      rounds: settings.rounds,
      out,
      ...extra,
    };
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    delete env.NODE_COMPILE_CACHE;
    const child = spawn(
      process.execPath,
      [
        '--import',
        path.join(childDirectory, 'preload.js'),
        path.join(childDirectory, 'measure.js'),
      ],
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
        resolve(JSON.parse(readFileSync(out, 'utf8')));
      } else {
        const lines = stderr
          .trim()
          .split('\n')
          .filter((line) => !/ExperimentalWarning|--trace-warnings/.test(line));
        reject(
          new Error(
            `measuring child exited with ${signal ?? code}: ${lines.slice(-3).join(' | ')}`,
          ),
        );
      }
    });
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

for (const connector of ready) {
  const result = results[connector.provider];
  log(
    `${connector.provider}: ${settings.warmup} warm-up + ${settings.calls} timed ${connector.bench.operation} calls each`,
  );
  try {
    const measured = await runChild(connector);
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
}

// Where a time target is missed (or BENCH_PROFILE=always), profile each connector's timed calls.
for (const connector of ready) {
  const result = results[connector.provider];
  const { switchboard, official } = result.time ?? {};
  if (!switchboard?.median || !official?.median || settings.profile === 'never') continue;
  const missed = switchboard.median / official.median > connector.bench.target;
  if (!missed && settings.profile !== 'always') continue;
  result.profiles = {};
  for (const variant of ['switchboard', 'official']) {
    const file = path.join(
      workDirectory,
      'profiles',
      `${connector.provider}-${variant}-calls.cpuprofile`,
    );
    log(`${connector.provider}: profiling ${variant} ${connector.bench.operation}`);
    try {
      // A profile needs samples, not a distribution: fewer calls than the timed run.
      await runChild(connector, {
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
  load: { start: loadAtStart, end: os.loadavg() },
  durationSeconds: (Date.now() - started) / 1000,
  ready,
  skipped,
  results,
};
writeFileSync(
  path.join(workDirectory, 'results.json'),
  JSON.stringify(
    {
      ...report,
      ready: ready.map(({ bench, ...rest }) => ({ ...rest, official: bench.official })),
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
