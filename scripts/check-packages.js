// `pnpm check:packages`: would a stock Logto load each connector package as it will be published?
//
// For every packages/connector-* folder (after `pnpm build`): `pnpm pack` it, add the tarball to a
// throw-away Logto instance under os.tmpdir() with the real `logto connector add` from the published
// @logto/cli (it installs nothing, so only Logto core's own dependencies resolve), discover it with
// the CLI's getConnectorPackagesFromDirectory and load it with its loadConnectorFactories, then check
// what a Logto server and its Console do later (metadata guard, the create form, ids, card
// names, the README guide, secret fields), check that lib/ holds only what the entry point
// reaches, and scan the built code for imports that a Logto server cannot resolve. Prints
// PASS/FAIL per check; exits 1 on any FAIL.
// Each check lives in scripts/check-packages/<what it checks>.js; this file runs them in order.
//
// Usage: node scripts/check-packages.js [package folder…]   (default: every packages/connector-*)
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkAscii } from './check-packages/ascii.js';
import { checkConsoleForm, checkSecretFields } from './check-packages/console-form.js';
import { checkImports } from './check-packages/imports.js';
import { checkKitRange } from './check-packages/kit-range.js';
import { checkLibFiles } from './check-packages/lib-files.js';
import { checkLoad, loadInWorker } from './check-packages/load.js';
import { createLogtoInstance, findLogtoCli } from './check-packages/logto-instance.js';
import { checkMetadataFiles } from './check-packages/metadata-files.js';
import { checkMetadataGuard, checkMetadataIds } from './check-packages/metadata.js';
import { checkName, checkNonConnectorFolders, discoverConnectors } from './check-packages/name.js';
import { checkCardNames } from './check-packages/card-names.js';
import { addAll, checkAdded, packAll } from './check-packages/pack.js';
import { checkReadme } from './check-packages/readme.js';
import { Report, printLogtoInstance, printReports, printSummary } from './check-packages/report.js';
import { checkSource, discoverFolders } from './check-packages/source.js';
import { checkTarball } from './check-packages/tarball.js';
import { limit, readJson } from './check-packages/util.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Everything checked about one package once it is packed, in the Logto instance.
 *
 * @param {{ report: Report, files?: string[] }} packed
 * @param {{ cli: ReturnType<typeof findLogtoCli>, logto: Awaited<ReturnType<typeof createLogtoInstance>> }} context
 * @param {{ added: Awaited<ReturnType<typeof addAll>>, discovery: Awaited<ReturnType<typeof discoverConnectors>> }} results
 * @param {Map<Report, Record<string, any>>} loadedById
 */
const checkAddedPackage = async (
  { report, files },
  { cli, logto },
  { added, discovery },
  loadedById,
) => {
  const addedDirectory = path.join(logto.connectors, report.name.replaceAll('/', '-'));
  if (!checkAdded(report, addedDirectory, added)) {
    return;
  }
  const tarballFiles = files ?? (await fs.readdir(addedDirectory, { recursive: true }));
  const published = await readJson(path.join(addedDirectory, 'package.json'));

  const found = checkName(report, published, addedDirectory, discovery);
  checkTarball(report, published, tarballFiles, addedDirectory);
  await checkLibFiles(report, addedDirectory, published, repoRoot);
  checkKitRange(report, published.dependencies, published.peerDependencies);

  if (found) {
    const loaded = await limit(() => loadInWorker(addedDirectory, published.name, logto, cli));
    if (checkLoad(report, loaded, cli)) {
      checkMetadataGuard(report, loaded);
      checkMetadataFiles(report, loaded, addedDirectory);
      checkConsoleForm(report, loaded);
      checkSecretFields(report, loaded);
    }
    if (loaded.raw) {
      report.metadataId = loaded.raw.id;
      loadedById.set(report, loaded);
    }
  } else {
    report.fail('load', 'not loaded: Logto does not discover it (see name)');
  }

  await checkReadme(report, addedDirectory);
  await checkImports(report, addedDirectory, repoRoot);
};

const main = async () => {
  const started = Date.now();
  const folders = discoverFolders(repoRoot, process.argv.slice(2));
  if (folders.length === 0) {
    console.log('check:packages: no packages/connector-* folder found');
    return 0;
  }
  const cli = findLogtoCli(repoRoot);
  const logto = await createLogtoInstance({ repoRoot, cli });
  const reports = folders.map((folder) => new Report(folder));

  try {
    printLogtoInstance(logto);

    // 1. Source folder: name and build output.
    if (process.argv.length <= 2) {
      reports.push(...(await checkNonConnectorFolders(repoRoot)));
    }
    const toPack = [];
    for (const report of reports) {
      if (report.checks.length > 0) {
        continue;
      }
      if (await checkSource(report)) {
        await checkAscii(report);
        toPack.push(report);
      }
    }

    // 2. Pack (in parallel) and add them all with the real `logto connector add`.
    const tarballs = await packAll(toPack, logto);
    const added = await addAll(tarballs, cli, logto);

    // 3. Logto's discovery over the connectors folder, then each package in it; then across them.
    const discovery = await discoverConnectors(cli, logto);
    const loadedById = new Map();
    await Promise.all(
      tarballs.map((packed) =>
        checkAddedPackage(packed, { cli, logto }, { added, discovery }, loadedById),
      ),
    );
    checkMetadataIds(reports, loadedById);
    checkCardNames(reports, loadedById);

    printReports(reports, repoRoot);
  } finally {
    await fs.rm(logto.root, { recursive: true, force: true });
  }

  return printSummary(reports, started);
};

process.exitCode = await main();
