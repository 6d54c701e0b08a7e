import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import alipaySandbox from '../../connector-alipay-native/sandbox/index.js';
import { addBuiltConnector, createInstance } from './__fixtures__/logto-instance.js';
import { main } from './main.js';
import { captureConsole } from './test-support.js';

const folder = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-advice-'));
const writeConfig = (name: string, config: unknown) => {
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify(config));
  return file;
};
const created: string[] = [];
let output: string[];

beforeEach(() => {
  output = captureConsole();
});

afterAll(() => {
  for (const dir of [folder, ...created]) rmSync(dir, { recursive: true, force: true });
});

/** The official connector's config shape: appId, privateKey, signType, nothing to verify with. */
const { alipayPublicKey, ...officialShape } = alipaySandbox.config('https://openapi.alipay.com');

const unverified =
  "Alipay's answers are not verified: without alipayPublicKey or certificate mode, a forged gateway answer can sign in as any Alipay user; copy the Alipay public key (支付宝公钥) from the Alipay Open Platform console (your app → Development settings → Signing method, public key mode) into alipayPublicKey, or use certificate mode";

describe('switchboard check on an Alipay config that verifies nothing', () => {
  it('accepts it, and warns that answers are unverified and how to get the key', async () => {
    const file = writeConfig('official.json', officialShape);
    await expect(main(['check', 'alipay-native', '--config', file])).resolves.toBe(0);
    expect(output).toEqual([
      '✔ the config is valid for @switchboard/connector-alipay-native',
      `! warning: ${unverified}`,
    ]);

    output.length = 0;
    await expect(main(['check', 'alipay-native', '--config', file, '--json'])).resolves.toBe(0);
    expect(JSON.parse(output.join('\n'))).toMatchObject({ ok: true, warnings: [unverified] });
  });

  it('does not warn once alipayPublicKey is set', async () => {
    const file = writeConfig('verified.json', { ...officialShape, alipayPublicKey });
    await expect(main(['check', 'alipay-native', '--config', file, '--json'])).resolves.toBe(0);
    expect(JSON.parse(output.join('\n'))).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('switchboard doctor with the Alipay connector installed', () => {
  it('warns that a config without the key accepts unverified answers, and says what to run', async () => {
    const instance = createInstance();
    created.push(path.dirname(instance.dir));
    addBuiltConnector(instance, 'connector-alipay-native');
    const packagesDir = fileURLToPath(new URL('../..', import.meta.url));
    const { version } = JSON.parse(
      readFileSync(path.join(packagesDir, 'connector-alipay-native/package.json'), 'utf8'),
    ) as { version: string };

    await expect(main(['doctor', '--logto', instance.dir])).resolves.toBe(0);
    expect(output).toContain(
      `✔ @switchboard/connector-alipay-native ${version} (switchboard-alipay-native): ok\n  ! warning: a config without alipayPublicKey and without certificate mode accepts Alipay's answers unverified (a forged answer can sign in as any Alipay user): run switchboard check alipay-native --config <file> on the config from the Console, and if it warns, copy the Alipay public key (支付宝公钥) from the Alipay Open Platform console (your app → Development settings → Signing method, public key mode) into alipayPublicKey, or use certificate mode`,
    );
  });
});
