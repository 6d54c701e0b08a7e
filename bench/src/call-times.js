// Time per call, against the fake provider: each connector's send beside the official package's,
// interleaved in one child with the floors, and the SMS router's routed send beside the direct
// one; profiled where a target is missed (or BENCH_PROFILE=always).
import path from 'node:path';

import { spawnChild } from './children.js';
import { errorText, log, profilePath, settings, variantFiles, workDirectory } from './context.js';
import { summariseProfile } from './profile.js';
import { median, percentile } from './stats.js';
import { targets } from './targets.js';

const profileCalls = 1000;

/**
 * Runs one measuring child (measure.js, the connectors of `files` by variant name, and the floors)
 * and returns its JSON.
 */
const runChild = (fake, connector, files, extra = {}) =>
  spawnChild(fake, 'measure.js', connector, {
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
const timeCalls = async (fake, connector, files, result) => {
  log(
    `${connector.provider}: ${settings.warmup} warm-up + ${settings.calls} timed ${connector.bench.operation} calls each`,
  );
  try {
    const measured = await runChild(fake, connector, files);
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
    result.error = errorText(error);
    result.notes.push(`${connector.bench.operation} not measured: ${result.error}`);
    log(`${connector.provider}: ${result.error}`);
  }
};

/** Profiles the timed calls of each variant of `files`, alone in a child each, into `result`. */
const profileTimedCalls = async (fake, connector, files, result) => {
  result.profiles = {};
  for (const variant of Object.keys(files)) {
    const file = profilePath(`${connector.provider}-${variant}-calls.cpuprofile`);
    log(`${connector.provider}: profiling ${variant} ${connector.bench.operation}`);
    try {
      // A profile needs samples, not a distribution: fewer calls than the timed run.
      await runChild(fake, connector, files, {
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

/** Missed: the median's own target, or Switchboard's work above the got floor exceeds official's. */
const missesTimeTarget = (connector, { switchboard, official, floor }) => {
  const officialOverhead = official.median - (floor?.median ?? Number.NaN);
  return (
    switchboard.median / official.median > connector.bench.target ||
    (officialOverhead > 0 &&
      (switchboard.median - floor.median) / officialOverhead > targets.overheadRatio)
  );
};

/** Each connector's calls beside the official package's, into `results[provider]`. */
export const measureConnectorCalls = async (fake, ready, results) => {
  for (const connector of ready) {
    await timeCalls(
      fake,
      connector,
      Object.fromEntries(variantFiles(connector)),
      results[connector.provider],
    );
  }
  // Where a time target is missed (or BENCH_PROFILE=always), profile each connector's timed calls.
  for (const connector of ready) {
    const result = results[connector.provider];
    const { switchboard, official } = result.time ?? {};
    if (!switchboard?.median || !official?.median || settings.profile === 'never') continue;
    if (!missesTimeTarget(connector, result.time) && settings.profile !== 'always') continue;
    await profileTimedCalls(fake, connector, Object.fromEntries(variantFiles(connector)), result);
  }
};

/**
 * The router: its send, routed to one provider, beside that provider's connector sending directly,
 * interleaved in one child with the floors; profiled where it misses its target.
 */
export const measureRouterCalls = async (fake, routers, routerResults) => {
  for (const router of routers) {
    const result = routerResults[router.provider];
    const files = { routed: router.lib, direct: router.directLib };
    await timeCalls(fake, router, files, result);
    const { routed, direct } = result.time ?? {};
    if (!routed?.median || !direct?.median || settings.profile === 'never') continue;
    if (routed.median / direct.median <= targets.routedSendRatio && settings.profile !== 'always')
      continue;
    await profileTimedCalls(fake, router, files, result);
  }
};
