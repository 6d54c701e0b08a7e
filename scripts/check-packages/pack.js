// The "pack" and "logto connector add" checks: `pnpm pack` each package as it would be published,
// and add all the tarballs to the Logto instance with the real `logto connector add`.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import { addWithLogtoCli, packPackage } from './logto-instance.js';
import { limit } from './util.js';

/**
 * Packs the packages (in parallel); a package that fails to pack gets a failed "pack" check.
 *
 * @param {import('./report.js').Report[]} reports
 * @param {{ packs: string }} logto
 * @returns {Promise<{ report: import('./report.js').Report, tarball: string, files?: string[] }[]>}
 *   the packed ones
 */
export const packAll = async (reports, logto) => {
  await fs.mkdir(logto.packs, { recursive: true });
  const packed = await Promise.all(
    reports.map(async (report, index) => {
      try {
        return {
          report,
          ...(await limit(() => packPackage(report.folder, logto.packs, index))),
        };
      } catch (error) {
        report.fail('pack', `pnpm pack failed: ${error.message.split('\n')[0]}`);
      }
    }),
  );
  return packed.filter(Boolean);
};

/**
 * Adds all tarballs at once with `logto connector add`.
 *
 * @param {{ tarball: string }[]} tarballs
 * @param {Parameters<typeof addWithLogtoCli>[0]['cli']} cli
 * @param {{ instance: string }} logto
 * @returns {Promise<{ ok: boolean, output?: string }>}
 */
export const addAll = async (tarballs, cli, logto) =>
  tarballs.length > 0
    ? await addWithLogtoCli({
        cli,
        instance: logto.instance,
        tarballs: tarballs.map(({ tarball }) => tarball),
      })
    : { ok: true };

/**
 * Fails "logto connector add" when the CLI did not extract the package into the connectors folder.
 *
 * @param {import('./report.js').Report} report
 * @param {string} addedDirectory where `logto connector add` puts the package
 * @param {{ output?: string }} added the result of {@link addAll}
 * @returns {boolean} whether the package was added
 */
export const checkAdded = (report, addedDirectory, added) => {
  if (!existsSync(path.join(addedDirectory, 'package.json'))) {
    report.fail(
      'logto connector add',
      `did not add the tarball: ${added.output.trim().split('\n').slice(-3).join(' | ')}`,
    );
    return false;
  }
  return true;
};
