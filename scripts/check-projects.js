// `pnpm check:projects`: does `vitest run` at the root really test every package?
//
// Vitest 4 ignores a bare vitest.workspace.ts, so a package can silently drop out of CI. For every
// packages/* folder with a vitest.config.ts this asserts that `vitest list --json` shows it as its
// own project, named after its package.json, with test files, and (through vitest's Node API)
// that the project is rooted at that folder and runs the shared setup file that disables the
// network. Prints PASS/FAIL per package; exits 1 on any FAIL.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const setupFile = path.join(repoRoot, 'scripts', 'vitest.setup.ts');
const vitestBin = path.join(repoRoot, 'node_modules', '.bin', 'vitest');

const inside = (directory, file) => {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/** `vitest list --json --filesOnly` at the root: [{ file, projectName }]. */
const listTestFiles = async () => {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-check-projects-'));
  const output = path.join(directory, 'list.json');
  try {
    await execFileAsync(vitestBin, ['list', '--filesOnly', `--json=${output}`], {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(await fs.readFile(output, 'utf8'));
  } catch (error) {
    throw new Error(`vitest list failed: ${`${error.stderr ?? ''}`.trim() || error.message}`);
  } finally {
    await fs.rm(directory, { recursive: true, force: true });
  }
};

/** The configured projects, even those without test files: [{ name, root, setupFiles }]. */
const listProjects = async () => {
  const { createVitest } = await import(
    pathToFileURL(path.join(repoRoot, 'node_modules', 'vitest', 'dist', 'node.js')).href
  );
  const quiet = { write: () => true };
  const vitest = await createVitest(
    'test',
    { watch: false, root: repoRoot },
    {},
    { stdout: quiet, stderr: quiet },
  );
  try {
    return vitest.projects.map((project) => ({
      name: project.name,
      root: path.resolve(project.config.root),
      setupFiles: (project.config.setupFiles ?? []).map((file) => path.resolve(file)),
    }));
  } finally {
    await vitest.close();
  }
};

const main = async () => {
  const folders = readdirSync(path.join(repoRoot, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(repoRoot, 'packages', entry.name))
    .sort();
  const withConfig = folders.filter((folder) => existsSync(path.join(folder, 'vitest.config.ts')));

  const files = await listTestFiles();
  let projects;
  try {
    projects = await listProjects();
  } catch (error) {
    console.log(`note: vitest's Node API failed (${error.message}); checking the list output only`);
  }

  let failed = 0;
  for (const folder of withConfig) {
    const relative = path.relative(repoRoot, folder);
    const { name } = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8'));
    const problems = [];

    const own = files.filter(({ projectName }) => projectName === name);
    const here = files.filter(({ file }) => inside(folder, file));
    const strays = here.filter(({ projectName }) => projectName !== name);
    const outside = own.filter(({ file }) => !inside(folder, file));

    if (projects) {
      const project = projects.find(({ root }) => root === folder);
      if (!project) {
        problems.push(
          'no vitest project is rooted here: the root vitest.config.ts does not pick it up',
        );
      } else {
        if (project.name !== name) {
          problems.push(`its project is named "${project.name}", not "${name}"`);
        }
        if (!project.setupFiles.includes(setupFile)) {
          problems.push(
            `its project does not run ${path.relative(repoRoot, setupFile)} (network not disabled); re-export scripts/vitest.base.ts`,
          );
        }
      }
    }
    if (own.length === 0) {
      problems.push(
        here.length === 0
          ? `vitest list shows no test files for project "${name}": CI runs nothing for this package`
          : `vitest list shows no project "${name}"`,
      );
    }
    if (strays.length > 0) {
      problems.push(
        `${strays.length} test file(s) here run under another project: ${[...new Set(strays.map(({ projectName }) => projectName))].join(', ')}`,
      );
    }
    if (outside.length > 0) {
      problems.push(
        `project "${name}" also picks up ${outside.length} test file(s) outside ${relative}`,
      );
    }

    if (problems.length > 0) {
      failed += 1;
      console.log(`FAIL  ${name} (${relative}): ${problems.join('; ')}`);
    } else {
      console.log(`PASS  ${name} (${relative}): own vitest project, ${own.length} test file(s)`);
    }
  }

  // Not required by the check, but worth seeing: folders vitest treats as projects without a config.
  for (const folder of folders.filter((folder) => !withConfig.includes(folder))) {
    const hasTests = files.some(({ file }) => inside(folder, file));
    if (hasTests) {
      console.log(
        `note  ${path.relative(repoRoot, folder)} has test files but no vitest.config.ts`,
      );
    }
  }

  console.log(
    `\ncheck:projects: ${withConfig.length - failed} of ${withConfig.length} packages run as their own vitest project` +
      (failed > 0 ? `; ${failed} FAIL` : ''),
  );
  return failed > 0 ? 1 : 0;
};

process.exitCode = await main();
