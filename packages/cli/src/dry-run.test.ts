// What a dry run prints must not let its reader replay the request (a valid signature over a
// fresh nonce, an unused auth code) or act as its sender (keys, tokens); and a request the
// connector refuses before sending fails as the real send would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import createAlipay from '../../connector-alipay-native/src/index.js';
import alipaySandbox from '../../connector-alipay-native/sandbox/index.js';
import createAliyun from '../../connector-aliyun-sms/src/index.js';
import { validConfig as aliyunConfig } from '../../connector-aliyun-sms/src/__fixtures__/configs.js';
import createTwilio from '../../connector-twilio-sms/src/index.js';
import { validConfig as twilioConfig } from '../../connector-twilio-sms/src/__fixtures__/configs.js';
import { send, userInfo } from './commands/run.js';
import { maskRequest } from './dry-run.js';
import type { ConnectorPackage } from './resolve.js';
import { captureConsole } from './test-support.js';

const connector = (short: string, createConnector: unknown): ConnectorPackage => ({
  dir: path.resolve(`../connector-${short}`),
  name: `@switchboard/connector-${short}`,
  short,
  createConnector: createConnector as never,
  loadProbe: async () => undefined,
  loadAdvice: async () => undefined,
});
const alipay = connector('alipay-native', createAlipay);
const aliyun = connector('aliyun-sms', createAliyun);
const twilio = connector('twilio-sms', createTwilio);

const folder = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-dry-'));
const writeConfig = (name: string, config: unknown) => {
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify(config));
  return file;
};

let output: string[];
beforeEach(() => {
  output = captureConsole();
});

/** Every `name=value` pair of the printed text (query strings, form bodies, header parameters). */
const pairs = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`(?:^|[?&,\\s])${name}=([^&,\\s"]*)`, 'gm'))].map(
    (match) => match[1],
  );

describe('a dry run masks what would let its reader replay the request', () => {
  // The auth code of Alipay's documentation example (alipay.system.oauth.token).
  const authCode = '4b203fe6c11548bcabd8da5bb087a83b';
  let fake: Awaited<ReturnType<typeof alipaySandbox.start>>;

  beforeEach(async () => {
    fake = await alipaySandbox.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('user-info alipay-native: the auth code and the sign are masked', async () => {
    const config = writeConfig('alipay.json', alipaySandbox.config(fake.url));
    await expect(
      userInfo(alipay, { config, 'auth-code': authCode, 'dry-run': true }),
    ).resolves.toBe(0);
    const printed = output.join('\n');
    expect(fake.observations).toEqual([]);
    expect(printed).toContain('method=alipay.system.oauth.token');
    expect(printed).not.toContain(authCode);
    expect(pairs(printed, 'sign')).toEqual(['[redacted]']);
    expect(pairs(printed, 'code')).toEqual(['[redacted]']);
    // What is no credential stays readable.
    expect(pairs(printed, 'grant_type')).toEqual(['authorization_code']);
    expect(pairs(printed, 'sign_type')).toEqual(['RSA2']);
  });

  it('user-info --json: the same masking in the JSON output', async () => {
    const config = writeConfig('alipay-json.json', alipaySandbox.config(fake.url));
    await expect(
      userInfo(alipay, { config, 'auth-code': authCode, 'dry-run': true, json: true }),
    ).resolves.toBe(0);
    const printed = output.join('\n');
    expect(JSON.parse(printed)).toMatchObject({ ok: true, dryRun: true });
    expect(printed).not.toContain(authCode);
    expect(printed).not.toMatch(/sign=(?!\[redacted\])/);
  });
});

describe('send --dry-run with Aliyun', () => {
  it('V3: the signature in the Authorization header is masked, the credential name kept', async () => {
    const config = writeConfig('aliyun-v3.json', aliyunConfig);
    await expect(
      send(aliyun, { config, to: '8613800138000', 'dry-run': true, type: 'SignIn' }),
    ).resolves.toBe(0);
    const printed = output.join('\n');
    const authorization = printed.split('\n').find((line) => line.startsWith('authorization:'));
    expect(authorization).toMatch(
      /^authorization: ACS3-HMAC-SHA256 Credential=LTAI5tFakeAccessKeyId0001,SignedHeaders=[\w;-]+,Signature=\[redacted\]$/,
    );
    expect(printed).not.toContain(aliyunConfig.accessKeySecret);
  });

  it('V1: the Signature parameter of the form body is masked', async () => {
    const config = writeConfig('aliyun-v1.json', { ...aliyunConfig, signatureVersion: 'v1' });
    await expect(
      send(aliyun, { config, to: '8613800138000', 'dry-run': true, type: 'SignIn' }),
    ).resolves.toBe(0);
    const printed = output.join('\n');
    expect(pairs(printed, 'Signature')).toEqual(['[redacted]']);
    expect(pairs(printed, 'SignatureMethod')).toEqual(['HMAC-SHA1']);
    expect(pairs(printed, 'AccessKeyId')).toEqual(['LTAI5tFakeAccessKeyId0001']);
  });
});

describe('maskRequest', () => {
  const request = (headers: Record<string, string>, body = '', url = 'https://api.example.com/') =>
    maskRequest({ method: 'POST', url, headers, body }, []);

  it.each([
    [
      'a bearer token',
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc' },
      'Bearer [redacted]',
    ],
    ['a proxy credential', { 'proxy-authorization': 'Bearer abc' }, 'Bearer [redacted]'],
    ['an API key header', { 'x-api-key': 'key-0123456789' }, '[redacted]'],
    ['a cookie', { cookie: 'session=0123456789' }, '[redacted]'],
  ])('masks %s', (_name, headers, expected) => {
    expect(Object.values(request(headers).headers)).toEqual([expected]);
  });

  it('masks token, secret and signature members of a JSON body, keeping the rest', () => {
    const body = JSON.stringify({
      sign: 'Acme',
      text: 'Your code is 123456',
      auth: { access_token: 'at-1', client_secret: 'cs-1', signature: 'sig-1' },
    });
    const masked = request({ 'content-type': 'application/json' }, body);
    expect(JSON.parse(masked.body)).toEqual({
      sign: 'Acme',
      text: 'Your code is 123456',
      auth: { access_token: '[redacted]', client_secret: '[redacted]', signature: '[redacted]' },
    });
  });

  it('masks tokens in the query string, keeping the other parameters as encoded', () => {
    const { url } = request({}, '', 'https://api.example.com/x?a=1%202&auth_token=t-1&b=2#f');
    expect(url).toBe('https://api.example.com/x?a=1%202&auth_token=[redacted]&b=2#f');
  });
});

describe('a dry run refused before sending fails as the real send would', () => {
  const refused = [
    [
      'a premium-rate number',
      twilioConfig,
      '449012345678',
      'refused to send to +44••••••••78: it is a premium-rate number (PREMIUM_RATE)',
    ],
    [
      'a country not allowed',
      { ...twilioConfig, allowedCountries: ['US'] },
      '4915123456789',
      'refused to send to +49•••••••••89: its country DE is not in allowedCountries',
    ],
    ['an invalid number', twilioConfig, '123', 'the recipient is not a valid phone number'],
  ] as const;

  it.each(refused)('%s: the code and message, exit 1', async (_name, config, to, message) => {
    const file = writeConfig('refused.json', config);
    await expect(send(twilio, { config: file, to, 'dry-run': true })).resolves.toBe(1);
    const printed = output.join('\n');
    expect(printed).toContain('failed: invalid_request_parameters');
    expect(printed).toContain(message);
    expect(printed).not.toContain('Dry run: the connector made no HTTP request');
  });

  it.each(refused)(
    '%s: --json says ok false with the error',
    async (_name, config, to, message) => {
      const file = writeConfig('refused-json.json', config);
      await expect(send(twilio, { config: file, to, 'dry-run': true, json: true })).resolves.toBe(
        1,
      );
      expect(JSON.parse(output.join('\n'))).toMatchObject({
        ok: false,
        dryRun: true,
        requests: [],
        error: {
          code: 'invalid_request_parameters',
          data: { provider: 'twilio', message: expect.stringContaining(message) },
        },
      });
    },
  );
});
