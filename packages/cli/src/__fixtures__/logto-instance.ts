// Throw-away Logto instances laid out like the official Docker image, for `switchboard doctor`
// tests: packages/core/package.json named @logto/core, packages/core/node_modules holding only
// connector-kit, got and zod (links to this workspace's copies), and packages in
// packages/core/connectors/.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

/** The folder Node finds for `name` from the cli package (its own node_modules, then up). */
const workspaceCopy = (name: string) => {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
  }
  throw new Error(`${name} is not installed for @switchboard/cli: run pnpm install`);
};

export type Instance = { dir: string; core: string; connectors: string };

export const createInstance = (): Instance => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'switchboard-doctor-')), 'logto');
  const core = path.join(dir, 'packages/core');
  const connectors = path.join(core, 'connectors');
  mkdirSync(path.join(core, 'node_modules/@logto'), { recursive: true });
  mkdirSync(connectors);
  writeFileSync(path.join(core, 'package.json'), JSON.stringify({ name: '@logto/core' }));
  for (const name of ['@logto/connector-kit', 'got', 'zod']) {
    symlinkSync(workspaceCopy(name), path.join(core, 'node_modules', name), 'dir');
  }
  return { dir, core, connectors };
};

/** A built Switchboard connector copied as `logto connector add` would extract it. */
export const addBuiltConnector = (instance: Instance, folder: string) => {
  const source = path.join(packagesDir, folder);
  if (!existsSync(path.join(source, 'lib/index.js'))) {
    throw new Error(`${folder} is not built: run pnpm build`);
  }
  const target = path.join(instance.connectors, `@switchboard-${folder}`);
  mkdirSync(target);
  for (const file of ['package.json', 'lib', 'README.md', 'logo.svg']) {
    cpSync(path.join(source, file), path.join(target, file), { recursive: true });
  }
  return target;
};

/** The metadata of a small SMS connector that passes connectorMetadataGuard. */
export const smsMetadata = (id: string) => ({
  id,
  target: id,
  platform: null,
  name: { en: 'Acme SMS' },
  description: { en: 'Sends codes through Acme.' },
  logo: './logo.svg',
  logoDark: null,
  readme: './README.md',
  formItems: [],
});

/** lib/index.js of a small ESM connector built on the instance's kit and zod. */
export const connectorSource = (id: string, { prelude = '' } = {}) => `${prelude}
import { ConnectorType } from '@logto/connector-kit';
import { z } from 'zod';

export default async () => ({
  type: ConnectorType.Sms,
  metadata: ${JSON.stringify(smsMetadata(id))},
  configGuard: z.object({}),
  sendMessage: async () => undefined,
});
`;

/** A hand-made package in packages/core/connectors/<folder>, with a logo and README. */
export const addPackage = (
  instance: Instance,
  folder: string,
  manifest: Record<string, unknown>,
  indexJs?: string,
) => {
  const target = path.join(instance.connectors, folder);
  mkdirSync(path.join(target, 'lib'), { recursive: true });
  writeFileSync(
    path.join(target, 'package.json'),
    JSON.stringify({ version: '1.0.0', type: 'module', ...manifest }),
  );
  writeFileSync(path.join(target, 'README.md'), '# Acme SMS\n');
  writeFileSync(path.join(target, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  if (indexJs !== undefined) writeFileSync(path.join(target, 'lib/index.js'), indexJs);
  return target;
};
