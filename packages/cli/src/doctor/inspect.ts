// Inspects every package of a Logto instance the way Logto's loader will at startup, one child
// process per package (child.ts), a few at a time.
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import { loadAdviceFor } from '../resolve.js';
import { loadInChild } from './child.js';
import { fileProblems } from './file-problems.js';
import { findKit, readJson } from './instance.js';
import { loadProblems } from './load-problems.js';
import { kitProblems, readManifest } from './manifest-problems.js';
import { type DoctorReport, type PackageReport, statusOf } from './report.js';

/** How long one package may take to import and build once its process is up. */
const defaultTimeoutMs = 10_000;

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

/**
 * Inspects one package folder into a report; `loaded` is true when Logto would load its factory
 * (so that its metadata id counts among the ids that must differ).
 */
const inspectPackage = async (
  folder: string,
  {
    connectors,
    core,
    kitVersion,
    timeoutMs,
  }: { connectors: string; core: string; kitVersion: string; timeoutMs: number },
): Promise<{ report: PackageReport; loaded: boolean }> => {
  const packageDir = path.join(connectors, folder);
  const report: PackageReport = {
    folder,
    name: folder,
    status: 'ok',
    problems: [],
    notes: [],
    warnings: [],
  };
  const manifest = readManifest(packageDir, report);
  if (!manifest) return { report, loaded: false };
  report.problems.push(...kitProblems(manifest, kitVersion));
  if (!existsSync(path.join(packageDir, 'lib/index.js'))) {
    report.problems.push({
      effect: 'skipped',
      problem: 'lib/index.js is missing',
      fix: 'build to lib/ (Logto imports lib/index.js, never main or exports)',
    });
    return { report, loaded: false };
  }
  const result = await loadInChild(packageDir, core, timeoutMs);
  report.problems.push(...loadProblems(result, packageDir));
  if (!('loaded' in result && result.loaded)) return { report, loaded: false };
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
  return { report, loaded: !report.problems.some(({ effect }) => effect === 'skipped') };
};

/** Core refuses to start when two loaded factories share a metadata id. */
const flagDuplicateIds = (loaded: PackageReport[]) => {
  for (const report of loaded) {
    if (report.id === undefined) continue;
    const others = loaded
      .filter((other) => other !== report && other.id === report.id)
      .map((other) => other.name);
    if (others.length > 0) {
      report.problems.push({
        effect: 'fatal',
        problem: `metadata id "${report.id}" is also used by ${others.join(', ')}, so Logto refuses to start`,
        fix: 'remove one of them',
      });
    }
  }
};

/** The same key order for every package in --json. */
const ordered = ({
  folder,
  name,
  version,
  id,
  status,
  problems,
  notes,
  warnings,
}: PackageReport) => ({
  folder,
  name,
  ...(version === undefined ? {} : { version }),
  ...(id === undefined ? {} : { id }),
  status,
  problems,
  notes,
  warnings,
});

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

  const inspected = await mapLimited(folders, Math.max(2, availableParallelism()), (folder) =>
    inspectPackage(folder, { connectors, core, kitVersion: kit.version, timeoutMs }),
  );
  flagDuplicateIds(inspected.filter(({ loaded }) => loaded).map(({ report }) => report));
  const packages = inspected.map(({ report }) => report);
  for (const report of packages) report.status = statusOf(report.problems);

  return {
    ok: packages.every(({ status }) => status === 'ok'),
    instance,
    core: typeof coreVersion === 'string' ? { version: coreVersion } : {},
    connectorKit: kit,
    connectors,
    packages: packages.map(ordered),
  };
};
