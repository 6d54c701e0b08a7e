// The cli bundles each connector's sandbox fake (sandbox/index.ts, a folder of its own outside
// src/ and outside the package's `files`, so it never ships) and credentials probe (src/probe.ts)
// and advice on valid configs (src/advice.ts) as entries of their own, found from the folders, so adding a connector never touches this package.
import { existsSync, readdirSync } from 'node:fs';

import { defineConfig } from 'tsup';

/** `{ 'sandboxes/connector-x': '../connector-x/sandbox/index.ts', ... }` for connectors that have one. */
const perConnector = (kind: string, file: string) =>
  Object.fromEntries(
    readdirSync('..')
      .filter((folder) => folder.startsWith('connector-') && existsSync(`../${folder}/${file}`))
      .map((folder) => [`${kind}/${folder}`, `../${folder}/${file}`]),
  );

export default defineConfig({
  entry: {
    cli: 'src/cli.ts',
    // The doctor's child process, spawned by path (src/doctor/child.ts).
    'doctor-worker': 'src/doctor/doctor-worker.js',
    ...perConnector('sandboxes', 'sandbox/index.ts'),
    ...perConnector('probes', 'src/probe.ts'),
    ...perConnector('advice', 'src/advice.ts'),
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
