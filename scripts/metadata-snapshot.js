// `node scripts/metadata-snapshot.js [out.json]`: the Console metadata each built connector
// publishes (`packages/connector-*/lib/index.js`, loaded as Logto loads it), as one JSON object
// keyed by folder. Run it on two builds and compare the files to show a refactor changed no
// metadata: `node scripts/metadata-snapshot.js before.json`, change and rebuild,
// `node scripts/metadata-snapshot.js after.json`, then `cmp before.json after.json`.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packages = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'packages');

const snapshot = {};
for (const folder of readdirSync(packages).sort()) {
  const entry = path.join(packages, folder, 'lib', 'index.js');
  if (!folder.startsWith('connector-') || !existsSync(entry)) continue;
  const { default: createConnector } = await import(pathToFileURL(entry).href);
  const connector = await createConnector({
    getConfig: async () => {
      throw new Error('the factory must not read config while Logto builds it');
    },
  });
  snapshot[folder] = connector.metadata;
}

const text = `${JSON.stringify(snapshot, null, 2)}\n`;
if (process.argv[2]) writeFileSync(process.argv[2], text);
else process.stdout.write(text);
