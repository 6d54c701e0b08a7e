// The first send after startup, against the fake provider: a fresh process per sample, with ONE
// connector in it (both use Node's global https agent, so a second connector would find the
// connection open); variants interleaved. Profiled where Switchboard's one-time cost misses its
// target (or BENCH_PROFILE=always).
import path from 'node:path';

import { spawnChild } from './children.js';
import { errorText, log, profilePath, settings, variantFiles, workDirectory } from './context.js';
import { summariseProfile } from './profile.js';
import { median } from './stats.js';
import { targets } from './targets.js';

const firstProfileRuns = 3;

const runFirstSend = (fake, connector, variant, file, extra = {}) =>
  spawnChild(fake, 'first-send.js', connector, {
    module: connector.module,
    lib: file,
    out: path.join(workDirectory, `${connector.provider}-first-${variant}.json`),
    ...extra,
  });

/** `settings.startupRuns` samples of each variant, interleaved; the first error of a variant ends it. */
const sampleFirstSends = async (fake, ready, results) => {
  /** @type {Record<string, Record<string, { first: number, second: number }[]>>} */
  const samples = Object.fromEntries(
    ready.map(({ provider }) => [provider, { switchboard: [], official: [] }]),
  );
  const errors = Object.fromEntries(ready.map(({ provider }) => [provider, {}]));
  for (let run = 0; run < settings.startupRuns; run += 1) {
    for (const connector of ready) {
      for (const [variant, file] of variantFiles(connector)) {
        const failed = errors[connector.provider];
        // A connector whose timed call could not run is not tried again here.
        const timeError = results[connector.provider].time?.[variant]?.error;
        if (failed[variant] || results[connector.provider].error || timeError) continue;
        try {
          samples[connector.provider][variant].push(
            await runFirstSend(fake, connector, variant, file),
          );
        } catch (error) {
          failed[variant] = errorText(error);
        }
      }
    }
  }
  return { samples, errors };
};

const firstSendFigure = (samples, error) => {
  if (error) return { error };
  if (samples.length === 0) return undefined;
  return {
    first: median(samples.map(({ first }) => first)),
    second: median(samples.map(({ second }) => second)),
    oneTime: median(samples.map(({ first, second }) => first - second)),
    samples: samples.length,
  };
};

/** Profiles the first call of each package of `connector`, a few fresh processes each. */
const profileFirstSends = async (fake, connector, result) => {
  log(`${connector.provider}: profiling the first ${connector.bench.operation} of each package`);
  result.firstProfiles = {};
  for (const [variant, file] of variantFiles(connector)) {
    try {
      const files = [];
      for (let run = 0; run < firstProfileRuns; run += 1) {
        const profile = profilePath(
          `${connector.provider}-${variant}-first-call-${run}.cpuprofile`,
        );
        await runFirstSend(fake, connector, variant, file, { profile });
        files.push(profile);
      }
      result.firstProfiles[variant] = summariseProfile(files, 1);
    } catch (error) {
      result.notes.push(`first-call profile of ${variant} failed: ${errorText(error)}`);
    }
  }
};

/** The first and second send of each connector's packages, into `results[provider].firstSend`. */
export const measureFirstSends = async (fake, ready, results) => {
  if (!fake.server || ready.length === 0) return;
  log(
    `first ${ready.length > 1 ? 'calls' : 'call'} after startup: ${settings.startupRuns} fresh processes per package`,
  );
  const { samples, errors } = await sampleFirstSends(fake, ready, results);
  for (const connector of ready) {
    const result = results[connector.provider];
    const figure = (variant) =>
      firstSendFigure(samples[connector.provider][variant], errors[connector.provider][variant]);
    result.firstSend = { switchboard: figure('switchboard'), official: figure('official') };
    for (const [variant, why] of Object.entries(errors[connector.provider])) {
      result.notes.push(`first ${connector.bench.operation} of ${variant} not measured: ${why}`);
      log(`${connector.provider}: first ${connector.bench.operation} of ${variant}: ${why}`);
    }
  }
  for (const connector of ready) {
    const result = results[connector.provider];
    const oneTime = result.firstSend?.switchboard?.oneTime;
    if (settings.profile === 'never' || !Number.isFinite(oneTime)) continue;
    if (!result.firstSend.official?.first) continue;
    if (oneTime < targets.firstSendOneTimeMs && settings.profile !== 'always') continue;
    await profileFirstSends(fake, connector, result);
  }
};
