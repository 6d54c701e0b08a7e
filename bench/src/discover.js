// The list of connectors is derived from the folders: every packages/connector-* folder is a
// candidate; it is benchmarked when it has a built lib/index.js, a bench module
// (bench/src/providers/<folder without "connector-">.js) and the official package installed.
// Anything missing gives a "not benchmarked yet" line, never an error. A router's bench module
// (`direct` instead of `official`: the SMS router) is compared with Switchboard connectors instead:
// the one it sends through, and the ones its bundle carries (read from its source map).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const benchDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(benchDirectory, '..');
const errorText = (error) => (error instanceof Error ? error.message : String(error));

/**
 * @typedef {{ provider: string, folder: string, directory: string, name: string, version: string,
 *   lib: string, module: string, bench: import('./providers/types.js').ProviderBench,
 *   officialDirectory: string, officialLib: string, officialVersion: string }} ReadyConnector
 * @typedef {{ provider: string, folder: string, reason: string }} SkippedConnector
 * @typedef {{ provider: string, folder: string, directory: string, name: string, version: string,
 *   lib: string, module: string, bench: import('./providers/types.js').RouterBench,
 *   directLib: string, bundled: { provider: string, lib: string }[] }} ReadyRouter
 */

/**
 * The other connector packages whose source a bundle carries, from its source map
 * (`../../connector-twilio-sms/src/…`): what a router replaces.
 */
const bundledConnectors = (lib) => {
  const { sources } = JSON.parse(readFileSync(`${lib}.map`, 'utf8'));
  const folders = new Set(
    sources.flatMap((source) => source.match(/(?:^|\/)(connector-[^/]+)\/src\//)?.[1] ?? []),
  );
  return [...folders].sort().map((folder) => ({
    provider: folder.slice('connector-'.length),
    lib: path.join(repoRoot, 'packages', folder, 'lib', 'index.js'),
  }));
};

/**
 * @returns {Promise<{ ready: ReadyConnector[], routers: ReadyRouter[],
 *   skipped: SkippedConnector[] }>}
 */
export const discoverConnectors = async ({ only } = {}) => {
  const packages = path.join(repoRoot, 'packages');
  const folders = readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('connector-'))
    .map((entry) => entry.name)
    .sort();
  const ready = [];
  const routers = [];
  const skipped = [];
  for (const folder of folders) {
    const provider = folder.slice('connector-'.length);
    if (only && !only.includes(provider)) continue;
    const directory = path.join(packages, folder);
    const skip = (reason) => skipped.push({ provider, folder, reason });
    const module = path.join(benchDirectory, 'src', 'providers', `${provider}.js`);
    if (!existsSync(module)) {
      skip(`no bench module yet (bench/src/providers/${provider}.js)`);
      continue;
    }
    const lib = path.join(directory, 'lib', 'index.js');
    if (!existsSync(lib)) {
      skip(
        `packages/${folder}/lib/index.js is not built yet (pnpm -F @switchboard/${folder} build)`,
      );
      continue;
    }
    let bench;
    try {
      bench = (await import(pathToFileURL(module).href)).default;
    } catch (error) {
      skip(`bench module failed to load: ${errorText(error)}`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
    if (bench.direct) {
      const directLib = path.join(packages, `connector-${bench.direct}`, 'lib', 'index.js');
      let bundled;
      try {
        bundled = bundledConnectors(lib);
      } catch (error) {
        skip(`no source map to read the connectors it bundles from: ${errorText(error)}`);
        continue;
      }
      const unbuilt = [directLib, ...bundled.map((connector) => connector.lib)].find(
        (file) => !existsSync(file),
      );
      if (unbuilt) {
        skip(`${path.relative(repoRoot, unbuilt)} is not built yet`);
        continue;
      }
      routers.push({
        provider,
        folder,
        directory,
        name: manifest.name,
        version: manifest.version,
        lib,
        module,
        bench,
        directLib,
        bundled,
      });
      continue;
    }
    // The official packages export only ./lib/index.js, so look the folder up, not the name.
    const officialDirectory = path.join(benchDirectory, 'node_modules', bench.official);
    if (!existsSync(path.join(officialDirectory, 'package.json'))) {
      skip(`${bench.official} is not installed (pnpm install)`);
      continue;
    }
    const official = JSON.parse(readFileSync(path.join(officialDirectory, 'package.json'), 'utf8'));
    ready.push({
      provider,
      folder,
      directory,
      name: manifest.name,
      version: manifest.version,
      lib,
      module,
      bench,
      officialDirectory,
      officialLib: path.join(realpathSync(officialDirectory), 'lib', 'index.js'),
      officialVersion: official.version,
    });
  }
  return { ready, routers, skipped };
};
