import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import createAlipay from '../../connector-alipay-native/src/index.js';
import alipaySandbox from '../../connector-alipay-native/sandbox/index.js';
import { authorize, userInfo } from './commands/run.js';
import type { ConnectorPackage } from './resolve.js';
import { captureConsole } from './test-support.js';

const alipay: ConnectorPackage = {
  dir: path.resolve('../connector-alipay-native'),
  name: '@switchboard/connector-alipay-native',
  short: 'alipay-native',
  createConnector: createAlipay as never,
  loadProbe: async () => undefined,
  loadAdvice: async () => undefined,
};

const folder = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-social-'));
let fake: Awaited<ReturnType<typeof alipaySandbox.start>>;
let output: string[];
let configFile: string;
let privateKey: string;

beforeEach(async () => {
  fake = await alipaySandbox.start();
  const config = alipaySandbox.config(fake.url);
  privateKey = String(config.privateKey);
  configFile = path.join(folder, 'alipay.json');
  writeFileSync(configFile, JSON.stringify(config));
  output = captureConsole();
});

afterEach(async () => {
  await fake.close();
});

const json = () => JSON.parse(output.join('\n')) as Record<string, unknown>;

describe('switchboard authorize and user-info with the Alipay fake', () => {
  it('prints the alipay:// URI, and signs in with the code the Alipay app hands out', async () => {
    await expect(
      authorize(alipay, { config: configFile, state: 'cli-state', json: true }),
    ).resolves.toBe(0);
    const { result: uri } = json() as { result: string };
    expect(uri).toMatch(/^alipay:\/\/\?app_id=\d+&state=cli-state$/);

    const consent = (await (
      await fetch(`${fake.url}/app/authorize?${new URL(uri).searchParams}`)
    ).json()) as {
      auth_code: string;
    };
    output.length = 0;
    await expect(
      userInfo(alipay, { config: configFile, 'auth-code': consent.auth_code, json: true }),
    ).resolves.toBe(0);
    expect(json()).toMatchObject({ ok: true, result: { id: expect.any(String) } });
    expect(fake.observations.every((observation) => observation.accepted)).toBe(true);
  });

  it('--dry-run prints the signed token request without the private key and sends nothing', async () => {
    await expect(
      userInfo(alipay, { config: configFile, 'auth-code': 'code-1', 'dry-run': true }),
    ).resolves.toBe(0);
    const printed = output.join('\n');
    expect(fake.observations).toEqual([]);
    expect(printed).toContain('alipay.system.oauth.token');
    expect(printed).toMatch(/sign=/);
    for (const line of privateKey
      .replaceAll('\\n', '\n')
      .split('\n')
      .filter((text) => text.length > 20)) {
      expect(printed).not.toContain(line);
    }
  });

  it('exits 1 with social_auth_code_invalid for a code Alipay never issued', async () => {
    await expect(
      userInfo(alipay, { config: configFile, 'auth-code': 'never-issued', json: true }),
    ).resolves.toBe(1);
    expect(json()).toMatchObject({ ok: false, error: { code: 'social_auth_code_invalid' } });
  });
});
