// The cli bundles each connector's sandbox fake (src/sandbox.ts) and credentials probe
// (src/probe.ts) as entries of their own, found from the folders, so adding a connector never
// touches this package.
import { existsSync, readdirSync } from 'node:fs';

import { defineConfig } from 'tsup';

/** `{ 'sandboxes/connector-x': '../connector-x/src/sandbox.ts', ... }` for connectors that have one. */
const perConnector = (kind: string, file: string) =>
  Object.fromEntries(
    readdirSync('..')
      .filter((folder) => folder.startsWith('connector-') && existsSync(`../${folder}/src/${file}`))
      .map((folder) => [`${kind}/${folder}`, `../${folder}/src/${file}`]),
  );

export default defineConfig({
  entry: {
    cli: 'src/cli.ts',
    ...perConnector('sandboxes', 'sandbox.ts'),
    ...perConnector('probes', 'probe.ts'),
  },
  outDir: 'lib',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: [/^@switchboard\//, 'libphonenumber-js'],
});
