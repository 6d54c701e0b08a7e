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
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const fileArgument = args.find(
  (arg, index) => !arg.startsWith('--') && args[index - 1] !== '--profile',
);
const file = fileArgument && realpathSync(path.resolve(fileArgument));
const profileFile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const sharedNames = ['got', 'zod', '@logto/connector-kit'];
const print = (figures) => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ...figures, cpu: (user + system) / 1000 }));
};
const notImplemented = async () => {
  throw new Error('not_implemented');
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

/** The `import` entry of a package's exports, as `import name` from `from` would resolve it. */
const importEntry = (name, from) => {
  for (let directory = path.dirname(from); ; directory = path.dirname(directory)) {
    const root = path.join(directory, 'node_modules', name);
    if (existsSync(path.join(root, 'package.json'))) {
      const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
      let entry = manifest.exports?.['.'] ?? manifest.exports;
      while (entry && typeof entry === 'object')
        entry = entry.import ?? entry.node ?? entry.default;
      if (typeof entry === 'string')
        return pathToFileURL(realpathSync(path.join(root, entry))).href;
      break;
    }
    if (path.dirname(directory) === directory) break;
  }
  // No exports map: Node's own resolution (the CommonJS entry).
  return pathToFileURL(createRequire(from).resolve(name)).href;
};

const sharedUrls = () => sharedNames.map((name) => [name, importEntry(name, file)]);

if (file && args.includes('--deps')) {
  const deps = {};
  const start = performance.now();
  for (const [name, url] of sharedUrls()) {
    const before = performance.now();
    await import(url);
    deps[name] = performance.now() - before;
  }
  print({ ms: performance.now() - start, deps });
} else if (file) {
  if (args.includes('--shared')) {
    for (const [, url] of sharedUrls()) await import(url);
  }
  await startProfile();
  const start = performance.now();
  const module = await import(pathToFileURL(file).href);
  const create = typeof module.default === 'function' ? module.default : module.default?.default;
  const connector = await create({ getConfig: notImplemented });
  const ms = performance.now() - start;
  await stopProfile();
  if (!connector?.metadata) throw new Error('the factory returned no metadata');
  print({ ms });
} else {
  print({ ms: 0 });
}
