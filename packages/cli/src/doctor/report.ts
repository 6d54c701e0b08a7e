// What `switchboard doctor` reports: a problem, what it does to Logto, and a package's status.

/** What a problem does to Logto, worst first. */
export const effects = {
  fatal: 'stops Logto',
  skipped: 'skipped by Logto',
  ignored: 'ignored by Logto',
  degraded: 'breaks the Console',
} as const;
export type Effect = keyof typeof effects;

export const outcomes: Record<Effect, string> = {
  fatal: 'would stop Logto',
  skipped: 'would be skipped',
  ignored: 'would be ignored',
  degraded: 'would break the Console',
};

/** The effects, worst first. */
export const rank: Effect[] = ['fatal', 'skipped', 'ignored', 'degraded'];

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

export const statusOf = (problems: Problem[]): PackageReport['status'] =>
  rank.find((effect) => problems.some((problem) => problem.effect === effect)) ?? 'ok';

export const firstLine = (text: string) => text.split('\n')[0] ?? text;
