// The list of connectors is derived from the folders: every packages/connector-* folder is a
// candidate; it is benchmarked when it has a built lib/index.js, a bench module
// (bench/src/providers/<folder without "connector-">.js) and the official package installed.
// Anything missing gives a "not benchmarked yet" line, never an error.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const benchDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(benchDirectory, '..');

/**
 * @typedef {{ provider: string, folder: string, directory: string, name: string, version: string,
 *   lib: string, module: string, bench: import('./providers/types.js').ProviderBench,
 *   officialDirectory: string, officialLib: string, officialVersion: string }} ReadyConnector
 * @typedef {{ provider: string, folder: string, reason: string }} SkippedConnector
 */

/** @returns {Promise<{ ready: ReadyConnector[], skipped: SkippedConnector[] }>} */
export const discoverConnectors = async ({ only } = {}) => {
  const packages = path.join(repoRoot, 'packages');
  const folders = readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('connector-'))
    .map((entry) => entry.name)
    .sort();
  const ready = [];
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
      skip(
        `bench module failed to load: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    // The official packages export only ./lib/index.js, so look the folder up, not the name.
    const officialDirectory = path.join(benchDirectory, 'node_modules', bench.official);
    if (!existsSync(path.join(officialDirectory, 'package.json'))) {
      skip(`${bench.official} is not installed (pnpm install)`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
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
  return { ready, skipped };
};
