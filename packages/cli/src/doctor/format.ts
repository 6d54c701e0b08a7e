// The doctor's words: one line per package, and a summary.
import { paint } from '../output.js';
import { type DoctorReport, effects, outcomes, type PackageReport, rank } from './report.js';

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

export const summary = (report: DoctorReport) => {
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
