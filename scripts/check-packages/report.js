// What `pnpm check:packages` prints: one report per package (an ordered list of PASS/FAIL/note
// checks), the Logto instance it checks against, and the closing summary line.
import path from 'node:path';

/** One package's report: an ordered list of checks. */
export class Report {
  /** @param {string} folder the package folder */
  constructor(folder) {
    this.folder = folder;
    /** @type {string | undefined} */
    this.name = undefined;
    /** @type {string | undefined} set once Logto has loaded the package's metadata */
    this.metadataId = undefined;
    /** @type {{ check: string, ok: boolean | undefined, detail: string }[]} */
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

/** @param {{ instance: string, provided: Record<string, string>, missing: string[] }} logto */
export const printLogtoInstance = (logto) => {
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
};

// Keep the check order stable regardless of which async step finished first. A check not listed
// here (ascii) sorts before all of them; the sort is stable, so checks of one name keep their order.
const order = [
  'package.json',
  'build',
  'pack',
  'logto connector add',
  'name',
  'tarball',
  'lib',
  'kit range',
  'load',
  'metadata',
  'metadata files',
  'console form',
  'secret fields',
  'readme',
  'card name',
  'metadata id',
  'imports',
];

/** @param {Report} report */
const sortChecks = (report) => {
  report.checks.sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
};

/**
 * @param {Report} report
 * @param {string} repoRoot
 */
const printReport = (report, repoRoot) => {
  const label = { true: 'PASS', false: 'FAIL', undefined: 'note' };
  const width = Math.max(...report.checks.map(({ check }) => check.length));
  const relative = path.relative(repoRoot, report.folder);
  const where = relative.startsWith('..') ? report.folder : relative;
  console.log(`\n${report.name ?? '(unknown name)'}  (${where})`);
  for (const { check, ok, detail } of report.checks) {
    console.log(`  ${label[ok]}  ${check.padEnd(width)}  ${detail}`);
  }
};

/**
 * @param {Report[]} reports
 * @param {string} repoRoot
 */
export const printReports = (reports, repoRoot) => {
  for (const report of reports) {
    sortChecks(report);
    printReport(report, repoRoot);
  }
};

/**
 * Prints the summary line.
 *
 * @param {Report[]} reports
 * @param {number} started `Date.now()` when the run began
 * @returns {0 | 1} the exit code: 1 when any package has a FAIL
 */
export const printSummary = (reports, started) => {
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
