// The "name" check: Logto picks connectors out of its connectors folder by package name, so a
// package is a connector to Logto exactly when its name passes that filter (and ours).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { packagePrefix } from './constants.js';
import { Report } from './report.js';
import { readJson } from './util.js';

/**
 * Logto's name filter must not pick up anything but connector folders (core, cli, …): a report
 * with a failed "name" check for each other packages/* folder whose package name looks like a
 * connector's.
 *
 * @param {string} repoRoot
 * @returns {Promise<Report[]>}
 */
export const checkNonConnectorFolders = async (repoRoot) => {
  const reports = [];
  for (const entry of readdirSync(path.join(repoRoot, 'packages'), { withFileTypes: true })) {
    const manifestPath = path.join(repoRoot, 'packages', entry.name, 'package.json');
    if (!entry.isDirectory() || entry.name.startsWith('connector-') || !existsSync(manifestPath)) {
      continue;
    }
    const { name = '' } = await readJson(manifestPath).catch(() => ({}));
    if (name.startsWith('connector-') || name.split('/')[1]?.startsWith('connector-')) {
      const report = new Report(path.join(repoRoot, 'packages', entry.name));
      report.name = name;
      report.fail(
        'name',
        `Logto would treat "${name}" as a connector, but its folder is not packages/connector-*`,
      );
      reports.push(report);
    }
  }
  return reports;
};

/**
 * Logto's discovery over the connectors folder, with the CLI's getConnectorPackagesFromDirectory
 * (a throw here means Logto would not start).
 *
 * @param {{ directory: string }} cli
 * @param {{ connectors: string }} logto
 * @returns {Promise<{ discovered: { path: string }[], discoveryError?: Error }>}
 */
export const discoverConnectors = async (cli, logto) => {
  const { getConnectorPackagesFromDirectory } = await import(
    pathToFileURL(path.join(cli.directory, 'lib', 'utils.js')).href
  );
  let discovered = [];
  let discoveryError;
  if (existsSync(logto.connectors)) {
    try {
      discovered = await getConnectorPackagesFromDirectory(logto.connectors);
    } catch (error) {
      discoveryError = error;
    }
  }
  return { discovered, discoveryError };
};

/**
 * Name filter: ours, and Logto's own.
 *
 * @param {Report} report
 * @param {{ name: string }} published the added package's package.json
 * @param {string} addedDirectory where `logto connector add` put it
 * @param {Awaited<ReturnType<typeof discoverConnectors>>} discovery
 * @returns {boolean} whether Logto's discovery lists the package
 */
export const checkName = (report, published, addedDirectory, { discovered, discoveryError }) => {
  const found = discovered.find(({ path: directory }) => directory === addedDirectory);
  if (discoveryError) {
    report.fail(
      'name',
      `Logto's discovery throws (${discoveryError.message}): a Logto server would not start`,
    );
  } else if (!published.name.startsWith(packagePrefix)) {
    report.fail(
      'name',
      `"${published.name}" does not start with "${packagePrefix}"${found ? '' : '; Logto ignores it silently'}`,
    );
  } else if (!found) {
    report.fail(
      'name',
      `Logto's getConnectorPackagesFromDirectory does not list "${published.name}"`,
    );
  } else {
    report.pass(
      'name',
      `"${published.name}" is found by Logto's getConnectorPackagesFromDirectory`,
    );
  }
  return Boolean(found);
};
