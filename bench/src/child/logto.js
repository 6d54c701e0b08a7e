// What the bench's child processes share about how Logto sees a connector: the dependencies a
// Logto server has already loaded (resolved from the connector package, so they are the instances
// it will use), the loader (default export of lib/index.js, called with the factory options), and
// the chunks a bundled lib/index.js imports lazily (Switchboard's phone metadata).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What Logto has loaded before it imports any connector. */
export const sharedNames = ['got', 'zod', '@logto/connector-kit'];

/** Logto's loader calls the factory with this `getConfig` at startup: config comes later. */
export const notImplemented = async () => {
  throw new Error('not_implemented');
};

/** The `import` entry of a package's exports, as `import name` from `from` would resolve it. */
export const importEntry = (name, from) => {
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

/** [name, url] of each shared dependency, resolved from the package of `file`. */
export const sharedUrls = (file) => sharedNames.map((name) => [name, importEntry(name, file)]);

/** Imports a connector's lib/index.js and calls its default-exported factory, as Logto does. */
export const createConnector = async (file, options) => {
  const module = await import(pathToFileURL(file).href);
  const create = typeof module.default === 'function' ? module.default : module.default?.default;
  return create(options);
};

/** The files beside `file` that it imports lazily (`import('./chunk.js')`), as absolute paths. */
export const lazyChunks = (file) => {
  const source = readFileSync(file, 'utf8');
  const names = new Set(
    [...source.matchAll(/\bimport\(\s*["'](\.\/[^"']+\.js)["']\s*\)/g)].map((match) => match[1]),
  );
  return [...names].map((name) => path.join(path.dirname(file), name));
};
