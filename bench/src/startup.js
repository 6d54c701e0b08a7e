// Startup: heap and import time inside a running Logto. Fresh `node --expose-gc` processes: got,
// zod and kit loaded, heap read after GC, then every connector of the sample imported and its
// factory called, kept referenced, heap read again. Each connector alone (with its lazy chunks
// loaded afterwards, for the heap after a first send), and all of them together (no chunks: one
// SMS connector at most sends); variants interleaved. A router alone, beside the connectors it
// bundles loaded together and each alone. Where a startup heap target is missed (or
// BENCH_PROFILE=always): V8 heap snapshots of what the growth is made of (heap.js).
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';

import { lazyChunks } from './child/logto.js';
import { spawnTimed } from './children.js';
import { childDirectory, errorText, log, profilePath, settings, variantFiles } from './context.js';
import { summariseHeapGrowth } from './heap.js';
import { median } from './stats.js';
import { targets } from './targets.js';

const startupChild = path.join(childDirectory, 'startup.js');
const startupArgs = (files, extra = []) => [
  '--expose-gc',
  startupChild,
  ...(files.length === 1 ? ['--chunks'] : []),
  ...extra,
  ...files,
];
const sampleOf = (files) => JSON.parse(spawnTimed(startupArgs(files)).output);

/** Where the samples go: per connector and variant, per router, and for all connectors together. */
const emptySamples = (ready, routers) => ({
  connectors: Object.fromEntries(
    ready.map(({ provider }) => [provider, { switchboard: [], official: [] }]),
  ),
  connectorErrors: Object.fromEntries(ready.map(({ provider }) => [provider, {}])),
  allVariants: {
    switchboard: ready.map(({ lib }) => lib),
    official: ready.map(({ officialLib }) => officialLib),
  },
  all: { switchboard: [], official: [] },
  allErrors: {},
  // Each bundled connector alone only when it is not benchmarked itself (then its samples are
  // already taken, in the same rounds).
  routers: Object.fromEntries(
    routers.map(({ provider, bundled }) => [
      provider,
      {
        router: [],
        together: [],
        alone: Object.fromEntries(bundled.map((connector) => [connector.provider, []])),
      },
    ]),
  ),
});

/** One round of samples; the first error of a variant (or of a router) ends its sampling. */
const sampleRound = (ready, routers, samples) => {
  for (const connector of ready) {
    for (const [variant, file] of variantFiles(connector)) {
      const errors = samples.connectorErrors[connector.provider];
      if (errors[variant]) continue;
      try {
        samples.connectors[connector.provider][variant].push(sampleOf([file]));
      } catch (error) {
        errors[variant] = errorText(error);
      }
    }
  }
  for (const router of routers) {
    const taken = samples.routers[router.provider];
    const sample = (list, files) => {
      if (taken.error) return;
      try {
        list.push(sampleOf(files));
      } catch (error) {
        taken.error = errorText(error);
      }
    };
    sample(taken.router, [router.lib]);
    sample(
      taken.together,
      router.bundled.map(({ lib }) => lib),
    );
    for (const { provider, lib } of router.bundled) {
      if (!samples.connectors[provider]) sample(taken.alone[provider], [lib]);
    }
  }
  if (ready.length < 2) return;
  for (const [variant, files] of Object.entries(samples.allVariants)) {
    if (samples.allErrors[variant]) continue;
    try {
      samples.all[variant].push(sampleOf(files));
    } catch (error) {
      samples.allErrors[variant] = errorText(error);
    }
  }
};

/** The lazy chunks' part of the samples that loaded them after the import. */
const chunksFigure = (withChunks) => ({
  files: withChunks[0].chunks.files.map((file) => ({
    name: path.basename(file),
    bytes: statSync(file).size,
  })),
  heap: median(withChunks.map(({ chunks }) => chunks.heap)),
  ms: median(withChunks.map(({ chunks }) => chunks.ms)),
  largeObjects: median(withChunks.map(({ chunks }) => chunks.spaces.large_object_space)),
});

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
    ...(withChunks.length > 0 ? { chunks: chunksFigure(withChunks) } : {}),
  };
};

/** The figures into `results` and `routerResults`; returns the all-together figure, if any. */
const recordFigures = (ready, routers, samples, results, routerResults) => {
  for (const connector of ready) {
    const result = results[connector.provider];
    const errors = samples.connectorErrors[connector.provider];
    result.startup = Object.fromEntries(
      variantFiles(connector).map(([variant, file]) => [
        variant,
        {
          ...startupFigure(samples.connectors[connector.provider][variant], errors[variant]),
          entryBytes: statSync(file).size,
        },
      ]),
    );
    for (const [variant, why] of Object.entries(errors)) {
      result.notes.push(`startup figures of ${variant} not measured: ${why}`);
    }
  }
  for (const router of routers) {
    const { router: alone, together, alone: bundled, error } = samples.routers[router.provider];
    routerResults[router.provider].startup = {
      router: startupFigure(alone, error),
      together: startupFigure(together, error),
      alone: Object.fromEntries(
        router.bundled.map(({ provider }) => [
          provider,
          startupFigure(samples.connectors[provider]?.switchboard ?? bundled[provider], error),
        ]),
      ),
    };
    if (error) routerResults[router.provider].notes.push(`startup figures not measured: ${error}`);
  }
  if (ready.length < 2) return undefined;
  return {
    count: ready.length,
    switchboard: startupFigure(samples.all.switchboard, samples.allErrors.switchboard),
    official: startupFigure(samples.all.official, samples.allErrors.official),
    notes: Object.entries(samples.allErrors).map(
      ([variant, why]) => `startup figures of all ${variant} connectors not measured: ${why}`,
    ),
  };
};

/** V8 heap snapshots before and after the imports of `files`, in one process, summarised. */
const heapBreakdown = (name, files) => {
  const prefix = profilePath(name);
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

/** Heap snapshots where a startup heap target is missed (or BENCH_PROFILE=always). */
const breakDownMissedHeaps = (ready, results, startupAll, allVariants) => {
  if (settings.profile === 'never') return;
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
};

/**
 * The startup figures of every connector and router, into `results` and `routerResults`; returns
 * the figure of all connectors together (undefined for fewer than two).
 */
export const measureStartup = (ready, routers, results, routerResults) => {
  const samples = emptySamples(ready, routers);
  if (ready.length + routers.length > 0) {
    log(
      `startup heap and import: ${settings.startupRuns} fresh processes per package` +
        (ready.length > 1 ? ` and for all ${ready.length} together` : ''),
    );
    for (let run = 0; run < settings.startupRuns; run += 1) {
      sampleRound(ready, routers, samples);
    }
  }
  const startupAll = recordFigures(ready, routers, samples, results, routerResults);
  breakDownMissedHeaps(ready, results, startupAll, samples.allVariants);
  return startupAll;
};
