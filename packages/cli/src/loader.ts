import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  buildLikeLogto,
  type CreateConnector,
  factoryOf,
  importConnectorModule,
  kitName,
  missingParts,
} from './logto-loader.js';

export type { CreateConnector } from './logto-loader.js';

/**
 * Loads a built connector the way Logto's loader does (logto-loader.js): `@logto/connector-kit`
 * must be in `dependencies`, `lib/index.js` is imported by path, and its default export must be a
 * function whose result has metadata, a configGuard and a known type. `pnpm check:packages` goes
 * further and runs Logto's own loader on the packed tarball.
 */
export const loadConnectorLikeLogto = async (packageDir: string): Promise<CreateConnector> => {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    name?: string;
    dependencies?: Record<string, string>;
  };
  if (typeof manifest.dependencies?.[kitName] !== 'string') {
    throw new Error(`${manifest.name}: ${kitName} is not in dependencies`);
  }
  // Unlike Logto, the cli has always refused a CommonJS build's `module.exports.default`.
  const { factory, cjs } = factoryOf(await importConnectorModule(packageDir));
  if (!factory || cjs) {
    throw new TypeError(`${manifest.name}: lib/index.js has no default-exported factory`);
  }
  const probe = await buildLikeLogto(factory, async () => {
    throw new Error('the factory must not read config while it builds');
  });
  if (missingParts(probe).length > 0) {
    throw new Error(`${manifest.name}: the connector lacks metadata, configGuard or a valid type`);
  }
  return factory;
};
