import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Advice, Probe } from '@switchboard/core/sandbox';

import { type CreateConnector, loadConnectorLikeLogto } from './loader.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The monorepo's packages folder when the cli runs from a checkout. */
const workspacePackages = path.resolve(here, '../..');

export type ConnectorPackage = {
  dir: string;
  name: string;
  /** `twilio-sms` for `@switchboard/connector-twilio-sms`. */
  short: string;
  createConnector: CreateConnector;
  /** The provider's free credentials check for `check --probe`, when it has one. */
  loadProbe: () => Promise<Probe | undefined>;
  /** Warnings about a valid config (`src/advice.ts`), when the connector has any. */
  loadAdvice: () => Promise<Advice | undefined>;
};

/** The cli's bundled advice for the package folder `folder` (`connector-alipay-native`). */
export const loadAdviceFor = async (folder: string): Promise<Advice | undefined> => {
  // Run from its sources (tests), the cli reads the connector's own src/advice.ts.
  const file =
    path.basename(here) === 'src'
      ? path.join(workspacePackages, folder, 'src/advice.ts')
      : path.join(here, 'advice', `${folder}.js`);
  if (!/^connector-[\w.-]+$/.test(folder) || !existsSync(file)) return undefined;
  return ((await import(pathToFileURL(file).href)) as { default: Advice }).default;
};

const candidates = (spec: string): string[] => {
  const short = spec.replace(/^@switchboard\//, '').replace(/^connector-/, '');
  return [`@switchboard/connector-${short}`, spec];
};

/**
 * Finds a connector package: a folder path, a package name installed where the cli runs, or a
 * folder of this monorepo (`twilio-sms`, `connector-twilio-sms`, `@switchboard/connector-twilio-sms`).
 * It is then loaded the way Logto loads it, from its built `lib/index.js`.
 */
export const resolveConnector = async (spec: string): Promise<ConnectorPackage> => {
  let dir: string | undefined;
  if (existsSync(path.join(spec, 'package.json'))) dir = path.resolve(spec);
  const require = createRequire(path.join(process.cwd(), 'noop.js'));
  for (const name of candidates(spec)) {
    if (dir) break;
    try {
      dir = path.dirname(require.resolve(`${name}/package.json`));
    } catch {
      const folder = path.join(workspacePackages, name.replace(/^@switchboard\//, ''));
      if (existsSync(path.join(folder, 'package.json'))) dir = folder;
    }
  }
  if (!dir) throw new Error(`connector "${spec}" not found: pass a package name or a folder`);
  const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    name: string;
  };
  if (!existsSync(path.join(dir, 'lib/index.js'))) {
    throw new Error(`${name} is not built: run pnpm build`);
  }
  return {
    dir,
    name,
    short: name.replace(/^@switchboard\/connector-/, ''),
    createConnector: await loadConnectorLikeLogto(dir),
    loadProbe: async () => {
      const file = path.join(here, 'probes', `${path.basename(dir)}.js`);
      if (!existsSync(file)) return undefined;
      return ((await import(pathToFileURL(file).href)) as { default: Probe }).default;
    },
    loadAdvice: async () => loadAdviceFor(path.basename(dir)),
  };
};
