// What a package's package.json tells before anything is imported: the name Logto discovers and
// the connector-kit range it installs against.
import path from 'node:path';

import semver from 'semver';

import { kitName } from '../logto-loader.js';
import { readJson } from './instance.js';
import { firstLine, type PackageReport, type Problem } from './report.js';

export type Manifest = {
  name: string;
  version?: unknown;
  dependencies?: Record<string, unknown>;
  peerDependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
};

/** A name Logto discovers: `connector-*`, or `*\/connector-*` (logto-host.md §3). */
const isConnectorName = (name: string) =>
  name.startsWith('connector-') || Boolean(name.split('/')[1]?.startsWith('connector-'));

const suggestName = (name: string) => {
  const [scope, rest] = name.startsWith('@') ? name.split('/') : [undefined, name];
  return scope ? `${scope}/connector-${rest ?? ''}` : `connector-${name}`;
};

/**
 * Reads `<packageDir>/package.json` into `report` (name, version), or records why Logto would not
 * get past it and returns undefined.
 */
export const readManifest = (packageDir: string, report: PackageReport): Manifest | undefined => {
  let manifest: Partial<Manifest>;
  try {
    manifest = readJson(path.join(packageDir, 'package.json')) as Partial<Manifest>;
  } catch (error) {
    report.problems.push({
      effect: 'fatal',
      problem: `package.json is not valid JSON (${firstLine(String((error as Error).message))}), so Logto fails to start`,
      fix: `repair or remove ${report.folder}`,
    });
    return undefined;
  }
  if (typeof manifest?.name !== 'string') {
    report.problems.push({
      effect: 'fatal',
      problem: 'package.json has no string "name", so Logto fails to start',
      fix: `name the package or remove ${report.folder}`,
    });
    return undefined;
  }
  report.name = manifest.name;
  if (typeof manifest.version === 'string') report.version = manifest.version;
  if (!isConnectorName(manifest.name)) {
    report.problems.push({
      effect: 'ignored',
      problem: 'the name does not start with "connector-" or "@scope/connector-"',
      fix: `rename the package, e.g. ${suggestName(manifest.name)}`,
    });
    return undefined;
  }
  return manifest as Manifest;
};

export const kitProblems = (manifest: Manifest, kitVersion: string): Problem[] => {
  const range = manifest.dependencies?.[kitName];
  if (typeof range !== 'string') {
    const elsewhere = (['peerDependencies', 'devDependencies'] as const).find(
      (field) => manifest[field]?.[kitName] !== undefined,
    );
    return [
      elsewhere
        ? {
            effect: 'skipped',
            problem: `${kitName} is in ${elsewhere}, not dependencies`,
            fix: 'move it to dependencies (Logto reads only dependencies)',
          }
        : {
            effect: 'skipped',
            problem: `${kitName} is not in dependencies`,
            fix: `add it to dependencies with a range that includes ${kitVersion}`,
          },
    ];
  }
  if (range.startsWith('workspace:') || semver.satisfies(kitVersion, range)) return [];
  return [
    {
      effect: 'skipped',
      problem: `it asks for ${kitName} "${range}", but this Logto has ${kitVersion}`,
      fix: `widen the range to include ${kitVersion}`,
    },
  ];
};
