// `switchboard doctor`: inspects a Logto instance's connector packages the way Logto's loader will at
// startup (discovery, the connector-kit range, lib/index.js, the factory, metadata, duplicate ids),
// without starting Logto. Each package is imported in a child process of its own, from where it is,
// so only what that instance provides resolves, and a broken or hanging package cannot take the
// doctor down.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import semver from 'semver';

import { exitCodes, paint, printJson, useColor } from '../output.js';
import { loadAdviceFor } from '../resolve.js';
import { UsageError } from './common.js';

const kitName = '@logto/connector-kit';
/** Where the official Docker image keeps its Logto instance. */
export const dockerInstance = '/etc/logto';
/** How long one package may take to import and build once its process is up. */
const defaultTimeoutMs = 10_000;

/** What a problem does to Logto, worst first. */
const effects = {
  fatal: 'stops Logto',
  skipped: 'skipped by Logto',
  ignored: 'ignored by Logto',
  degraded: 'breaks the Console',
} as const;
type Effect = keyof typeof effects;
const outcomes: Record<Effect, string> = {
  fatal: 'would stop Logto',
  skipped: 'would be skipped',
  ignored: 'would be ignored',
  degraded: 'would break the Console',
};

export type Problem = { effect: Effect; problem: string; fix: string };

export type PackageReport = {
  /** The entry's name in packages/core/connectors. */
  folder: string;
  name: string;
  version?: string;
  id?: string;
  status: 'ok' | Effect;
  problems: Problem[];
  notes: string[];
  /** What a config of this package may leave open (the doctor cannot see the config itself). */
  warnings: string[];
};

export type DoctorReport = {
  ok: boolean;
  instance: string;
  core: { version?: string };
  connectorKit: { version: string; path: string };
  connectors: string;
  packages: PackageReport[];
};

type Manifest = {
  name?: unknown;
  version?: unknown;
  dependencies?: Record<string, unknown>;
  peerDependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
};

/** What the child process reports: the factory's result, or the stage that failed. */
type LoadResult =
  | {
      loaded: true;
      type: string;
      cjs: boolean;
      metadata: Record<string, unknown>;
      guardIssues: string[];
    }
  | {
      loaded: false;
      stage: 'kit' | 'import' | 'export' | 'factory' | 'validate';
      error: { isError: boolean; name?: string; code?: string; message: string };
      missing?: string[];
    }
  | { hang: string }
  | { crash: string };

// Runs in the child with cwd = <instance>/packages/core, so `@logto/connector-kit` resolves to the
// instance's own copy, as it does for Logto core. argv: the package folder. Mirrors @logto/cli's
// loadConnector, loadConnectorFactories and validateConnectorModule; plain JavaScript because the
// child runs in plain Node.
const workerSource = String.raw`
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const [packageDir] = process.argv.slice(1);
for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = () => {};
const send = (message) => new Promise((resolve) => process.send(message, resolve));
const describe = (error) =>
  error instanceof Error
    ? { isError: true, name: error.name, code: typeof error.code === 'string' ? error.code : undefined, message: error.message }
    : { isError: false, message: format(error) };
const has = (value, key) => value !== null && typeof value === 'object' && key in value;

let stage = 'kit';
try {
  const kit = await import('@logto/connector-kit');
  await send({ ready: true });
  stage = 'import';
  const loaded = await import(pathToFileURL(path.join(packageDir, 'lib/index.js')).href);
  stage = 'export';
  let factory;
  let cjs = false;
  if (has(loaded, 'default')) {
    if (has(loaded.default, 'default')) {
      if (typeof loaded.default.default === 'function') {
        factory = loaded.default.default;
        cjs = true;
      }
    } else if (typeof loaded.default === 'function') factory = loaded.default;
  }
  if (!factory) {
    await send({ loaded: false, stage, error: { isError: true, message: 'no default-exported function' } });
  } else {
    stage = 'factory';
    const connector = await factory({
      getConfig: () => {
        throw new kit.ConnectorError(kit.ConnectorErrorCodes.NotImplemented);
      },
    });
    stage = 'validate';
    const missing = [
      !connector?.metadata && 'metadata',
      !connector?.configGuard && 'configGuard',
      !Object.values(kit.ConnectorType).includes(connector?.type) && 'type',
    ].filter(Boolean);
    if (missing.length > 0) {
      await send({ loaded: false, stage, missing, error: { isError: true, message: 'invalid module' } });
    } else {
      const guarded = kit.connectorMetadataGuard.safeParse(connector.metadata);
      const metadata = {};
      for (const key of ['id', 'target', 'logo', 'logoDark', 'readme', 'configTemplate']) {
        const value = connector.metadata[key];
        if (typeof value === 'string' || value === null) metadata[key] = value;
      }
      await send({
        loaded: true,
        type: connector.type,
        cjs,
        metadata,
        guardIssues: guarded.success
          ? []
          : guarded.error.issues.map(
              (issue) => (issue.path.length > 0 ? issue.path.join('.') : '(metadata)') + ': ' + issue.message,
            ),
      });
    }
  }
} catch (error) {
  await send({ loaded: false, stage, error: describe(error) });
}
process.exit(0);
`;

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** `<dir>/packages/core/package.json` exists and is named @logto/core (what `logto` itself checks). */
const isInstance = (dir: string) => {
  try {
    return (
      (readJson(path.join(dir, 'packages/core/package.json')) as { name?: unknown }).name ===
      '@logto/core'
    );
  } catch {
    return false;
  }
};

const lookedFor = (dir: string) =>
  `looked for ${path.join(dir, 'packages/core/package.json')} named @logto/core`;

export const findInstance = (flag: string | undefined, cwd: string, fallback = dockerInstance) => {
  if (flag !== undefined) {
    const dir = path.resolve(cwd, flag);
    if (!isInstance(dir)) throw new UsageError(`${dir} is not a Logto instance: ${lookedFor(dir)}`);
    return dir;
  }
  if (isInstance(cwd)) return cwd;
  if (isInstance(fallback)) return fallback;
  throw new UsageError(
    `no Logto instance here: ${lookedFor(cwd)}, then ${path.join(fallback, 'packages/core/package.json')} (the official Docker image); pass --logto <instance dir>`,
  );
};

/** The connector-kit Node finds from packages/core: the first node_modules up the tree that has it. */
const findKit = (core: string) => {
  const searched: string[] = [];
  for (let dir = core; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', kitName);
      searched.push(candidate);
      if (existsSync(path.join(candidate, 'package.json'))) {
        const { version } = readJson(path.join(candidate, 'package.json')) as { version?: unknown };
        if (typeof version === 'string') return { version, path: candidate };
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new UsageError(
    `this Logto instance has no ${kitName}: looked in ${searched.slice(0, 3).join(', ')} and above`,
  );
};

/** A name Logto discovers: `connector-*`, or `*\/connector-*` (logto-host.md §3). */
const isConnectorName = (name: string) =>
  name.startsWith('connector-') || Boolean(name.split('/')[1]?.startsWith('connector-'));

const suggestName = (name: string) => {
  const [scope, rest] = name.startsWith('@') ? name.split('/') : [undefined, name];
  return scope ? `${scope}/connector-${rest ?? ''}` : `connector-${name}`;
};

const kitProblems = (manifest: Manifest, kitVersion: string): Problem[] => {
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

const firstLine = (text: string) => text.split('\n')[0] ?? text;

const loadProblems = (result: LoadResult, packageDir: string): Problem[] => {
  if ('hang' in result) {
    return [
      {
        effect: 'fatal',
        problem: `importing lib/index.js or calling the factory ${result.hang}, so Logto would hang at startup`,
        fix: 'settle every promise the module and the factory start',
      },
    ];
  }
  if ('crash' in result) {
    return [
      {
        effect: 'fatal',
        problem: `loading it ends the process (${result.crash}), so Logto would stop`,
        fix: 'do not exit or throw outside a promise while importing or building',
      },
    ];
  }
  if (result.loaded) return [];
  const { stage, error } = result;
  if (!error.isError && stage !== 'kit') {
    return [
      {
        effect: 'fatal',
        problem: `it throws a non-Error value (${firstLine(error.message)}) while ${stage === 'import' ? 'importing' : 'building'}, so Logto fails to start`,
        fix: 'throw an Error',
      },
    ];
  }
  switch (stage) {
    case 'kit': {
      return [
        {
          effect: 'fatal',
          problem: `this Logto's ${kitName} cannot be imported (${firstLine(error.message)})`,
          fix: 'repair the Logto installation',
        },
      ];
    }
    case 'import': {
      const missingPackage = /Cannot find package '([^']+)'/.exec(error.message)?.[1];
      if (error.code === 'ERR_MODULE_NOT_FOUND' && missingPackage) {
        return [
          {
            effect: 'skipped',
            problem: `imports '${missingPackage}', which this Logto does not provide`,
            fix: 'bundle it',
          },
        ];
      }
      const missingFile = /Cannot find module '([^']+)'/.exec(error.message)?.[1];
      if (error.code === 'ERR_MODULE_NOT_FOUND' && missingFile) {
        return [
          {
            effect: 'skipped',
            problem: `lib/index.js imports ${path.relative(packageDir, missingFile)}, which is not in the package`,
            fix: 'publish the whole lib/ folder',
          },
        ];
      }
      return [
        {
          effect: 'skipped',
          problem: `importing lib/index.js fails (${error.name ?? 'Error'}: ${firstLine(error.message)})`,
          fix: 'fix the build so that Node 22 imports lib/index.js',
        },
      ];
    }
    case 'export': {
      return [
        {
          effect: 'skipped',
          problem: 'lib/index.js has no default-exported factory function',
          fix: 'export the connector factory as default',
        },
      ];
    }
    case 'factory': {
      return [
        error.code === 'not_implemented'
          ? {
              effect: 'skipped',
              problem:
                'the factory calls getConfig while Logto builds it, before any config exists',
              fix: 'read the config only when the connector sends or signs in',
            }
          : {
              effect: 'skipped',
              problem: `the factory throws when Logto builds it with only getConfig (${firstLine(error.message)})`,
              fix: 'build without a config',
            },
      ];
    }
    case 'validate': {
      return [
        {
          effect: 'skipped',
          problem: `the factory's result has no valid ${(result.missing ?? []).join(', ')}`,
          fix: 'return metadata, configGuard and a type of Email, Sms or Social',
        },
      ];
    }
  }
};

/** The files metadata names, as Logto's parseMetadata reads them (relative to the package folder). */
const fileProblems = (metadata: Record<string, unknown>, packageDir: string): Problem[] => {
  const problems: Problem[] = [];
  const isFolder = (file: string) => statSync(file).isDirectory();
  for (const key of ['logo', 'logoDark'] as const) {
    const value = metadata[key];
    if (key === 'logo' && !value) {
      problems.push({
        effect: 'degraded',
        problem: 'metadata has no logo',
        fix: 'ship a logo.svg and name it in metadata.logo',
      });
    }
    if (typeof value !== 'string' || !value || value.startsWith('http')) continue;
    const file = path.join(packageDir, value);
    if (!existsSync(file)) {
      problems.push({
        effect: 'degraded',
        problem: `${key} ${value} is not in the package, so the Console shows a broken image`,
        fix: `add ${value} to the package files`,
      });
    } else if (!['.svg', '.png'].includes(path.extname(file))) {
      problems.push({
        effect: 'degraded',
        problem: `${key} ${value} is not .svg or .png, so Logto empties it`,
        fix: 'ship the logo as .svg or .png',
      });
    } else if (isFolder(file)) {
      problems.push({
        effect: 'skipped',
        problem: `${key} ${value} is a folder, which Logto fails to read`,
        fix: `point ${key} at the image file`,
      });
    }
  }
  for (const key of ['readme', 'configTemplate'] as const) {
    const value = metadata[key];
    if (key === 'readme' && !value) {
      problems.push({
        effect: 'degraded',
        problem: 'metadata has no readme',
        fix: 'ship a README.md and name it in metadata.readme',
      });
    }
    if (typeof value !== 'string' || !value) continue;
    const file = path.join(packageDir, value);
    if (!existsSync(file)) {
      problems.push({
        effect: 'degraded',
        problem: `${key} ${value} is not in the package, so the Console shows the path as text`,
        fix: `add ${value} to the package files`,
      });
    } else if (isFolder(file)) {
      problems.push({
        effect: 'skipped',
        problem: `${key} ${value} is a folder, which Logto fails to read`,
        fix: `point ${key} at the file`,
      });
    }
  }
  return problems;
};

/** Imports one package in a child process, with the instance's packages/core as its cwd. */
const loadInChild = (packageDir: string, core: string, timeoutMs: number) =>
  new Promise<LoadResult>((resolve) => {
    const env = { ...process.env };
    // Only what Node finds from the package's own folder counts, as in a Logto server.
    delete env.NODE_PATH;
    const child = spawn(
      process.execPath,
      ['--input-type=module', '--eval', workerSource, '--', packageDir],
      { cwd: core, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' },
    );
    let stderr = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: LoadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(result);
    };
    child.on('message', (message: { ready?: boolean } & LoadResult) => {
      if (message.ready) {
        // The clock starts once Node and the kit are up, so a slow machine is not a hanging package.
        timer = setTimeout(
          () => finish({ hang: `does not settle within ${timeoutMs / 1000} s` }),
          timeoutMs,
        );
        return;
      }
      finish(message);
    });
    child.on('error', (error) => finish({ crash: error.message }));
    // 'close' comes after every message the child sent.
    child.on('close', (code, signal) => {
      // 13: Node's "unsettled top-level await": the import or the factory's promise never settles.
      if (code === 13) {
        finish({ hang: 'never settles' });
        return;
      }
      const detail = stderr
        .split('\n')
        .map((line) => line.trim())
        .find((line) => /^\w*Error\b|^Uncaught/.test(line));
      finish({ crash: `exit ${signal ?? code}${detail ? `: ${detail}` : ''}` });
    });
  });

/** Runs `task` over `items`, at most `limit` at a time, keeping the order. */
const mapLimited = async <T, R>(items: T[], limit: number, task: (item: T) => Promise<R>) => {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

const rank: Effect[] = ['fatal', 'skipped', 'ignored', 'degraded'];
const statusOf = (problems: Problem[]): PackageReport['status'] =>
  rank.find((effect) => problems.some((problem) => problem.effect === effect)) ?? 'ok';

/** Inspects every package in `<instance>/packages/core/connectors` the way Logto's loader will. */
export const inspectInstance = async (
  instance: string,
  { timeoutMs = defaultTimeoutMs }: { timeoutMs?: number } = {},
): Promise<DoctorReport> => {
  const core = path.join(instance, 'packages/core');
  const kit = findKit(core);
  const { version: coreVersion } = readJson(path.join(core, 'package.json')) as {
    version?: unknown;
  };
  const connectors = path.join(core, 'connectors');
  const folders = existsSync(connectors)
    ? readdirSync(connectors)
        .filter((entry) => existsSync(path.join(connectors, entry, 'package.json')))
        .sort()
    : [];

  const loaded = new Map<PackageReport, string | undefined>();
  const packages = await mapLimited(
    folders,
    Math.max(2, availableParallelism()),
    async (folder): Promise<PackageReport> => {
      const packageDir = path.join(connectors, folder);
      const report: PackageReport = {
        folder,
        name: folder,
        status: 'ok',
        problems: [],
        notes: [],
        warnings: [],
      };
      let manifest: Manifest;
      try {
        manifest = readJson(path.join(packageDir, 'package.json')) as Manifest;
      } catch (error) {
        report.problems.push({
          effect: 'fatal',
          problem: `package.json is not valid JSON (${firstLine(String((error as Error).message))}), so Logto fails to start`,
          fix: `repair or remove ${folder}`,
        });
        return report;
      }
      if (typeof manifest?.name !== 'string') {
        report.problems.push({
          effect: 'fatal',
          problem: 'package.json has no string "name", so Logto fails to start',
          fix: `name the package or remove ${folder}`,
        });
        return report;
      }
      report.name = manifest.name;
      if (typeof manifest.version === 'string') report.version = manifest.version;
      if (!isConnectorName(manifest.name)) {
        report.problems.push({
          effect: 'ignored',
          problem: 'the name does not start with "connector-" or "@scope/connector-"',
          fix: `rename the package, e.g. ${suggestName(manifest.name)}`,
        });
        return report;
      }
      report.problems.push(...kitProblems(manifest, kit.version));
      if (!existsSync(path.join(packageDir, 'lib/index.js'))) {
        report.problems.push({
          effect: 'skipped',
          problem: 'lib/index.js is missing',
          fix: 'build to lib/ (Logto imports lib/index.js, never main or exports)',
        });
        return report;
      }
      const result = await loadInChild(packageDir, core, timeoutMs);
      report.problems.push(...loadProblems(result, packageDir));
      if ('loaded' in result && result.loaded) {
        if (typeof result.metadata.id === 'string') report.id = result.metadata.id;
        if (result.cjs) report.notes.push('loads in CJS mode (Logto logs a warning)');
        const advice = await loadAdviceFor(manifest.name.split('/').at(-1) ?? '');
        if (advice?.installed) report.warnings.push(advice.installed);
        if (result.guardIssues.length > 0) {
          report.problems.push({
            effect: 'degraded',
            problem: `metadata fails this Logto's connectorMetadataGuard (${result.guardIssues.join('; ')}), so the Console's connector lists fail with 500`,
            fix: 'fix the metadata',
          });
        }
        report.problems.push(...fileProblems(result.metadata, packageDir));
        if (!report.problems.some(({ effect }) => effect === 'skipped')) {
          loaded.set(report, report.id);
        }
      }
      return report;
    },
  );

  // Core refuses to start when two loaded factories share a metadata id.
  for (const [report, id] of loaded) {
    if (id === undefined) continue;
    const others = [...loaded]
      .filter(([other, otherId]) => other !== report && otherId === id)
      .map(([other]) => other.name);
    if (others.length > 0) {
      report.problems.push({
        effect: 'fatal',
        problem: `metadata id "${id}" is also used by ${others.join(', ')}, so Logto refuses to start`,
        fix: 'remove one of them',
      });
    }
  }
  for (const report of packages) report.status = statusOf(report.problems);
  // The same key order for every package in --json.
  const ordered = packages.map(
    ({ folder, name, version, id, status, problems, notes, warnings }) => ({
      folder,
      name,
      ...(version === undefined ? {} : { version }),
      ...(id === undefined ? {} : { id }),
      status,
      problems,
      notes,
      warnings,
    }),
  );

  return {
    ok: packages.every(({ status }) => status === 'ok'),
    instance,
    core: typeof coreVersion === 'string' ? { version: coreVersion } : {},
    connectorKit: kit,
    connectors,
    packages: ordered,
  };
};

/** One line per package: ok, or each problem with what it does to Logto and its fix. */
export const formatPackage = (report: PackageReport, color = false) => {
  const painted = paint(color);
  const label = `${report.name}${report.version ? ` ${report.version}` : ''}${report.id ? ` (${report.id})` : ''}`;
  const warnings = report.warnings.map(
    (warning) => `\n  ${painted.yellow('!')} warning: ${warning}`,
  );
  if (report.status === 'ok') {
    return `${painted.green('✔')} ${label}: ok${report.notes.length > 0 ? ` (${report.notes.join('; ')})` : ''}${warnings.join('')}`;
  }
  // Grouped by what they do to Logto, worst first: "skipped by Logto: a: fix a; b: fix b".
  const groups = rank
    .map((effect) => report.problems.filter((problem) => problem.effect === effect))
    .filter((group) => group.length > 0)
    .map(
      (group) =>
        `${effects[group[0]!.effect]}: ${group.map(({ problem, fix }) => `${problem}: ${fix}`).join('; ')}`,
    );
  return `${painted.red('✖')} ${label}: ${groups.join('; ')}${warnings.join('')}`;
};

const summary = (report: DoctorReport) => {
  const total = report.packages.length;
  const bad = report.packages.filter(({ status }) => status !== 'ok');
  if (total === 0) return 'no connector packages: Logto starts with none';
  if (bad.length === 0) return `all ${total} package(s) load in this Logto`;
  const counts = rank
    .map((effect) => [effect, bad.filter(({ status }) => status === effect).length] as const)
    .filter(([, count]) => count > 0)
    .map(([effect, count]) => `${count} ${outcomes[effect]}`);
  return `${bad.length} of ${total} package(s) have problems: ${counts.join(', ')}`;
};

export const doctor = async (
  flags: { logto?: string; json?: boolean },
  options: { cwd?: string; fallback?: string; timeoutMs?: number } = {},
) => {
  const instance = findInstance(flags.logto, options.cwd ?? process.cwd(), options.fallback);
  const report = await inspectInstance(instance, options);
  if (flags.json) {
    printJson(report);
  } else {
    const color = useColor();
    const versions = [
      report.core.version ? `@logto/core ${report.core.version}` : undefined,
      `${kitName} ${report.connectorKit.version}`,
    ].filter(Boolean);
    console.log(
      `Logto instance ${instance} (${versions.join(', ')}), ${path.relative(instance, report.connectors)}:`,
    );
    if (!existsSync(report.connectors)) {
      console.log(`${report.connectors} does not exist`);
    }
    for (const item of report.packages) console.log(formatPackage(item, color));
    console.log(summary(report));
  }
  return report.ok ? exitCodes.ok : exitCodes.failed;
};
