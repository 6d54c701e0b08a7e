import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type CreateConnector = (options: {
  getConfig: (id: string) => Promise<unknown>;
}) => Promise<unknown>;

/**
 * Loads a built connector the way Logto's loader does: `@logto/connector-kit` must be in
 * `dependencies`, `lib/index.js` is imported by path, and its default export must be a function
 * whose result has metadata, a configGuard and a known type. `pnpm check:packages` goes further
 * and runs Logto's own loader on the packed tarball.
 */
export const loadConnectorLikeLogto = async (packageDir: string): Promise<CreateConnector> => {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    name?: string;
    dependencies?: Record<string, string>;
  };
  if (typeof manifest.dependencies?.['@logto/connector-kit'] !== 'string') {
    throw new Error(`${manifest.name}: @logto/connector-kit is not in dependencies`);
  }
  const loaded = (await import(pathToFileURL(path.join(packageDir, 'lib/index.js')).href)) as {
    default?: unknown;
  };
  const factory = loaded.default;
  if (typeof factory !== 'function') {
    throw new TypeError(`${manifest.name}: lib/index.js has no default-exported factory`);
  }
  const probe = (await (factory as CreateConnector)({
    getConfig: async () => {
      throw new Error('the factory must not read config while it builds');
    },
  })) as { metadata?: unknown; configGuard?: unknown; type?: unknown };
  if (
    !probe.metadata ||
    !probe.configGuard ||
    !['Sms', 'Email', 'Social'].includes(String(probe.type))
  ) {
    throw new Error(`${manifest.name}: the connector lacks metadata, configGuard or a valid type`);
  }
  return factory as CreateConnector;
};
