// Builds a throw-away Logto instance under os.tmpdir() and adds packed connectors to it with the
// real `logto connector add` from the published @logto/cli. Nothing here touches the repository.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';

import semver from 'semver';

import { logtoCoreDependencies, logtoCoreDependencyRanges } from './constants.js';

const execFileAsync = promisify(execFile);

/** The repository's installed @logto/cli (the real path inside pnpm's store). */
export const findLogtoCli = (repoRoot) => {
  const link = path.join(repoRoot, 'node_modules', '@logto', 'cli');
  if (!existsSync(path.join(link, 'package.json'))) {
    throw new Error('@logto/cli is not installed at the repository root: run pnpm install');
  }
  const directory = realpathSync(link);
  const require = createRequire(path.join(directory, 'package.json'));
  const { version } = require('./package.json');
  return { directory, version, bin: path.join(directory, 'bin', 'logto.js') };
};

const readVersion = (directory) =>
  JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')).version;

/**
 * Where to take each Logto core dependency from: the copies installed next to @logto/cli (Logto's
 * own versions, as the published CLI pins them), else the repository root or pnpm's hidden hoisted
 * folder, but only when that copy matches the version range Logto ships.
 */
const findInstalled = (repoRoot, cliDirectory, name) => {
  const cliNodeModules = path.resolve(cliDirectory, '..', '..');
  const candidates = [
    { nodeModules: cliNodeModules, logtoPinned: true },
    { nodeModules: path.join(repoRoot, 'node_modules') },
    { nodeModules: path.join(repoRoot, 'node_modules', '.pnpm', 'node_modules') },
  ];
  let rejected;
  for (const { nodeModules, logtoPinned } of candidates) {
    const directory = path.join(nodeModules, name);
    if (!existsSync(path.join(directory, 'package.json'))) {
      continue;
    }
    const source = realpathSync(directory);
    const version = readVersion(source);
    const range = logtoCoreDependencyRanges[name];
    if (logtoPinned || (range && semver.satisfies(version, range))) {
      return { source, version };
    }
    rejected ??= `${name}@${version}${range ? ` (Logto ships ${range})` : " (Logto's version unknown)"}`;
  }
  return { rejected };
};

/**
 * Creates `<tmp>/logto/packages/core` with a package.json named @logto/core and a node_modules
 * holding only Logto core's direct dependencies (as symlinks to the repository's installed copies).
 */
export const createLogtoInstance = async ({ repoRoot, cli }) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-check-packages-'));
  const instance = path.join(root, 'logto');
  const core = path.join(instance, 'packages', 'core');
  const nodeModules = path.join(core, 'node_modules');
  await fs.mkdir(nodeModules, { recursive: true });

  const provided = {};
  const missing = [];
  for (const name of logtoCoreDependencies) {
    const { source, version, rejected } = findInstalled(repoRoot, cli.directory, name);
    if (!source) {
      missing.push(rejected ?? name);
      continue;
    }
    const target = path.join(nodeModules, name);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.symlink(source, target, 'dir');
    provided[name] = version;
  }

  await fs.writeFile(
    path.join(core, 'package.json'),
    JSON.stringify(
      {
        name: '@logto/core',
        version: cli.version,
        private: true,
        type: 'module',
        dependencies: provided,
      },
      undefined,
      2,
    ),
  );

  return {
    root,
    instance,
    core,
    connectors: path.join(core, 'connectors'),
    packs: path.join(root, 'packs'),
    provided,
    missing,
  };
};

/**
 * `pnpm pack` one package into its own folder under `packs/` (pnpm rewrites `workspace:` ranges the
 * way `pnpm publish` does), then renames the tarball to `connector-<index>-<folder name>.tgz` so that
 * `logto connector add` takes the path as is (it prefixes `connector-` to any last path part that
 * does not already start with it). The index keeps folders with the same name apart.
 */
export const packPackage = async (packageDirectory, packsDirectory, index) => {
  const folder = `connector-${index}-${path.basename(packageDirectory)}`;
  const destination = path.join(packsDirectory, folder);
  await fs.mkdir(destination, { recursive: true });
  const { stdout } = await execFileAsync(
    'pnpm',
    ['pack', '--pack-destination', destination, '--json'],
    { cwd: packageDirectory, maxBuffer: 16 * 1024 * 1024 },
  );
  let files;
  try {
    const result = JSON.parse(stdout);
    files = (Array.isArray(result) ? result[0] : result)?.files?.map(({ path: file }) => file);
  } catch {
    // older pnpm without --json: fall back to the extracted folder for the file list
  }
  const tarballs = (await fs.readdir(destination)).filter((file) => file.endsWith('.tgz'));
  if (tarballs.length !== 1) {
    throw new Error(`pnpm pack produced ${tarballs.length} tarballs in ${destination}`);
  }
  const tarball = path.join(packsDirectory, `${folder}.tgz`);
  await fs.rename(path.join(destination, tarballs[0]), tarball);
  return { tarball, files };
};

/**
 * Runs the published CLI's own command: `logto connector add <tarballs…> -p <instance>`. It
 * validates the instance (packages/core/package.json named @logto/core), runs `npm pack` in the
 * connectors folder, and extracts each tarball into `<connectors>/<name with / → ->` with the first
 * path part stripped. stdin is closed so the CLI never prompts.
 */
export const addWithLogtoCli = async ({ cli, instance, tarballs }) => {
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  // `pnpm check:packages` exports pnpm's own npm_config_* settings; npm would warn about them.
  for (const key of Object.keys(env)) {
    if (/^npm_(config|package|lifecycle)_/i.test(key)) {
      delete env[key];
    }
  }
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [cli.bin, 'connector', 'add', ...tarballs, '-p', instance],
      { env, cwd: instance, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
    );
    return { ok: true, output: stripVTControlCharacters(`${stdout}${stderr}`) };
  } catch (error) {
    return {
      ok: false,
      output: stripVTControlCharacters(
        `${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`,
      ),
    };
  }
};
