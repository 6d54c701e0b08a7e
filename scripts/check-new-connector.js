// `pnpm check:new-connector`: proves `pnpm new-connector` works. It scaffolds a throwaway SMS and
// email connector into packages/, links them, and checks that each typechecks, builds, passes the
// conformance suite's structure checks, and fails every provider-call check with not_implemented
// (never anything vaguer). The folders and vitest's reports are removed and pnpm-lock.yaml
// restored afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args, options = {}) =>
  execFileSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
const lockfile = path.join(root, 'pnpm-lock.yaml');
const savedLock = readFileSync(lockfile, 'utf8');
const kinds = ['sms', 'email'];
const folders = kinds.map((kind) => `connector-scaffold-check-${kind}`);
// vitest's JSON reports, in a folder of this run's own (sessions may share the temp dir).
const resultsDir = mkdtempSync(path.join(tmpdir(), 'check-new-connector-'));
const structureChecks = [
  /builds without reading config/,
  /ships the README and logo/,
  /accepts the form defaults/,
  /rejects an empty config with invalid_config/,
];

let failures = 0;
const report = (ok, message) => {
  console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${message}`);
  if (!ok) failures += 1;
};

try {
  for (const [index, kind] of kinds.entries()) {
    run('node', [
      'scripts/new-connector.js',
      `scaffold-check-${kind}`,
      '--kind',
      kind,
      '--no-changeset',
    ]);
    console.log(`scaffolded packages/${folders[index]}`);
  }
  // The new folders are not in the lockfile yet (CI installs with a frozen one by default).
  run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
  for (const folder of folders) {
    const name = `@switchboard/${folder}`;
    console.log(`\n${name}`);
    run('pnpm', ['-F', name, 'typecheck']);
    report(true, 'typecheck');
    run('pnpm', ['-F', name, 'build']);
    report(true, 'build (lib/index.js)');
    const results = path.join(resultsDir, `${folder}-vitest.json`);
    try {
      run('node_modules/.bin/vitest', [
        'run',
        '--project',
        name,
        '--reporter=json',
        `--outputFile=${results}`,
      ]);
    } catch {
      // Failures are expected until the provider call is written; the JSON says which.
    }
    const tests = JSON.parse(readFileSync(results, 'utf8')).testResults.flatMap(
      (file) => file.assertionResults,
    );
    for (const pattern of structureChecks) {
      const test = tests.find((candidate) => pattern.test(candidate.title));
      report(test?.status === 'passed', `structure: ${test?.title ?? pattern}`);
    }
    const failed = tests.filter((test) => test.status === 'failed');
    const vague = failed.filter(
      (test) => !test.failureMessages.join('\n').includes('not_implemented'),
    );
    report(
      failed.length > 0 && vague.length === 0,
      `${failed.length} provider-call checks fail with not_implemented${vague.length ? `; unclear: ${vague.map((test) => test.title).join(', ')}` : ''}`,
    );
  }
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
  for (const folder of folders)
    rmSync(path.join(root, 'packages', folder), { recursive: true, force: true });
  writeFileSync(lockfile, savedLock);
  run('pnpm', ['install', '--prefer-offline']);
}
console.log(
  `\ncheck:new-connector: ${failures === 0 ? 'the scaffold works' : `${failures} check(s) failed`}`,
);
process.exitCode = failures === 0 ? 0 : 1;
