// One fresh process of the first-send figures, started by run.js like the measuring child (with
// preload.js, the fake's CA and a job in BENCH_JOB), but it loads ONE connector only: both
// variants use Node's global https agent, so a second connector in the same process would find a
// connection already open. After startup (Logto's shared dependencies, then the connector imported
// and its factory called, as in measure.js), it times the first call against the fake provider
// and then a second one, one at a time, with the provider module's setup()/invoke(). The first
// call pays whatever the connector does once (for Switchboard's SMS connectors, loading the
// phone-metadata chunk) plus what any first request pays (DNS, TCP, TLS, got's first request).
// With `profile` in the job, the first call is CPU-profiled (inspector, 50 µs sampling) instead.
// Writes {"first": ms, "second": ms} to job.out.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';

import { createConnector, sharedUrls } from './logto.js';

/** @type {{ module: string, lib: string, out: string, profile?: string }} */
const job = JSON.parse(process.env.BENCH_JOB ?? '{}');

const bench = /** @type {import('../providers/types.js').ProviderBench} */ (
  (await import(pathToFileURL(job.module).href)).default
);
const context = await bench.setup();

// Startup, as Logto does it: shared dependencies first, then the connector.
for (const [, url] of sharedUrls(job.lib)) await import(url);
const connector = await createConnector(job.lib, {
  getConfig: async () => context.config,
  getI18nEmailTemplate: async () => undefined,
});

let session;
const post = (method, parameters) =>
  new Promise((resolve, reject) =>
    session.post(method, parameters, (error, result) => (error ? reject(error) : resolve(result))),
  );
if (job.profile) {
  session = new Session();
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
}

const timed = async () => {
  const start = process.hrtime.bigint();
  const result = await context.invoke(connector);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  context.check?.(result);
  return ms;
};
const first = await timed();
if (session) {
  const { profile } = /** @type {{ profile: object }} */ (await post('Profiler.stop'));
  writeFileSync(/** @type {string} */ (job.profile), JSON.stringify(profile));
}
const second = await timed();
writeFileSync(job.out, JSON.stringify({ first, second }));
process.exit(0);
