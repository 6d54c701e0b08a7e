// Cold import: wall-clock time of a fresh `node` importing each package, beside the bare and
// empty-entry baselines; profiled where the target is missed (or BENCH_PROFILE=always).
import path from 'node:path';

import { spawnTimed } from './children.js';
import { childDirectory, errorText, log, profilePath, settings, variantFiles } from './context.js';
import { summariseProfile } from './profile.js';
import { median } from './stats.js';

const coldChild = path.join(childDirectory, 'cold-import.js');
const coldProfileRuns = 3;

/** One sample of each package of `connector` into `samples`; the first error of a variant ends it. */
const sampleConnector = (connector, samples) => {
  for (const [variant, file] of variantFiles(connector)) {
    if (samples.error?.[variant]) continue;
    try {
      const fresh = spawnTimed([coldChild, file]);
      samples[variant].push(fresh.ms);
      samples[`${variant}Cpu`].push(JSON.parse(fresh.output).cpu);
      samples[`${variant}Shared`].push(
        JSON.parse(spawnTimed([coldChild, file, '--shared']).output).ms,
      );
    } catch (error) {
      samples.error = { ...samples.error, [variant]: errorText(error) };
    }
  }
};

/** `settings.coldRuns` rounds of the baselines and every package, interleaved. */
const sampleColdImports = (ready) => {
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
  if (ready.length === 0) return { baselines, sharedDeps, cold };
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
    for (const connector of ready) sampleConnector(connector, cold[connector.provider]);
  }
  return { baselines, sharedDeps, cold };
};

/** Profiles the connector's own part of the import (after got, zod and the kit are loaded). */
const profileColdImports = (connector, result) => {
  log(`${connector.provider}: profiling the import of each package`);
  result.coldProfiles = {};
  for (const [variant, file] of variantFiles(connector)) {
    try {
      const files = [];
      for (let run = 0; run < coldProfileRuns; run += 1) {
        const out = profilePath(`${connector.provider}-${variant}-import-${run}.cpuprofile`);
        spawnTimed([coldChild, file, '--shared', '--profile', out]);
        files.push(out);
      }
      result.coldProfiles[variant] = summariseProfile(files, 1);
    } catch (error) {
      result.notes.push(
        `import profile of ${variant} failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
};

/**
 * Each package's cold import into `results[provider].cold`; returns the baselines' medians and
 * the shared dependencies' samples for the report.
 */
export const measureColdImports = (ready, results) => {
  const { baselines, sharedDeps, cold } = sampleColdImports(ready);
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
  // Where the cold-import target is missed (or BENCH_PROFILE=always), profile the import.
  for (const connector of ready) {
    const { switchboard, official } = results[connector.provider].cold;
    if (settings.profile === 'never' || !switchboard.wall || !official.wall) continue;
    const ratio = switchboard.aboveEmptyEntry / official.aboveEmptyEntry;
    if (ratio <= 0.8 && settings.profile !== 'always') continue;
    profileColdImports(connector, results[connector.provider]);
  }
  return { bareMedian, emptyMedian, sharedDeps };
};
