// The "kit range" check: the @logto/connector-kit range in the published dependencies accepts the
// kit of every supported Logto release.
import semver from 'semver';

import { logtoKitVersions } from './constants.js';

const kit = '@logto/connector-kit';

/**
 * @param {import('./report.js').Report} report
 * @param {Record<string, string> | undefined} dependencies the published package.json's
 * @param {Record<string, string> | undefined} peerDependencies the published package.json's
 */
export const checkKitRange = (report, dependencies, peerDependencies) => {
  const range = dependencies?.[kit];
  if (typeof range !== 'string') {
    const elsewhere = peerDependencies?.[kit]
      ? ` (it is in peerDependencies; Logto reads only dependencies)`
      : '';
    report.fail('kit range', `${kit} is not in dependencies${elsewhere}: Logto skips the package`);
    return;
  }
  if (range.startsWith('workspace:')) {
    report.fail('kit range', `"${range}" was not rewritten by pnpm pack; npm cannot install it`);
    return;
  }
  if (!semver.validRange(range)) {
    report.fail('kit range', `"${range}" is not a semver range`);
    return;
  }
  const rejected = logtoKitVersions.filter(({ kit: version }) => !semver.satisfies(version, range));
  if (rejected.length > 0) {
    report.fail(
      'kit range',
      `"${range}" leaves out ${rejected.map(({ kit: version, logto }) => `${version} (Logto ${logto})`).join(', ')}`,
    );
    return;
  }
  report.pass(
    'kit range',
    `"${range}" accepts ${logtoKitVersions.map(({ kit: version }) => version).join(', ')} (Logto 1.35 → latest)`,
  );
};
