// Shared tsup settings for every connector package. Logto imports `lib/index.js` by path and
// installs nothing for a package added with `logto connector add`, so everything except what a
// Logto server already ships and a connector imports (connector-kit, got, zod) is bundled, core
// included. Logto ships snakecase-keys too, but no connector needs it: every request is built
// with the provider's own parameter names, so there is nothing to convert.
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
  external: logtoProvided,
  noExternal: [/^@switchboard\//, 'libphonenumber-js'],
});
