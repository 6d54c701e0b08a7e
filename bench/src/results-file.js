// The end of a run: the report object, .tmp/results.json, the console table and RESULTS.md.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadAtStart, log, settings, started, workDirectory } from './context.js';
import { benchDirectory, repoRoot } from './discover.js';
import { renderConsole, renderMarkdown } from './report.js';
import { median } from './stats.js';

const currentCommit = () => {
  try {
    return spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).stdout.trim();
  } catch {
    return undefined;
  }
};

const machine = () => {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
};

/** Medians of the shared dependencies' import times, total and per package. */
const sharedDepsFigure = (sharedDeps) =>
  sharedDeps.length === 0
    ? undefined
    : {
        total: median(sharedDeps.map(({ ms }) => ms)),
        ...Object.fromEntries(
          Object.keys(sharedDeps[0].deps).map((name) => [
            name,
            median(sharedDeps.map(({ deps }) => deps[name])),
          ]),
        ),
      };

/**
 * Builds the report from what the run measured and writes it: .tmp/results.json, the console
 * table, and RESULTS.md (in the repository's format when prettier is at hand).
 */
export const writeResults = ({
  fake,
  fakeTraffic,
  cold,
  startupAll,
  discovered,
  results,
  routerResults,
}) => {
  const { ready, routers, skipped } = discovered;
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    node: process.version,
    commit: currentCommit(),
    settings,
    fakePort: fake.server?.port,
    fakeTraffic,
    baselines: { bare: cold.bareMedian, emptyEntry: cold.emptyMedian },
    sharedDeps: sharedDepsFigure(cold.sharedDeps),
    startupAll,
    load: { start: loadAtStart, end: os.loadavg() },
    durationSeconds: (Date.now() - started) / 1000,
    ready,
    routers,
    skipped,
    results,
    routerResults,
  };
  writeFileSync(
    path.join(workDirectory, 'results.json'),
    JSON.stringify(
      {
        ...report,
        ready: ready.map(({ bench, ...rest }) => ({ ...rest, official: bench.official })),
        routers: routers.map(({ bench, ...rest }) => ({ ...rest, direct: bench.direct })),
      },
      null,
      2,
    ),
  );
  console.log(`\n${renderConsole(report)}`);
  const resultsFile = path.join(benchDirectory, 'RESULTS.md');
  writeFileSync(resultsFile, renderMarkdown(report));
  // Keep the generated file in the repository's format when prettier is at hand (it is a root
  // dev dependency); the table is already aligned, so this only touches edge cases.
  spawnSync(
    path.join(repoRoot, 'node_modules', '.bin', 'prettier'),
    ['--write', '--log-level=warn', resultsFile],
    {
      stdio: 'inherit',
    },
  );
  log(`wrote ${path.relative(repoRoot, resultsFile)} in ${report.durationSeconds.toFixed(0)} s`);
};
