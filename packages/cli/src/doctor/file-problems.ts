// The files a package's metadata names (logo, logoDark, readme, configTemplate), as Logto's
// parseMetadata reads them.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import type { Problem } from './report.js';

const isFolder = (file: string) => statSync(file).isDirectory();

const imageProblems = (metadata: Record<string, unknown>, packageDir: string): Problem[] => {
  const problems: Problem[] = [];
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
  return problems;
};

const textProblems = (metadata: Record<string, unknown>, packageDir: string): Problem[] => {
  const problems: Problem[] = [];
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

/** The files metadata names, as Logto's parseMetadata reads them (relative to the package folder). */
export const fileProblems = (metadata: Record<string, unknown>, packageDir: string): Problem[] => [
  ...imageProblems(metadata, packageDir),
  ...textProblems(metadata, packageDir),
];
