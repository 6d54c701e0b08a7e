// The "metadata" and "metadata id" checks: what a Logto server checks about a loaded connector's
// metadata, alone and across all the connectors it loads.
import { idPrefix, officialConnectorIds } from './constants.js';

const kit = '@logto/connector-kit';

/**
 * The connector-kit's connectorMetadataGuard (/api/connector-factories parses every factory's
 * metadata with it).
 *
 * @param {import('./report.js').Report} report
 * @param {Record<string, any>} loaded the load worker's result
 */
export const checkMetadataGuard = (report, loaded) => {
  if (loaded.metadataGuard.ok) {
    report.pass(
      'metadata',
      `passes ${kit} ${loaded.kitVersion} connectorMetadataGuard (/api/connector-factories)`,
    );
  } else {
    report.fail(
      'metadata',
      `connectorMetadataGuard rejects it, so /api/connector-factories returns 500: ${loaded.metadataGuard.reasons.join('; ')}`,
    );
  }
};

/**
 * Every metadata id is ours, not an official Logto connector's, and used by one package only.
 *
 * @param {import('./report.js').Report[]} reports
 * @param {Map<import('./report.js').Report, Record<string, any>>} loadedById each loaded
 *   package's load worker result
 */
export const checkMetadataIds = (reports, loadedById) => {
  const seen = new Map();
  for (const report of reports) {
    const id = report.metadataId;
    if (id === undefined) {
      continue;
    }
    seen.set(id, [...(seen.get(id) ?? []), report.name]);
  }
  for (const report of reports) {
    const id = report.metadataId;
    if (id === undefined) {
      continue;
    }
    const problems = [];
    if (officialConnectorIds.has(id)) {
      problems.push(
        `"${id}" is an official Logto connector id: a stock Logto would refuse to start`,
      );
    } else if (!id.startsWith(idPrefix)) {
      problems.push(`"${id}" does not start with "${idPrefix}"`);
    }
    const others = seen.get(id).filter((name) => name !== report.name);
    if (others.length > 0) {
      problems.push(
        `"${id}" is also used by ${others.join(', ')}: Logto refuses to start with both`,
      );
    }
    if (problems.length > 0) {
      report.fail('metadata id', problems.join('; '));
    } else {
      report.pass(
        'metadata id',
        `"${id}" (target "${loadedById.get(report)?.raw.target}") is unique and not an official id`,
      );
    }
  }
};
