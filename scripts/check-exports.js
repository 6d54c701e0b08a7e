// `node scripts/check-exports.js [repo-root]`: fails on a value exported by the packages' source
// (a const, function or class; types may stand as documentation) that nothing imports. Reads every .ts file under packages/*/src and packages/*/sandbox (tests and
// fixtures count as users, never as exporters), plus the plain JS of scripts/ and bench/src/ as
// users; follows relative imports and `@switchboard/core` (and its subpaths) through `export *`
// barrels. Default exports are entry points (a factory, a probe, a sandbox) and are not checked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { isTestish, resolveImport, walk, withoutComments } from './source-files.js';

const namesIn = (list) =>
  list
    .split(',')
    .map((part) => part.trim().replace(/^type\s+/, ''))
    .filter(Boolean)
    .map((part) => {
      const [name, alias] = part.split(/\s+as\s+/);
      return { name: name.trim(), alias: (alias ?? name).trim() };
    });

export const findUnusedExports = (root) => {
  const packages = path.join(root, 'packages');
  const sources = readdirSync(packages).flatMap((name) => [
    ...walk(
      path.join(packages, name, 'src'),
      (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
    ),
    ...walk(path.join(packages, name, 'sandbox'), (file) => file.endsWith('.ts')),
  ]);
  const users = [
    ...sources,
    ...walk(path.join(root, 'scripts'), (file) => /\.(js|ts)$/.test(file)),
    ...walk(path.join(root, 'bench', 'src'), (file) => file.endsWith('.js')),
  ];
  /** file -> names it exports itself */
  const exported = new Map();
  /** file -> files it re-exports wholesale */
  const barrels = new Map();
  /** file -> names used from it ('*' for all) */
  const used = new Map();
  const use = (file, name) => {
    if (!used.has(file)) used.set(file, new Set());
    used.get(file).add(name);
  };
  for (const file of users) {
    const text = withoutComments(readFileSync(file, 'utf8'));
    if (sources.includes(file) && !isTestish(file)) {
      const own = new Set();
      for (const match of text.matchAll(
        /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function\*?|class|enum)\s+([A-Za-z_$][\w$]*)/gm,
      ))
        own.add(match[1]);
      for (const match of text.matchAll(/^export\s+\{([^}]*)\}\s*;/gm))
        for (const { alias } of namesIn(match[1])) own.add(alias);
      exported.set(file, own);
    }
    for (const match of text.matchAll(/^export\s+\*\s+from\s+['"]([^'"]+)['"]/gm)) {
      const target = resolveImport(root, file, match[1]);
      if (target) barrels.set(file, [...(barrels.get(file) ?? []), target]);
    }
    for (const match of text.matchAll(
      /(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g,
    )) {
      const target = resolveImport(root, file, match[2]);
      if (target) for (const { name } of namesIn(match[1])) use(target, name);
    }
    for (const match of text.matchAll(
      /import\s+(?:type\s+)?\*\s+as\s+[\w$]+\s+from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const target = resolveImport(root, file, match[1] ?? match[2]);
      if (target) use(target, '*');
    }
  }
  // A name used from a barrel is used in whichever module the barrel takes it from.
  const propagate = (file, name, seen = new Set()) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const target of barrels.get(file) ?? []) {
      if (name === '*' || exported.get(target)?.has(name)) use(target, name);
      propagate(target, name, seen);
    }
  };
  for (const [file, names] of [...used.entries()])
    for (const name of [...names]) propagate(file, name);
  const unused = [];
  for (const [file, names] of exported) {
    const seen = used.get(file) ?? new Set();
    if (seen.has('*')) continue;
    for (const name of names)
      if (!seen.has(name)) unused.push(`${path.relative(root, file)}: ${name}`);
  }
  return unused.sort();
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(
    process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
  );
  const unused = findUnusedExports(root);
  for (const line of unused) console.log(`FAIL  exported, never imported: ${line}`);
  console.log(
    unused.length === 0
      ? 'check-exports: every export of the packages is imported somewhere'
      : `check-exports: ${unused.length} export(s) nothing imports`,
  );
  process.exitCode = unused.length === 0 ? 0 : 1;
}
