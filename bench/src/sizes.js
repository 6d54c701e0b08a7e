// Sizes on disk, as apparent bytes (file lengths, not blocks), each file counted once.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Total bytes of the files under `directory`, skipping nested node_modules. */
export const treeBytes = (directory, { skip = ['node_modules'], only } = {}) => {
  if (!existsSync(directory)) return 0;
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) total += treeBytes(full, { skip, only });
    else if (entry.isFile() && (!only || only(entry.name))) total += statSync(full).size;
  }
  return total;
};

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Node's lookup of a bare package name from `directory` upwards; the real path, or undefined. */
const resolvePackage = (name, directory) => {
  for (let current = directory; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(current) === current) return undefined;
  }
};

/**
 * A package and the closure of its run-time dependencies (dependencies, optional and peer
 * dependencies, since the kit imports its peer `ky` at load time), each package folder counted
 * once, without its nested node_modules.
 * @returns {{ bytes: number, packages: string[] }}
 */
export const closureBytes = (packageDirectory, { roots } = {}) => {
  const seen = new Map();
  const visit = (directory, names) => {
    for (const name of names) {
      const resolved = resolvePackage(name, directory);
      if (!resolved || seen.has(resolved)) continue;
      const manifest = readJson(path.join(resolved, 'package.json'));
      seen.set(resolved, `${manifest.name}@${manifest.version}`);
      visit(resolved, dependencyNames(manifest));
    }
  };
  const dependencyNames = (manifest) => [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ];
  const real = realpathSync(packageDirectory);
  visit(real, roots ?? dependencyNames(readJson(path.join(real, 'package.json'))));
  let bytes = 0;
  for (const directory of seen.keys()) bytes += treeBytes(directory);
  return { bytes, packages: [...seen.values()].sort() };
};

/** The files `npm pack` puts in a tarball: package.json, README*, LICENSE* and `files`. */
export const packedBytes = (packageDirectory) => {
  const manifest = readJson(path.join(packageDirectory, 'package.json'));
  const always = readdirSync(packageDirectory).filter((name) =>
    /^(package\.json|readme(\..*)?|license(\..*)?|licence(\..*)?)$/i.test(name),
  );
  const entries = new Set([...always, ...(manifest.files ?? [])]);
  let bytes = 0;
  for (const entry of entries) {
    const full = path.join(packageDirectory, entry);
    if (!existsSync(full)) continue;
    bytes += statSync(full).isDirectory() ? treeBytes(full) : statSync(full).size;
  }
  return bytes;
};

/**
 * Every size figure of one connector package.
 * @param {string} packageDirectory
 * @param {'switchboard' | 'official'} kind
 */
export const packageSizes = (packageDirectory, kind) => {
  const lib = path.join(packageDirectory, 'lib');
  const logtoShared = ['@logto/connector-kit', 'got', 'zod'];
  const manifest = readJson(path.join(packageDirectory, 'package.json'));
  const own =
    kind === 'official' ? treeBytes(realpathSync(packageDirectory)) : packedBytes(packageDirectory);
  const closure = closureBytes(packageDirectory);
  const shared = closureBytes(packageDirectory, {
    roots: logtoShared.filter((name) => name in (manifest.dependencies ?? {})),
  });
  return {
    /** Everything in lib/: code, source maps, declarations. */
    libAll: treeBytes(lib),
    /** Only the JavaScript Node loads from lib/. */
    libJs: treeBytes(lib, { only: (name) => name.endsWith('.js') }),
    /** The package itself: the installed folder (official) or what npm pack ships (ours). */
    own,
    /** The package plus every run-time dependency it resolves, each once. */
    withDependencies: own + closure.bytes,
    dependencies: closure.packages,
    /** The part of the dependencies a Logto server already ships (kit, got, zod and theirs). */
    logtoShared: shared.bytes,
    /** The package plus the dependencies that are not already in a Logto server. */
    beyondLogto: own + closure.bytes - shared.bytes,
  };
};

/** Both packages' sizes of each connector, into `results[provider].size`. */
export const measureSizes = (ready, results) => {
  for (const connector of ready) {
    try {
      results[connector.provider].size = {
        switchboard: packageSizes(connector.directory, 'switchboard'),
        official: packageSizes(connector.officialDirectory, 'official'),
      };
    } catch (error) {
      results[connector.provider].notes.push(
        `sizes failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
};
