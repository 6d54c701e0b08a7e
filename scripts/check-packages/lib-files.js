// The "lib" check: a package's lib/ holds only the files its entry points reach (following every
// static and dynamic import, with the esbuild that tsup already depends on), their source maps
// and the type declarations beside them. Logto keeps every installed connector's folder, and a
// chunk nothing imports (esbuild emits every dynamically imported module, used or not) is dead
// weight in every installation. Everything is derived from the package's folder and package.json.
import { existsSync, realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const loadEsbuild = (repoRoot) =>
  createRequire(realpathSync(path.join(repoRoot, 'node_modules', 'tsup', 'package.json')))(
    'esbuild',
  );

/** Every string target of `main`, `module`, `types` and `exports` (any condition, any depth). */
const manifestTargets = (manifest) => {
  const targets = [];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect([manifest.main, manifest.module, manifest.types, manifest.typings, manifest.exports]);
  return targets;
};

const isJavaScript = (file) => /\.(c|m)?js$/.test(file);
const isDeclaration = (file) => /\.d\.(c|m)?ts$/.test(file);

/**
 * The files of `<packageDirectory>/lib` that no entry point reaches, relative to the package.
 *
 * @param {{ repoRoot: string, packageDirectory: string, manifest: Record<string, unknown> }} options
 * @returns {Promise<{ entries: string[], unreached: string[] }>}
 */
export const unreachedLibFiles = async ({ repoRoot, packageDirectory, manifest }) => {
  const libDirectory = path.join(packageDirectory, 'lib');
  const relative = (file) => path.relative(packageDirectory, file).split(path.sep).join('/');
  const targets = [
    ...new Set(manifestTargets(manifest).map((target) => path.resolve(packageDirectory, target))),
  ].filter((file) => existsSync(file) && file.startsWith(`${libDirectory}${path.sep}`));
  const entries = targets.filter(isJavaScript);
  const present = (await fs.readdir(libDirectory, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
  if (entries.length === 0) return { entries: [], unreached: present.map(relative) };

  const result = await loadEsbuild(repoRoot).build({
    entryPoints: entries,
    absWorkingDir: packageDirectory,
    bundle: true,
    write: false,
    metafile: true,
    outdir: path.join(packageDirectory, '.lib-scan-out'),
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const reached = new Set(
    Object.keys(result.metafile.inputs).map((input) => path.resolve(packageDirectory, input)),
  );
  const declarations = new Set(targets.filter(isDeclaration));
  const allowed = (file) => {
    if (reached.has(file) || declarations.has(file)) return true;
    const base = file.replace(/\.map$/, '');
    if (base !== file && (reached.has(base) || declarations.has(base))) return true;
    // index.d.ts (and its map) beside a reached index.js.
    const code = base.replace(/\.d\.(c|m)?ts$/, (_, kind) => `.${kind ?? ''}js`);
    return isDeclaration(base) && reached.has(code);
  };
  return {
    entries: entries.map(relative),
    unreached: present
      .filter((file) => !allowed(file))
      .map(relative)
      .sort(),
  };
};

/**
 * @param {import('./report.js').Report} report
 * @param {string} packageDirectory the package as Logto receives it (or its source folder)
 * @param {Record<string, unknown>} manifest its package.json
 * @param {string} repoRoot
 */
export const checkLibFiles = async (report, packageDirectory, manifest, repoRoot) => {
  try {
    const { entries, unreached } = await unreachedLibFiles({
      repoRoot,
      packageDirectory,
      manifest,
    });
    if (entries.length === 0) {
      report.fail('lib', 'package.json names no JavaScript entry point in lib/');
    } else if (unreached.length > 0) {
      report.fail(
        'lib',
        `${unreached.join(', ')}: not reached from ${entries.join(', ')}; nothing loads ${unreached.length === 1 ? 'it' : 'them'}, so ${unreached.length === 1 ? 'it' : 'they'} should not ship`,
      );
    } else {
      report.pass('lib', `every file in lib/ is reached from ${entries.join(', ')}`);
    }
  } catch (error) {
    report.fail('lib', `could not read lib/: ${error.message}`);
  }
};
