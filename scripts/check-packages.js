// `pnpm check:packages`: would a stock Logto load each connector package as it will be published?
//
// For every packages/connector-* folder (after `pnpm build`): `pnpm pack` it, add the tarball to a
// throw-away Logto instance under os.tmpdir() with the real `logto connector add` from the published
// @logto/cli (it installs nothing, so only Logto core's own dependencies resolve), discover it with
// the CLI's getConnectorPackagesFromDirectory and load it with its loadConnectorFactories, then check
// what a Logto server checks later (metadata guard, form defaults, ids) and scan the built code for
// imports that a Logto server cannot resolve. Prints PASS/FAIL per check; exits 1 on any FAIL.
//
// Usage: node scripts/check-packages.js [package folder…]   (default: every packages/connector-*)
import { fork } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import semver from 'semver';

import {
  idPrefix,
  loadTimeoutMs,
  logtoCoreDependencies,
  logtoKitVersions,
  officialConnectorIds,
  packagePrefix,
} from './check-packages/constants.js';
import { scanImports } from './check-packages/imports.js';
import {
  addWithLogtoCli,
  createLogtoInstance,
  findLogtoCli,
  packPackage,
} from './check-packages/logto-instance.js';

/**
 * Every bundled file is ASCII: V8 keeps a module's source text for as long as the module lives, and
 * one character outside Latin-1 (a Cyrillic word in a regular expression) makes it keep the whole
 * file as a two-byte string, twice its size in every Logto heap.
 */
const checkAscii = async (report) => {
  const libFolder = path.join(report.folder, 'lib');
  for (const file of readdirSync(libFolder).filter((name) => name.endsWith('.js'))) {
    const text = await fs.readFile(path.join(libFolder, file), 'utf8');
    let index = 0;
    while (index < text.length && text.charCodeAt(index) <= 0x7f) index += 1;
    if (index < text.length) {
      const line = text.slice(0, index).split('\n').length;
      report.fail(
        'ascii',
        `lib/${file} line ${line} has the non-ASCII ${JSON.stringify(text[index])}: write it as a string escape (esbuild leaves regular-expression literals as they are)`,
      );
      return;
    }
  }
  report.pass('ascii', 'lib/*.js is ASCII');
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workerPath = fileURLToPath(new URL('check-packages/load-worker.js', import.meta.url));
const kit = '@logto/connector-kit';

/** One package's report: an ordered list of checks. */
class Report {
  constructor(folder) {
    this.folder = folder;
    this.name = undefined;
    this.checks = [];
  }

  pass(check, detail) {
    this.checks.push({ check, ok: true, detail });
  }

  fail(check, detail) {
    this.checks.push({ check, ok: false, detail });
  }

  note(check, detail) {
    this.checks.push({ check, ok: undefined, detail });
  }

  get failed() {
    return this.checks.some(({ ok }) => ok === false);
  }
}

const readJson = async (file) => JSON.parse(await fs.readFile(file, 'utf8'));

/** Every packages/connector-* folder, or the folders given on the command line. */
const discoverFolders = (args) =>
  args.length > 0
    ? args.map((folder) => path.resolve(folder))
    : readdirSync(path.join(repoRoot, 'packages'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name.startsWith('connector-'))
        .map((entry) => path.join(repoRoot, 'packages', entry.name))
        .sort();

/** Is `file` (relative to the package folder, as metadata gives it) a file inside the package? */
const fileInside = (packageDirectory, file) => {
  const resolved = path.join(packageDirectory, file);
  const relative = path.relative(packageDirectory, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, why: `${file} points outside the package` };
  }
  return existsSync(resolved)
    ? { ok: true, relative }
    : { ok: false, why: `${file} is not in the tarball` };
};

const checkKitRange = (report, dependencies, peerDependencies) => {
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

/** Runs at most `limit` of the returned function's calls at a time. */
const limitConcurrency = (limit) => {
  let active = 0;
  const queue = [];
  const next = () => {
    if (active < limit && queue.length > 0) {
      active += 1;
      const { task, resolve, reject } = queue.shift();
      task()
        .then(resolve, reject)
        .finally(() => {
          active -= 1;
          next();
        });
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push({ task, resolve, reject });
      next();
    });
};
const limit = limitConcurrency(Math.max(2, os.availableParallelism()));

/**
 * Loads one added package in a child process. The time limit starts once the worker has imported
 * @logto/cli (it reports "ready"), so a slow machine does not look like a hanging connector.
 */
const loadInWorker = (packageDirectory, packageName, logto, cli) =>
  new Promise((resolve) => {
    const child = fork(workerPath, [packageDirectory, packageName, logto.core, cli.directory], {
      silent: true,
      cwd: logto.core,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    let settled = false;
    let timer = setTimeout(
      () => finish({ crash: 'the load worker did not start within 60s', output }),
      60_000,
    );
    const finish = (value) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        child.kill();
        resolve(value);
      }
    };
    child.on('message', (message) => {
      if (message.ready) {
        clearTimeout(timer);
        timer = setTimeout(
          () => finish({ hang: `did not settle within ${loadTimeoutMs / 1000}s` }),
          loadTimeoutMs,
        );
        return;
      }
      finish({ ...message, output });
    });
    child.on('exit', (code, signal) =>
      finish(
        // 13: Node's "unsettled top-level await": the import or the factory's promise never
        // settles and nothing else keeps this process alive. In a Logto server: a startup hang.
        code === 13
          ? { hang: 'never settles' }
          : { crash: `load worker exited (${signal ?? code}) without a result`, output },
      ),
    );
  });

const checkLoaded = (report, loaded, addedDirectory, cli) => {
  const loader = `@logto/cli ${cli.version} loadConnectorFactories`;
  if (loaded.hang) {
    report.fail(
      'load',
      `importing lib/index.js or calling the factory ${loaded.hang}: a Logto server would hang at startup`,
    );
    return;
  }
  if (loaded.crash) {
    report.fail('load', `check harness crashed: ${loaded.crash.split('\n').slice(0, 3).join(' ')}`);
    return;
  }
  if (!loaded.load.ok) {
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec(loaded.load.reason)?.[1];
    const hint =
      missing && logtoCoreDependencies.includes(missing)
        ? ` (${missing} is a Logto core dependency but is not installed in this repo, so this check cannot provide it)`
        : '';
    report.fail(
      'load',
      `${loader} (kit ${loaded.kitVersion}) ${loaded.load.fatal ? 'fails' : 'skips it'}: ${loaded.load.reason}${hint}`,
    );
    return;
  }
  report.pass(
    'load',
    `${loader} (kit ${loaded.kitVersion}) imports lib/index.js; factory({ getConfig: notImplemented }) ` +
      `returns type ${loaded.load.type}, metadata and configGuard (validateConnectorModule)`,
  );
  for (const warning of loaded.load.warnings) {
    report.note('load', warning.split('\n')[0].replace(/^\(node:\d+\) /, ''));
  }

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

  // Files named in metadata, in the tarball, resolved by parseMetadata.
  const { raw, parsed } = loaded;
  const fileProblems = [];
  const fileFacts = [];
  const logoFile =
    typeof raw.logo === 'string' && !raw.logo.startsWith('http')
      ? fileInside(addedDirectory, raw.logo)
      : undefined;
  if (!raw.logo) {
    fileProblems.push('metadata.logo is empty');
  } else if (logoFile && !logoFile.ok) {
    fileProblems.push(`logo ${logoFile.why}`);
  } else if (typeof parsed.logo !== 'string' || !parsed.logo.startsWith('data:image/')) {
    fileProblems.push(
      raw.logo.startsWith('http')
        ? `logo is a remote URL (${raw.logo}); ship the logo file in the package`
        : `parseMetadata did not turn logo ${raw.logo} into a data: URI (only .svg and .png are read)`,
    );
  } else {
    fileFacts.push(`logo ${logoFile.relative} → ${parsed.logo.split(';')[0]}`);
  }
  if (raw.logoDark) {
    if (typeof parsed.logoDark !== 'string' || !parsed.logoDark.startsWith('data:image/')) {
      fileProblems.push(`parseMetadata did not turn logoDark ${raw.logoDark} into a data: URI`);
    } else {
      fileFacts.push(`logoDark → ${parsed.logoDark.split(';')[0]}`);
    }
  }
  const readmeFile =
    typeof raw.readme === 'string' && raw.readme
      ? fileInside(addedDirectory, raw.readme)
      : undefined;
  if (!raw.readme) {
    fileProblems.push('metadata.readme is empty');
  } else if (!readmeFile.ok) {
    fileProblems.push(`readme ${readmeFile.why}; the Console would show the path as text`);
  } else if (parsed.readmeIsRawPath || !parsed.readmeLength) {
    fileProblems.push(`parseMetadata did not read readme ${raw.readme} into text`);
  } else {
    fileFacts.push(`readme ${readmeFile.relative} → ${parsed.readmeLength} characters of text`);
  }
  if (raw.configTemplate && parsed.configTemplateIsRawPath) {
    fileProblems.push(`configTemplate ${raw.configTemplate} is not in the tarball`);
  }
  if (fileProblems.length > 0) {
    report.fail('metadata files', fileProblems.join('; '));
  } else {
    report.pass('metadata files', `${fileFacts.join(', ')} (parseMetadata)`);
  }

  const { formDefaults } = loaded;
  if (formDefaults.ok) {
    report.pass(
      'form defaults',
      formDefaults.defaults.length > 0
        ? `configGuard accepts the defaults of ${formDefaults.defaults.join(', ')}; it only asks for keys the form has`
        : 'no formItem has a defaultValue; configGuard only asks for keys the form has',
    );
  } else {
    report.fail('form defaults', formDefaults.reasons.join('; '));
  }
  for (const note of formDefaults.notes ?? []) {
    report.note('form defaults', note);
  }
};

const checkIds = (reports, loadedById) => {
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

const checkImports = async (report, addedDirectory) => {
  const allowed = new Set(logtoCoreDependencies);
  const { found, bareNotShipped, problems } = await scanImports({
    repoRoot,
    libDirectory: path.join(addedDirectory, 'lib'),
    allowed,
  });
  const all = [...found.keys()].sort();
  const failures = [
    ...bareNotShipped.map(
      (specifier) =>
        `"${specifier}" is neither a Node built-in nor shipped by Logto core: bundle it`,
    ),
    ...problems,
  ];
  if (failures.length > 0) {
    report.fail('imports', failures.join('; '));
  } else {
    report.pass(
      'imports',
      `lib/ imports only Node built-ins and Logto's own copies: ${all.join(', ') || '(none)'}`,
    );
  }
};

const printReport = (report) => {
  const label = { true: 'PASS', false: 'FAIL', undefined: 'note' };
  const width = Math.max(...report.checks.map(({ check }) => check.length));
  const relative = path.relative(repoRoot, report.folder);
  const where = relative.startsWith('..') ? report.folder : relative;
  console.log(`\n${report.name ?? '(unknown name)'}  (${where})`);
  for (const { check, ok, detail } of report.checks) {
    console.log(`  ${label[ok]}  ${check.padEnd(width)}  ${detail}`);
  }
};

const main = async () => {
  const started = Date.now();
  const folders = discoverFolders(process.argv.slice(2));
  if (folders.length === 0) {
    console.log('check:packages: no packages/connector-* folder found');
    return 0;
  }
  const cli = findLogtoCli(repoRoot);
  const logto = await createLogtoInstance({ repoRoot, cli });
  const reports = folders.map((folder) => new Report(folder));

  try {
    console.log(
      `Logto instance ${logto.instance}: packages/core/node_modules holds ` +
        Object.entries(logto.provided)
          .map(([name, version]) => `${name}@${version}`)
          .join(', '),
    );
    if (logto.missing.length > 0) {
      console.log(
        `Not provided (Logto core ships them, but this repo has no matching copy): ${logto.missing.join(', ')}`,
      );
    }

    // 1. Source folder: name and build output.
    const toPack = [];
    if (process.argv.length <= 2) {
      // Logto's name filter must not pick up anything but connector folders (core, cli, …).
      for (const entry of readdirSync(path.join(repoRoot, 'packages'), { withFileTypes: true })) {
        const manifestPath = path.join(repoRoot, 'packages', entry.name, 'package.json');
        if (
          !entry.isDirectory() ||
          entry.name.startsWith('connector-') ||
          !existsSync(manifestPath)
        ) {
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
    }
    for (const report of reports) {
      if (report.checks.length > 0) {
        continue;
      }
      const manifest = await readJson(path.join(report.folder, 'package.json')).catch(
        () => undefined,
      );
      if (!manifest) {
        report.fail('package.json', 'missing or not valid JSON');
        continue;
      }
      report.name = manifest.name;
      if (!existsSync(path.join(report.folder, 'lib', 'index.js'))) {
        report.fail('build', 'lib/index.js is missing: run pnpm build first');
        continue;
      }
      await checkAscii(report);
      toPack.push(report);
    }

    // 2. Pack (in parallel) and add them all with the real `logto connector add`.
    await fs.mkdir(logto.packs, { recursive: true });
    const packed = await Promise.all(
      toPack.map(async (report, index) => {
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
    const tarballs = packed.filter(Boolean);
    const added =
      tarballs.length > 0
        ? await addWithLogtoCli({
            cli,
            instance: logto.instance,
            tarballs: tarballs.map(({ tarball }) => tarball),
          })
        : { ok: true };

    // 3. Logto's discovery over the connectors folder (a throw here means Logto would not start).
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

    const loadedById = new Map();
    await Promise.all(
      tarballs.map(async ({ report, files }) => {
        const addedDirectory = path.join(logto.connectors, report.name.replaceAll('/', '-'));
        if (!existsSync(path.join(addedDirectory, 'package.json'))) {
          report.fail(
            'logto connector add',
            `did not add the tarball: ${added.output.trim().split('\n').slice(-3).join(' | ')}`,
          );
          return;
        }
        const tarballFiles = files ?? (await fs.readdir(addedDirectory, { recursive: true }));
        const published = await readJson(path.join(addedDirectory, 'package.json'));

        // Name filter: ours, and Logto's own.
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

        // Tarball contents.
        const required = ['package.json', 'lib/index.js', 'README.md'];
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

        checkKitRange(report, published.dependencies, published.peerDependencies);

        if (found) {
          const loaded = await limit(() =>
            loadInWorker(addedDirectory, published.name, logto, cli),
          );
          checkLoaded(report, loaded, addedDirectory, cli);
          if (loaded.raw) {
            report.metadataId = loaded.raw.id;
            loadedById.set(report, loaded);
          }
        } else {
          report.fail('load', 'not loaded: Logto does not discover it (see name)');
        }

        await checkImports(report, addedDirectory).catch((error) => {
          const detail = error.errors
            ?.map(({ text, location }) => `${location?.file ?? ''}:${location?.line ?? ''} ${text}`)
            .join('; ');
          report.fail('imports', `could not parse lib/: ${detail || error.message}`);
        });
      }),
    );
    checkIds(reports, loadedById);

    // Keep the check order stable regardless of which async step finished first.
    const order = [
      'package.json',
      'build',
      'pack',
      'logto connector add',
      'name',
      'tarball',
      'kit range',
      'load',
      'metadata',
      'metadata files',
      'form defaults',
      'metadata id',
      'imports',
    ];
    for (const report of reports) {
      report.checks.sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
      printReport(report);
    }
  } finally {
    await fs.rm(logto.root, { recursive: true, force: true });
  }

  const failed = reports.filter((report) => report.failed);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\ncheck:packages: ${reports.length - failed.length} of ${reports.length} packages pass` +
      (failed.length > 0
        ? `; FAIL: ${failed.map((report) => report.name ?? path.basename(report.folder)).join(', ')}`
        : '') +
      ` (${seconds}s)`,
  );
  return failed.length > 0 ? 1 : 0;
};

process.exitCode = await main();
