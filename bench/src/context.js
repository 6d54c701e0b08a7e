// What every part of a bench run shares: the settings from the environment, where the run writes,
// and its log.
//
// Environment (all optional): BENCH_ONLY=twilio-sms,mailgun  BENCH_CALLS=2000 (never fewer)
// BENCH_WARMUP=500  BENCH_ROUNDS=8  BENCH_COLD_RUNS=10  BENCH_STARTUP_RUNS=7 (never fewer than 5)
// BENCH_PROFILE=auto|always|never
import os from 'node:os';
import path from 'node:path';

import { benchDirectory } from './discover.js';

const minimumCalls = 2000;
const minimumStartupRuns = 5;
const numberFromEnv = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};
export const settings = {
  calls: Math.max(minimumCalls, numberFromEnv('BENCH_CALLS', minimumCalls)),
  warmup: numberFromEnv('BENCH_WARMUP', 500),
  rounds: numberFromEnv('BENCH_ROUNDS', 8),
  coldRuns: numberFromEnv('BENCH_COLD_RUNS', 10),
  startupRuns: Math.max(minimumStartupRuns, numberFromEnv('BENCH_STARTUP_RUNS', 7)),
  profile: process.env.BENCH_PROFILE ?? 'auto',
  only: process.env.BENCH_ONLY?.split(',').filter(Boolean),
};
export const workDirectory = path.join(benchDirectory, '.tmp');
export const childDirectory = path.join(benchDirectory, 'src', 'child');
export const started = Date.now();
export const loadAtStart = os.loadavg();
export const log = (line) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
export const errorText = (error) => (error instanceof Error ? error.message : String(error));

/** A connector's two packages, by variant name: `[['switchboard', lib], ['official', lib]]`. */
export const variantFiles = (connector) => [
  ['switchboard', connector.lib],
  ['official', connector.officialLib],
];

/** A CPU profile's path in the run's work folder. */
export const profilePath = (name) => path.join(workDirectory, 'profiles', name);
