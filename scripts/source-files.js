// What scripts/check-cycles.js and scripts/check-exports.js read alike: the files of a folder,
// comments taken out of source text, and the file one of our imports names.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The files under `dir` that `keep` accepts (no node_modules, builds or scratch folders). */
export const walk = (dir, keep) =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (name === 'node_modules' || name === 'lib' || name === '.tmp') return [];
        return statSync(full).isDirectory() ? walk(full, keep) : keep(full) ? [full] : [];
      })
    : [];

/** A test or a fixture: it may use the code, it is never part of it. */
export const isTestish = (file) =>
  /\.test\.[jt]s$/.test(file) || file.split(path.sep).includes('__fixtures__');

/** Source text without its comments, so an example in a doc comment reads as no import. */
export const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/[^\n]*/g, '$1');

/** The file an import names, when it is one of ours; undefined for a package or Node module. */
export const resolveImport = (root, from, specifier) => {
  let target;
  if (specifier.startsWith('.')) target = path.resolve(path.dirname(from), specifier);
  else if (specifier === '@switchboard/core') target = path.join(root, 'packages/core/src/index');
  else if (specifier.startsWith('@switchboard/core/'))
    target = path.join(
      root,
      'packages/core/src',
      specifier.slice('@switchboard/core/'.length),
      'index',
    );
  else return undefined;
  const base = target.replace(/\.(js|ts)$/, '');
  return [`${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find((file) => existsSync(file));
};
