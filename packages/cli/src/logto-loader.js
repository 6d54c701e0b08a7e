// Loading a connector package the way Logto's loader does (@logto/cli's loadConnector,
// loadConnectorFactories and validateConnectorModule), written once for the three places that do
// it: the cli's own loading of a connector (loader.ts), the doctor's child process
// (doctor/doctor-worker.js) and `pnpm check:packages` (scripts/check-packages/load-worker.js,
// which runs Logto's own loader and takes from here the kit as Logto core sees it and the reading
// of connectorMetadataGuard's verdict).
//
// Plain JavaScript with JSDoc types, because the scripts run in plain Node without a build; the
// cli's tsconfig type-checks it (checkJs) and tsup bundles it like its TypeScript.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const kitName = '@logto/connector-kit';

/** The connector types validateConnectorModule accepts (the values of the kit's ConnectorType). */
export const connectorTypes = ['Email', 'Sms', 'Social'];

/**
 * @typedef {(options: { getConfig: (id: string) => Promise<unknown> }) => Promise<unknown>} CreateConnector
 * @typedef {{ metadata?: unknown, configGuard?: unknown, type?: unknown }} BuiltConnector
 * @typedef {{ path: Array<string | number>, message: string }} GuardIssue
 * @typedef {{ safeParse: (value: unknown) => { success: boolean, error?: { issues: GuardIssue[] } } }} MetadataGuard
 */

/**
 * `@logto/connector-kit` as Logto core in `coreDirectory` sees it: the copy Node finds from there
 * (the first node_modules up the tree that has it), imported from its ESM entry lib/index.js, so
 * that a connector's own import of the kit gets the same module.
 *
 * @param {string} coreDirectory
 * @returns {Promise<{ kit: Record<string, any> & { connectorMetadataGuard: MetadataGuard }, version: string, directory: string }>}
 */
export const importKit = async (coreDirectory) => {
  const coreRequire = createRequire(path.join(coreDirectory, 'package.json'));
  const directory = (coreRequire.resolve.paths(kitName) ?? [])
    .map((folder) => path.join(folder, kitName))
    .find((folder) => existsSync(path.join(folder, 'package.json')));
  if (!directory) throw new Error(`Cannot find package '${kitName}' from ${coreDirectory}`);
  const { version } = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
  const kit = await import(pathToFileURL(path.join(directory, 'lib', 'index.js')).href);
  return { kit, version, directory };
};

/**
 * Imports `<packageDirectory>/lib/index.js` by path, as Logto does (never `main` or `exports`).
 *
 * @param {string} packageDirectory
 * @returns {Promise<unknown>} the module namespace
 */
export const importConnectorModule = async (packageDirectory) =>
  import(pathToFileURL(path.join(packageDirectory, 'lib', 'index.js')).href);

/**
 * @param {unknown} value
 * @param {string} key
 * @returns {value is Record<string, any>}
 */
const has = (value, key) => value !== null && typeof value === 'object' && key in value;

/**
 * The factory a module default-exports, found as loadConnector finds it: the ESM default export,
 * or `module.exports.default` of a CommonJS build (then `cjs`, which Logto warns about).
 *
 * @param {unknown} loaded the module namespace
 * @returns {{ factory?: CreateConnector, cjs: boolean }}
 */
export const factoryOf = (loaded) => {
  if (!has(loaded, 'default')) return { cjs: false };
  if (has(loaded.default, 'default')) {
    return typeof loaded.default.default === 'function'
      ? { factory: loaded.default.default, cjs: true }
      : { cjs: false };
  }
  return typeof loaded.default === 'function'
    ? { factory: loaded.default, cjs: false }
    : { cjs: false };
};

/**
 * Calls the factory as Logto builds it at startup: with only a getConfig, which fails because no
 * config exists yet (Logto's throws ConnectorError not_implemented).
 *
 * @param {CreateConnector} factory
 * @param {(id: string) => Promise<unknown>} getConfig
 * @returns {Promise<BuiltConnector | undefined>}
 */
export const buildLikeLogto = async (factory, getConfig) =>
  /** @type {BuiltConnector | undefined} */ (await factory({ getConfig }));

/**
 * What validateConnectorModule finds missing from a built connector, in its order.
 *
 * @param {BuiltConnector | undefined} connector
 * @param {unknown[]} [types] the kit's ConnectorType values
 * @returns {string[]} some of 'metadata', 'configGuard', 'type'
 */
export const missingParts = (connector, types = connectorTypes) =>
  /** @type {string[]} */ (
    [
      !connector?.metadata && 'metadata',
      !connector?.configGuard && 'configGuard',
      !types.includes(connector?.type) && 'type',
    ].filter(Boolean)
  );

/**
 * The issues the kit's connectorMetadataGuard finds in `metadata` (what GET
 * /api/connector-factories parses), one line each: `path: message`; none when it passes.
 *
 * @param {{ connectorMetadataGuard: MetadataGuard }} kit
 * @param {unknown} metadata
 * @param {string} [whole] the name of the path of an issue about the whole object
 * @returns {string[]}
 */
export const metadataGuardIssues = (kit, metadata, whole = '(metadata)') => {
  const guarded = kit.connectorMetadataGuard.safeParse(metadata);
  if (guarded.success) return [];
  return (guarded.error?.issues ?? []).map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : whole}: ${issue.message}`,
  );
};
