// `pnpm check:old-kit`: Logto 1.35 to 1.37 ship @logto/connector-kit 4.7.0, the oldest release our
// `^4.7.0 || ^5.0.0` range admits. For every built connector this installs kit 4.7.0 (with the got
// and zod Logto ships) into a temporary folder outside the repo and checks that:
// - every enum member the bundle reads exists in kit 4.7.0, or is read with a fallback (`?? …`);
// - the factory builds, its metadata passes kit 4.7.0's connectorMetadataGuard, and an empty config
//   is refused with kit 4.7.0's own ConnectorError `invalid_config`.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kitVersion = '4.7.0';
const temp = mkdtempSync(path.join(tmpdir(), 'switchboard-old-kit-'));
let failures = 0;
const report = (ok, message) => {
  console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${message}`);
  if (!ok) failures += 1;
};

try {
  writeFileSync(path.join(temp, 'package.json'), '{ "name": "old-kit-host", "private": true }\n');
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--silent',
      `@logto/connector-kit@${kitVersion}`,
      'got@14',
      'zod@3.24.3',
      'ky@1',
    ],
    { cwd: temp, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const kit = await import(
    pathToFileURL(path.join(temp, 'node_modules/@logto/connector-kit/lib/index.js')).href
  );
  const members = new Set(Object.keys(kit.ConnectorErrorCodes));

  for (const folder of readdirSync(path.join(root, 'packages'))
    .filter((name) => name.startsWith('connector-'))
    .sort()) {
    const source = path.join(root, 'packages', folder);
    if (!existsSync(path.join(source, 'lib/index.js'))) {
      console.log(`\n${folder}`);
      report(false, 'lib/index.js missing: run pnpm build first');
      continue;
    }
    const target = path.join(temp, folder);
    cpSync(path.join(source, 'lib'), path.join(target, 'lib'), { recursive: true });
    cpSync(path.join(source, 'package.json'), path.join(target, 'package.json'));
    const bundle = readFileSync(path.join(target, 'lib/index.js'), 'utf8');
    console.log(`\n${JSON.parse(readFileSync(path.join(target, 'package.json'), 'utf8')).name}`);

    const unguarded = [...bundle.matchAll(/ConnectorErrorCodes\.(\w+)(\s*\?\?)?/g)]
      .filter(([, member, fallback]) => !members.has(member) && !fallback)
      .map(([, member]) => member);
    report(
      unguarded.length === 0,
      unguarded.length === 0
        ? `every ConnectorErrorCodes member the bundle reads exists in kit ${kitVersion} or has a fallback`
        : `members missing from kit ${kitVersion} without a fallback: ${[...new Set(unguarded)].join(', ')}`,
    );

    try {
      const { default: create } = await import(
        pathToFileURL(path.join(target, 'lib/index.js')).href
      );
      const connector = await create({
        getConfig: async () => {
          throw new kit.ConnectorError(kit.ConnectorErrorCodes.NotImplemented);
        },
      });
      const metadata = kit.connectorMetadataGuard.safeParse(connector.metadata);
      report(
        metadata.success,
        `factory builds (${connector.type}); metadata passes kit ${kitVersion}'s connectorMetadataGuard`,
      );
      let error;
      try {
        if (connector.sendMessage) {
          await connector.sendMessage(
            { to: '14155550123', type: 'Generic', payload: { code: '123456' } },
            {},
          );
        } else {
          await connector.getUserInfo({ auth_code: 'x' }, async () => ({}));
        }
      } catch (caught) {
        error = caught;
      }
      const refused = connector.sendMessage
        ? error instanceof kit.ConnectorError && error.code === 'invalid_config'
        : error instanceof kit.ConnectorError && error.code === 'not_implemented';
      report(
        refused,
        connector.sendMessage
          ? `an empty config is refused with kit ${kitVersion}'s ConnectorError invalid_config`
          : `a social call reads its config through getConfig and keeps kit ${kitVersion}'s ConnectorError`,
      );
    } catch (error) {
      report(false, `loading failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
console.log(
  `\ncheck:old-kit: ${failures === 0 ? `every connector works with @logto/connector-kit ${kitVersion}` : `${failures} check(s) failed`}`,
);
process.exitCode = failures === 0 ? 0 : 1;
