// Finding the Logto instance to inspect, and the connector-kit its core resolves.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { UsageError } from '../commands/common.js';
import { kitName } from '../logto-loader.js';

/** Where the official Docker image keeps its Logto instance. */
const dockerInstance = '/etc/logto';

export const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** `<dir>/packages/core/package.json` exists and is named @logto/core (what `logto` itself checks). */
const isInstance = (dir: string) => {
  try {
    return (
      (readJson(path.join(dir, 'packages/core/package.json')) as { name?: unknown }).name ===
      '@logto/core'
    );
  } catch {
    return false;
  }
};

const lookedFor = (dir: string) =>
  `looked for ${path.join(dir, 'packages/core/package.json')} named @logto/core`;

export const findInstance = (flag: string | undefined, cwd: string, fallback = dockerInstance) => {
  if (flag !== undefined) {
    const dir = path.resolve(cwd, flag);
    if (!isInstance(dir)) throw new UsageError(`${dir} is not a Logto instance: ${lookedFor(dir)}`);
    return dir;
  }
  if (isInstance(cwd)) return cwd;
  if (isInstance(fallback)) return fallback;
  throw new UsageError(
    `no Logto instance here: ${lookedFor(cwd)}, then ${path.join(fallback, 'packages/core/package.json')} (the official Docker image); pass --logto <instance dir>`,
  );
};

/** The connector-kit Node finds from packages/core: the first node_modules up the tree that has it. */
export const findKit = (core: string) => {
  const searched: string[] = [];
  for (let dir = core; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', kitName);
      searched.push(candidate);
      if (existsSync(path.join(candidate, 'package.json'))) {
        const { version } = readJson(path.join(candidate, 'package.json')) as { version?: unknown };
        if (typeof version === 'string') return { version, path: candidate };
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new UsageError(
    `this Logto instance has no ${kitName}: looked in ${searched.slice(0, 3).join(', ')} and above`,
  );
};
