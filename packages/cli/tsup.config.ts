// The cli bundles each connector's sandbox fake (packages/connector-*/src/sandbox.ts) as its own
// entry, found from the folders, so adding a connector never touches this package.
import { existsSync, readdirSync } from 'node:fs';

import { defineConfig } from 'tsup';

const sandboxes = Object.fromEntries(
  readdirSync('..')
    .filter(
      (folder) => folder.startsWith('connector-') && existsSync(`../${folder}/src/sandbox.ts`),
    )
    .map((folder) => [`sandboxes/${folder}`, `../${folder}/src/sandbox.ts`]),
);

export default defineConfig({
  entry: { cli: 'src/cli.ts', ...sandboxes },
  outDir: 'lib',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: [/^@switchboard\//, 'libphonenumber-js'],
  banner: { js: '' },
});
