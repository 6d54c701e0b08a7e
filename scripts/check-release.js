// `pnpm check:release`: proves the release path without publishing. For every published package
// (each packages/* folder whose package.json is not private) it checks the package metadata, packs
// it and checks the tarball holds only what users need, and runs publint. Needs `pnpm build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootManifest = readJson(path.join(root, 'package.json'));

/** Files a published tarball may hold (paths inside `package/`). */
const allowed = [
  /^package\.json$/,
  /^lib\/.+\.(js|d\.ts|js\.map)$/,
  // README.md and its translations (README.es.md, README.pt-BR.md, …).
  /^README(\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*)?\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^logo(-dark)?\.(svg|png)$/,
];

const metadataProblems = (folder, manifest) => {
  const problems = [];
  const expect = (condition, message) => condition || problems.push(message);
  const isConnector = folder.startsWith('connector-');
  expect(
    /^@switchboard\//.test(manifest.name),
    `name ${manifest.name} is not in the @switchboard scope`,
  );
  expect(
    typeof manifest.description === 'string' && manifest.description.length > 20,
    'description missing',
  );
  expect(manifest.license === 'MPL-2.0', 'license must be MPL-2.0');
  expect(
    manifest.repository?.url === rootManifest.repository.url &&
      manifest.repository?.directory === `packages/${folder}`,
    `repository must be ${rootManifest.repository.url} with directory packages/${folder}`,
  );
  expect(
    typeof manifest.homepage === 'string' && typeof manifest.bugs?.url === 'string',
    'homepage or bugs missing',
  );
  expect(typeof manifest.engines?.node === 'string', 'engines.node missing');
  expect(manifest.publishConfig?.access === 'public', 'publishConfig.access must be public');
  for (const keyword of isConnector ? ['logto', 'logto-connector'] : ['logto']) {
    expect(manifest.keywords?.includes(keyword), `keywords lack "${keyword}"`);
  }
  if (isConnector) {
    expect(
      typeof manifest.dependencies?.['@logto/connector-kit'] === 'string',
      '@logto/connector-kit not in dependencies',
    );
    expect(
      !manifest.dependencies?.['@switchboard/core'],
      '@switchboard/core must be bundled, not a dependency',
    );
  }
  return problems;
};

const packFiles = (dir, destination) => {
  const output = execFileSync('pnpm', ['pack', '--pack-destination', destination], {
    cwd: dir,
    encoding: 'utf8',
  });
  const tarball = output.trim().split('\n').at(-1);
  return execFileSync('tar', ['-tzf', path.resolve(destination, tarball)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((entry) => entry.replace(/^package\//, ''));
};

const temp = mkdtempSync(path.join(tmpdir(), 'switchboard-release-'));
let failed = 0;
let checked = 0;
try {
  for (const folder of readdirSync(path.join(root, 'packages')).sort()) {
    const dir = path.join(root, 'packages', folder);
    let manifest;
    try {
      manifest = readJson(path.join(dir, 'package.json'));
    } catch {
      continue;
    }
    if (manifest.private) continue;
    checked += 1;
    const results = [];
    const metadata = metadataProblems(folder, manifest);
    results.push([
      metadata.length === 0,
      'metadata',
      metadata.join('; ') || 'name, license, repository, keywords, engines, publishConfig',
    ]);
    const files = packFiles(dir, temp);
    const stray = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
    const required = [
      'package.json',
      'README.md',
      'LICENSE',
      ...(folder.startsWith('connector-') ? ['lib/index.js'] : []),
    ];
    const missing = required.filter((file) => !files.includes(file));
    results.push([
      stray.length === 0 && missing.length === 0,
      'tarball',
      [
        stray.length > 0 ? `unexpected: ${stray.join(', ')}` : '',
        missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ') || `${files.length} files: ${files.join(', ')}`,
    ]);
    const { messages, pkg } = await publint({ pkgDir: dir, level: 'suggestion', pack: 'pnpm' });
    const lint = messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`);
    results.push([
      !messages.some((message) => message.type !== 'suggestion'),
      'publint',
      lint.join('; ') || 'clean',
    ]);
    console.log(`\n${manifest.name}`);
    for (const [ok, name, detail] of results) {
      console.log(
        `  ${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(9)} ${detail.replaceAll('\u001B', '').replace(/\[\d+m/g, '')}`,
      );
      if (!ok) failed += 1;
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
console.log(
  `\ncheck:release: ${checked} published packages, ${failed === 0 ? 'all checks pass' : `${failed} check(s) failed`}`,
);
process.exitCode = failed === 0 && checked > 0 ? 0 : 1;
