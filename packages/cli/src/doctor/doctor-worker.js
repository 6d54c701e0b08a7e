// Child process of `switchboard doctor` (doctor/child.ts): loads ONE package folder the way Logto's
// loader does at startup (logto-loader.js) and sends what it found over IPC, as a LoadResult
// (doctor/load-problems.ts): the factory's result, or the stage that failed. Its own process, so a
// hanging or crashing package cannot take the doctor down. The connector-kit is the instance's
// own, as Logto core resolves it, so only what that instance provides resolves.
// Plain JavaScript so that tests spawn it from src/ as it is; tsup builds it to lib/doctor-worker.js.
//
// argv: <package folder> <the instance's packages/core folder>
import { format } from 'node:util';

import {
  buildLikeLogto,
  factoryOf,
  importConnectorModule,
  importKit,
  metadataGuardIssues,
  missingParts,
} from '../logto-loader.js';

/** @typedef {'kit' | 'import' | 'export' | 'factory' | 'validate'} Stage */

const [packageDir = '', core = ''] = process.argv.slice(2);
for (const level of /** @type {const} */ (['log', 'info', 'warn', 'error', 'debug'])) {
  console[level] = () => {};
}

/** @param {unknown} message */
const send = (message) =>
  new Promise((resolve) => {
    if (process.send) process.send(message, resolve);
    else resolve(undefined);
  });

/** @param {unknown} error */
const describe = (error) =>
  error instanceof Error
    ? {
        isError: true,
        name: error.name,
        code: 'code' in error && typeof error.code === 'string' ? error.code : undefined,
        message: error.message,
      }
    : { isError: false, message: format(error) };

/** The metadata fields the doctor reads further: the id and the files it names. */
const fileKeys = ['id', 'target', 'logo', 'logoDark', 'readme', 'configTemplate'];

/**
 * @param {Record<string, unknown>} metadata
 * @returns {Record<string, unknown>}
 */
const pickFiles = (metadata) =>
  Object.fromEntries(
    fileKeys
      .map((key) => [key, metadata[key]])
      .filter(([, value]) => typeof value === 'string' || value === null),
  );

/** @type {Stage} */
let stage = 'kit';
try {
  const { kit } = await importKit(core);
  await send({ ready: true });
  stage = 'import';
  const loaded = await importConnectorModule(packageDir);
  stage = 'export';
  const { factory, cjs } = factoryOf(loaded);
  if (!factory) {
    await send({
      loaded: false,
      stage,
      error: { isError: true, message: 'no default-exported function' },
    });
  } else {
    stage = 'factory';
    // Logto's getConfig at startup (@logto/cli's notImplemented): it throws, synchronously.
    const connector = await buildLikeLogto(factory, () => {
      throw new kit.ConnectorError(kit.ConnectorErrorCodes.NotImplemented);
    });
    stage = 'validate';
    const missing = missingParts(connector, Object.values(kit.ConnectorType));
    if (missing.length > 0) {
      await send({
        loaded: false,
        stage,
        missing,
        error: { isError: true, message: 'invalid module' },
      });
    } else {
      const metadata = /** @type {Record<string, unknown>} */ (connector?.metadata);
      await send({
        loaded: true,
        type: connector?.type,
        cjs,
        metadata: pickFiles(metadata),
        guardIssues: metadataGuardIssues(kit, metadata),
      });
    }
  }
} catch (error) {
  await send({ loaded: false, stage, error: describe(error) });
}
process.exit(0);
