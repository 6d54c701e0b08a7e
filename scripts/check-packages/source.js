// The source folders to check, and what each needs before it can be packed: a readable
// package.json and the build output.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { readJson } from './util.js';

/**
 * Every packages/connector-* folder, or the folders given on the command line.
 *
 * @param {string} repoRoot
 * @param {string[]} args
 * @returns {string[]}
 */
export const discoverFolders = (repoRoot, args) =>
  args.length > 0
    ? args.map((folder) => path.resolve(folder))
    : readdirSync(path.join(repoRoot, 'packages'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name.startsWith('connector-'))
        .map((entry) => path.join(repoRoot, 'packages', entry.name))
        .sort();

/**
 * Checks "package.json" (present and valid JSON; sets `report.name`) and "build" (lib/index.js).
 *
 * @param {import('./report.js').Report} report
 * @returns {Promise<boolean>} whether the package can go on to the next checks
 */
export const checkSource = async (report) => {
  const manifest = await readJson(path.join(report.folder, 'package.json')).catch(() => undefined);
  if (!manifest) {
    report.fail('package.json', 'missing or not valid JSON');
    return false;
  }
  report.name = manifest.name;
  if (!existsSync(path.join(report.folder, 'lib', 'index.js'))) {
    report.fail('build', 'lib/index.js is missing: run pnpm build first');
    return false;
  }
  return true;
};
