// Shared tsup settings for every connector package. Logto imports `lib/index.js` by path and
// installs nothing for a package added with `logto connector add`, so everything except what a
// Logto server already ships and a connector imports (connector-kit, got, zod) is bundled, core
// included. Logto ships snakecase-keys too, but no connector needs it: every request is built
// with the provider's own parameter names, so there is nothing to convert.
import { realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * libphonenumber-js builds a RegExp from its metadata's pattern text on every check
 * (helpers/matchesEntirely.js), several per number, some of them kilobytes long: the same
 * function, keeping each compiled pattern.
 */
const phonePatternCache: Plugin = {
  name: 'phone-pattern-cache',
  setup(build) {
    build.onLoad(
      { filter: /libphonenumber-js[\\/]es6[\\/]helpers[\\/]matchesEntirely\.js$/ },
      () => ({
        loader: 'js',
        contents: `const compiled = new Map();
export default function matchesEntirely(text, regularExpressionText) {
  let pattern = compiled.get(regularExpressionText);
  if (!pattern) {
    pattern = new RegExp('^(?:' + regularExpressionText + ')$');
    compiled.set(regularExpressionText, pattern);
  }
  return pattern.test(text || '');
}
`,
      }),
    );
  },
};

export const logtoProvided = ['@logto/connector-kit', 'got', 'zod'];

type Esbuild = {
  build(
    options: Record<string, unknown>,
  ): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
};

/** The esbuild tsup runs (tsup's own dependency; the repository root does not list it). */
const loadEsbuild = (): Esbuild => {
  const tsup = createRequire(path.resolve('package.json')).resolve('tsup');
  return createRequire(realpathSync(tsup))('esbuild') as Esbuild;
};

/**
 * esbuild emits a chunk for every dynamically imported module, even where tree shaking dropped
 * the import: Mailgun and Alipay never load the phone metadata, yet lib/ got its chunk and map.
 * After the build, every JavaScript file of lib/ that lib/index.js does not reach (through static
 * and dynamic imports) is deleted with its source map. `pnpm check:packages` checks the result.
 */
const shipOnlyReachedFiles = async () => {
  const lib = path.resolve('lib');
  const { metafile } = await loadEsbuild().build({
    entryPoints: [path.join(lib, 'index.js')],
    bundle: true,
    write: false,
    metafile: true,
    outdir: path.resolve('.reach-out'),
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const reached = new Set(Object.keys(metafile.inputs).map((input) => path.resolve(input)));
  const unreached = (await fs.readdir(lib, { recursive: true })).filter(
    (file) => file.endsWith('.js') && !reached.has(path.join(lib, file)),
  );
  for (const file of unreached) {
    await fs.rm(path.join(lib, file), { force: true });
    await fs.rm(path.join(lib, `${file}.map`), { force: true });
    console.log(`lib/${file} and its map removed: lib/index.js does not reach it`);
  }
};

export default defineConfig({
  entry: { index: 'src/index.ts' },
  outDir: 'lib',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  // The phone metadata is a chunk of its own, imported on first use (core/src/phone.ts); Logto
  // imports lib/index.js by path, and its relative imports resolve beside it.
  splitting: true,
  treeshake: true,
  // Logto keeps every installed connector in memory, source text included: no comments or
  // indentation in lib/ (names stay, and the source maps lead back to src/).
  esbuildOptions: (options) => {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
    options.charset = 'ascii';
  },
  esbuildPlugins: [phonePatternCache],
  onSuccess: shipOnlyReachedFiles,
  external: logtoProvided,
  noExternal: [/^@switchboard\//, 'libphonenumber-js'],
});
