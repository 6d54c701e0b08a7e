// Shared tsup settings for every connector package. Logto imports `lib/index.js` by path and
// installs nothing for a package added with `logto connector add`, so everything except what a
// Logto server already ships (connector-kit, got, zod, snakecase-keys) is bundled, core included.
import { defineConfig } from 'tsup';

export const logtoProvided = ['@logto/connector-kit', 'got', 'zod', 'snakecase-keys'];

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
  external: logtoProvided,
  noExternal: [/^@switchboard\//, 'libphonenumber-js'],
});
