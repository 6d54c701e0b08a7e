// The "tarball" check: what `pnpm pack` put in the package that Logto receives.
import path from 'node:path';

const required = ['package.json', 'lib/index.js', 'README.md'];

/**
 * @param {import('./report.js').Report} report
 * @param {{ type?: string }} published the added package's package.json
 * @param {string[]} tarballFiles the files in the tarball, relative to the package folder
 * @param {string} addedDirectory where `logto connector add` put the package
 */
export const checkTarball = (report, published, tarballFiles, addedDirectory) => {
  const absent = required.filter((file) => !tarballFiles.includes(file));
  if (absent.length > 0) {
    report.fail('tarball', `missing ${absent.join(', ')} (check "files" in package.json)`);
  } else {
    report.pass(
      'tarball',
      `${tarballFiles.length} files incl. ${required.join(', ')}; added by logto connector add as ${path.basename(addedDirectory)}/`,
    );
  }
  if (published.type !== 'module') {
    report.note(
      'tarball',
      'package.json has no "type": "module"; an ESM lib/index.js loads with a warning',
    );
  }
};
