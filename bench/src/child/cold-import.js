// One fresh process of the cold-import figures. `node cold-import.js <lib/index.js>` imports a
// connector and calls its factory the way Logto's loader does (getConfig throws), then exits; the
// parent times the whole process. With no argument it imports nothing: the baseline of the same
// ESM entry. Options:
//   --shared          first load Logto's shared dependencies (got, zod, @logto/connector-kit,
//                     resolved from the package itself so they are the instances it will use), then
//                     time only the connector's own part in-process: what a running Logto pays.
//   --deps            time only those shared dependencies, each in turn, in-process.
//   --profile <file>  write a CPU profile of the timed part (inspector, 50 µs sampling).
// Prints JSON: {"ms": in-process milliseconds of the timed part, "cpu": CPU milliseconds of the
// whole process so far (user + system, all threads), "deps": {...} with --deps}.
// The loader and the resolution of the shared dependencies are in ./logto.js, which the empty
// entry imports too, so the baseline and the runs load the same bench code.
import { realpathSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { createConnector, notImplemented, sharedUrls } from './logto.js';

const args = process.argv.slice(2);
const fileArgument = args.find(
  (arg, index) => !arg.startsWith('--') && args[index - 1] !== '--profile',
);
const file = fileArgument && realpathSync(path.resolve(fileArgument));
const profileFile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const print = (figures) => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ...figures, cpu: (user + system) / 1000 }));
};

let session;
const post = (method, parameters) =>
  new Promise((resolve, reject) =>
    session.post(method, parameters, (error, result) => (error ? reject(error) : resolve(result))),
  );
const startProfile = async () => {
  if (!profileFile) return;
  session = new Session();
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
};
const stopProfile = async () => {
  if (!session) return;
  const { profile } = /** @type {{ profile: object }} */ (await post('Profiler.stop'));
  writeFileSync(profileFile, JSON.stringify(profile));
};

if (file && args.includes('--deps')) {
  const deps = {};
  const start = performance.now();
  for (const [name, url] of sharedUrls(file)) {
    const before = performance.now();
    await import(url);
    deps[name] = performance.now() - before;
  }
  print({ ms: performance.now() - start, deps });
} else if (file) {
  if (args.includes('--shared')) {
    for (const [, url] of sharedUrls(file)) await import(url);
  }
  await startProfile();
  const start = performance.now();
  const connector = await createConnector(file, { getConfig: notImplemented });
  const ms = performance.now() - start;
  await stopProfile();
  if (!connector?.metadata) throw new Error('the factory returned no metadata');
  print({ ms });
} else {
  print({ ms: 0 });
}
