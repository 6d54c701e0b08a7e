// The measuring child: one process per provider, started by run.js with preload.js, the fake's CA
// in NODE_EXTRA_CA_CERTS and a job in BENCH_JOB. It loads the job's connectors the way Logto does
// (default export of lib/index.js, called with getConfig), then times the provider's call one at a
// time against the fake: the connectors (Switchboard and official; for the router, routed and
// direct) and the floors (bare requests with a keep-alive agent), interleaved in blocks so drift
// hits all of them alike. Writes its figures as JSON.
import { writeFileSync } from 'node:fs';
import https from 'node:https';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';

import { got } from 'got';

/** @type {{ provider: string, module: string, files: Record<string, string>, calls: number, warmup: number, rounds: number, out: string, only?: string, profile?: string }} */
const job = JSON.parse(process.env.BENCH_JOB ?? '{}');
const message = (error) => (error instanceof Error ? error.message : String(error)).slice(0, 400);

const bench = /** @type {import('../providers/types.js').ProviderBench} */ (
  (await import(pathToFileURL(job.module).href)).default
);
const context = await bench.setup();

/**
 * Loads a connector the way Logto does, with the variant's config, and returns the call to time,
 * or the reason it can't.
 */
const load = async (name, file) => {
  const config = context.configs?.[name] ?? context.config;
  try {
    const module = await import(pathToFileURL(file).href);
    const create = typeof module.default === 'function' ? module.default : module.default?.default;
    const connector = await create({
      getConfig: async () => config,
      getI18nEmailTemplate: async () => undefined,
    });
    return { call: () => context.invoke(connector) };
  } catch (error) {
    return { error: `could not load: ${message(error)}` };
  }
};

const agent = new https.Agent({ keepAlive: true });
const floor = async () => {
  for (const request of bench.floor) {
    await got(request.url, {
      method: /** @type {import('got').Method} */ (request.method),
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      agent: { https: agent },
      retry: { limit: 0 },
    });
  }
};

// A second, lower floor: the same requests with node:https alone (no got), to show what the
// transport costs without any HTTP client library.
const httpsAgent = new https.Agent({ keepAlive: true });
const bareHttps = (request) =>
  new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const outgoing = https.request(
      request.url,
      {
        method: request.method,
        headers: { ...request.headers, ...(body ? { 'content-length': body.length } : {}) },
        agent: httpsAgent,
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          (response.statusCode ?? 0) < 400
            ? resolve(Buffer.concat(chunks).toString('utf8'))
            : reject(new Error(`HTTP ${response.statusCode}`)),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
const floorHttps = async () => {
  for (const request of bench.floor) await bareHttps(request);
};

/** @type {Record<string, { call?: () => Promise<unknown>, error?: string }>} */
const variants = {};
for (const [name, file] of Object.entries(job.files)) variants[name] = await load(name, file);
variants.floor = { call: floor };
variants.floorHttps = { call: floorHttps };
for (const name of Object.keys(variants)) {
  if (job.only && name !== job.only) delete variants[name];
}

// One call each first: a connector that fails here is reported, not timed.
for (const [name, variant] of Object.entries(variants)) {
  if (!variant.call) continue;
  try {
    const result = await variant.call();
    if (!name.startsWith('floor')) context.check?.(result);
  } catch (error) {
    variants[name] = { error: `first call failed: ${message(error)}` };
  }
}
const live = Object.entries(variants).filter(([, variant]) => variant.call);

const run = async (call, count, times) => {
  let failures = 0;
  let lastError;
  for (let index = 0; index < count; index += 1) {
    const start = process.hrtime.bigint();
    try {
      await call();
    } catch (error) {
      failures += 1;
      lastError = message(error);
    }
    if (times) times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return { failures, lastError };
};

// Warm-up, interleaved.
const warmBlock = Math.max(1, Math.ceil(job.warmup / 4));
for (let round = 0; round < 4; round += 1) {
  for (const [, variant] of live) await run(variant.call, warmBlock);
}

let profiler;
if (job.profile) {
  profiler = new Session();
  profiler.connect();
  const post = (method, parameters) =>
    new Promise((resolve, reject) =>
      profiler.post(method, parameters, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  profiler.stopAndSave = async () => {
    const { profile } = /** @type {{ profile: object }} */ (await post('Profiler.stop'));
    writeFileSync(job.profile, JSON.stringify(profile));
  };
}

// Timed: `rounds` rounds, each a block per variant, the order rotated every round.
const block = Math.ceil(job.calls / job.rounds);
/** @type {Record<string, { times: number[], cpu: number, failures: number, lastError?: string }>} */
const results = Object.fromEntries(
  live.map(([name]) => [name, { times: [], cpu: 0, failures: 0 }]),
);
for (let round = 0; round < job.rounds; round += 1) {
  for (let index = 0; index < live.length; index += 1) {
    const [name, variant] = live[(round + index) % live.length];
    const cpuBefore = process.cpuUsage();
    const { failures, lastError } = await run(variant.call, block, results[name].times);
    const cpu = process.cpuUsage(cpuBefore);
    results[name].cpu += cpu.user + cpu.system;
    results[name].failures += failures;
    if (lastError) results[name].lastError = lastError;
  }
}
await profiler?.stopAndSave();

const out = {
  provider: job.provider,
  node: process.version,
  variants: Object.fromEntries(
    Object.entries(variants).map(([name, variant]) => {
      if (variant.error) return [name, { error: variant.error }];
      const result = results[name];
      return [
        name,
        {
          times: result.times,
          cpuPerCall: result.cpu / result.times.length,
          failures: result.failures,
          ...(result.lastError ? { lastError: result.lastError } : {}),
        },
      ];
    }),
  ),
};
writeFileSync(job.out, JSON.stringify(out));
agent.destroy();
httpsAgent.destroy();
process.exit(0);
