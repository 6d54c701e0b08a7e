// Lists every module specifier the built JavaScript of a package asks for at run time, using the
// esbuild that tsup already depends on (a real parser: comments and strings cannot fool it), and
// classifies the bare ones against what a Logto server ships: the "imports" check.
import { existsSync, realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';

import { logtoCoreDependencies } from './constants.js';

const loadEsbuild = (repoRoot) => {
  const tsup = path.join(repoRoot, 'node_modules', 'tsup', 'package.json');
  if (!existsSync(tsup)) {
    throw new Error('tsup is not installed at the repository root: run pnpm install');
  }
  return createRequire(realpathSync(tsup))('esbuild');
};

const listJavaScript = async (directory) => {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(c|m)?js$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
};

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export const packageOf = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

const isRelative = (specifier) =>
  specifier.startsWith('./') ||
  specifier.startsWith('../') ||
  specifier === '.' ||
  specifier === '..';

export const scanImports = async ({ repoRoot, libDirectory, allowed }) => {
  const esbuild = loadEsbuild(repoRoot);
  const files = await listJavaScript(libDirectory);
  const found = new Map(); // specifier → Set(kind)
  const problems = [];

  if (files.length === 0) {
    return { files, found, problems: ['no JavaScript in lib/'] };
  }

  const result = await esbuild.build({
    entryPoints: files,
    bundle: true,
    write: false,
    outdir: path.join(libDirectory, '..', '.scan-out'),
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-specifiers',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (
              args.kind === 'entry-point' ||
              isRelative(args.path) ||
              path.isAbsolute(args.path)
            ) {
              return;
            }
            if (!found.has(args.path)) {
              found.set(args.path, new Set());
            }
            found.get(args.path).add(args.kind);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  for (const warning of result.warnings) {
    if (/require|import/i.test(warning.text)) {
      problems.push(
        `${path.relative(path.dirname(libDirectory), warning.location?.file ?? '')}: ${warning.text}`,
      );
    }
  }

  const sources = await Promise.all(files.map(async (file) => fs.readFile(file, 'utf8')));
  const bareNotShipped = [];
  for (const specifier of found.keys()) {
    if (isBuiltin(specifier)) {
      continue;
    }
    if (!allowed.has(packageOf(specifier))) {
      bareNotShipped.push(specifier);
    }
  }

  // tsup/esbuild ESM output turns a bundled CommonJS `require('x')` into `__require('x')`, which
  // throws "Dynamic require of x is not supported" when it runs, unless a banner defines `require`.
  const definesRequire = sources.some((source) =>
    /\b(const|let|var)\s+require\s*=\s*\w*[Cc]reateRequire\(/.test(source),
  );
  const dynamicRequires = new Set();
  for (const source of sources) {
    for (const match of source.matchAll(/\b__require\(\s*["']([^"']+)["']\s*\)/g)) {
      dynamicRequires.add(match[1]);
    }
  }
  if (dynamicRequires.size > 0 && !definesRequire) {
    problems.push(
      `bundled CommonJS calls __require(${[...dynamicRequires].map((name) => `"${name}"`).join(', ')}), ` +
        'which throws "Dynamic require … is not supported" in ESM; add a createRequire banner or import it',
    );
  }

  // connector-kit must stay external: Logto maps errors with `instanceof ConnectorError`.
  const definesConnectorError =
    /\bclass\s+_*ConnectorError\s+extends\s+Error\b|\bConnectorError\s*=\s*class\b/;
  if (sources.some((source) => definesConnectorError.test(source))) {
    problems.push(
      '@logto/connector-kit looks bundled (lib defines class ConnectorError): keep it external, or Logto turns its 400s into 500s',
    );
  }

  return { files, found, bareNotShipped, problems };
};

const reportImports = async (report, addedDirectory, repoRoot) => {
  const allowed = new Set(logtoCoreDependencies);
  const { found, bareNotShipped, problems } = await scanImports({
    repoRoot,
    libDirectory: path.join(addedDirectory, 'lib'),
    allowed,
  });
  const all = [...found.keys()].sort();
  const failures = [
    ...bareNotShipped.map(
      (specifier) =>
        `"${specifier}" is neither a Node built-in nor shipped by Logto core: bundle it`,
    ),
    ...problems,
  ];
  if (failures.length > 0) {
    report.fail('imports', failures.join('; '));
  } else {
    report.pass(
      'imports',
      `lib/ imports only Node built-ins and Logto's own copies: ${all.join(', ') || '(none)'}`,
    );
  }
};

/**
 * The "imports" check: the built lib/ imports only Node built-ins and the copies Logto core ships.
 *
 * @param {import('./report.js').Report} report
 * @param {string} addedDirectory where `logto connector add` put the package
 * @param {string} repoRoot
 */
export const checkImports = (report, addedDirectory, repoRoot) =>
  reportImports(report, addedDirectory, repoRoot).catch((error) => {
    const detail = error.errors
      ?.map(({ text, location }) => `${location?.file ?? ''}:${location?.line ?? ''} ${text}`)
      .join('; ');
    report.fail('imports', `could not parse lib/: ${detail || error.message}`);
  });
