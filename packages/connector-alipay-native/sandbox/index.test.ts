import { createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { ConnectorError } from '@logto/connector-kit';
import { loadPrivateKey } from '@switchboard/core';
import {
  buildConnector,
  failureOf,
  findSecrets,
  runSandboxScenario,
} from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import { testCertificateSns, validConfig } from '../src/__fixtures__/configs.js';
import { alipayPublicKey, rootBundle, rotatedAlipayCertificate } from '../src/__fixtures__/keys.js';
import createConnector from '../src/index.js';
import { beijingTimestamp, signParameters } from '../src/signing.js';
import sandbox, { awkwardAuthCodes } from './index.js';

const appKey = loadPrivateKey('alipay', 'privateKey', validConfig.privateKey);

/** A token request as a client sends it, signed now; `change` is applied after signing. */
const tokenRequest = (extra: Record<string, string> = {}, change: Record<string, string> = {}) => ({
  ...signParameters(
    {
      app_id: validConfig.appId,
      method: 'alipay.system.oauth.token',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingTimestamp(),
      version: '1.0',
      grant_type: 'authorization_code',
      code: 'never-issued',
      ...extra,
    },
    appKey,
    'RSA2',
  ),
  ...change,
});

const post = async (url: string, form: Record<string, string>) => {
  const reply = await fetch(`${url}/gateway.do`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  return {
    status: reply.status,
    type: reply.headers.get('content-type'),
    text: await reply.text(),
  };
};

/** `{"<node>":{…},"sign":"…"[,"alipay_cert_sn":"…"]}` as the fake writes it, cut by hand. */
const answerParts = (text: string) => {
  const match = /^\{"(\w+)":(\{.*\}),"sign":"([^"]+)"(?:,"alipay_cert_sn":"(\w+)")?\}$/.exec(text);
  if (!match) throw new Error(`not an Alipay answer: ${text}`);
  const [, name, node, sign, certSn] = match;
  return {
    name,
    node: node!,
    sign: sign!,
    certSn,
    parsed: JSON.parse(node!) as Record<string, string>,
  };
};

const rotation = sandbox.scenarios.find((scenario) => scenario.name.includes('renewed'));

describe('sandbox scenarios against the Alipay fake on loopback', () => {
  it("is written from Alipay's documentation: it imports none of the connector's own code", () => {
    const imports = ['index.ts', 'protocol.ts'].flatMap((file) =>
      [
        ...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(
          /^(?:import|export)[^;]*?from '([^']+)'/gms,
        ),
      ].map(([, specifier]) => specifier),
    );
    expect(imports.filter((specifier) => specifier?.startsWith('.'))).toEqual([
      '../src/__fixtures__/configs.js',
      '../src/__fixtures__/keys.js',
      './protocol.js',
    ]);
  });

  it('has a certificate-rotation scenario', () => {
    expect(rotation).toBeDefined();
  });

  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    // As in Logto (and `switchboard demo`): getConfig answers with the saved config.
    const result = await runSandboxScenario(sandbox, scenario, createConnector);
    expect(result.outcome).toBe(scenario.expect);
    if (scenario.expect === 'success' && scenario === rotation) {
      expect(result.value).toMatchObject({ id: '2088102104794936', name: '沙箱用户' });
      // The Alipay app, the token call, the download of the renewed certificate it names (once),
      // then the profile call; all accepted.
      expect(result.observations.map((observation) => observation.accepted)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(result.observations.map((observation) => observation.summary).join('\n')).toMatch(
        /alipay\.system\.oauth\.token[\s\S]*alipay\.open\.app\.alipaycert\.download[\s\S]*alipay\.user\.info\.share/,
      );
    } else if (scenario.expect === 'success') {
      expect(result.value).toMatchObject({ id: '2088102104794936', name: '沙箱用户' });
      // The Alipay app, then the token call, then the profile call; all accepted.
      expect(result.observations.map((observation) => observation.accepted)).toEqual([
        true,
        true,
        true,
      ]);
      expect(result.observations.map((observation) => observation.summary).join('\n')).toMatch(
        /alipay\.system\.oauth\.token[\s\S]*alipay\.user\.info\.share/,
      );
    } else {
      expect(result.error).toBeInstanceOf(ConnectorError);
      expect(result.observations.map((observation) => observation.accepted)).toEqual([false]);
    }
  });

  it('the fake turns down a correctly signed request whose timestamp is UTC, not Beijing time', async () => {
    const fake = await sandbox.start();
    try {
      const key = loadPrivateKey('alipay', 'privateKey', validConfig.privateKey);
      const utc = new Date().toISOString().slice(0, 19).replace('T', ' ');
      const signed = signParameters(
        {
          app_id: validConfig.appId,
          method: 'alipay.system.oauth.token',
          format: 'JSON',
          charset: 'utf-8',
          sign_type: 'RSA2',
          timestamp: utc,
          version: '1.0',
          grant_type: 'authorization_code',
          code: 'x',
        },
        key,
        'RSA2',
      );
      const reply = await fetch(`${fake.url}/gateway.do`, {
        method: 'POST',
        body: new URLSearchParams(signed),
      });
      expect(await reply.text()).toContain('isv.invalid-timestamp');
      expect(fake.observations[0]).toMatchObject({
        accepted: false,
        reason: 'isv.invalid-timestamp',
      });
    } finally {
      await fake.close();
    }
  });

  it('never shows an auth code or signature in full in what it observed', async () => {
    const fake = await sandbox.start();
    try {
      const [login] = sandbox.scenarios;
      const config = sandbox.config(fake.url);
      await login!.run(await buildConnector(createConnector, config), config);
      const summaries = fake.observations.map((observation) => observation.summary).join('\n');
      expect(summaries).not.toMatch(/auth_token=authusrB[0-9a-f]{32}/);
      expect(summaries).not.toMatch(/sign=[A-Za-z0-9+/]{40}/);
    } finally {
      await fake.close();
    }
  });

  it('checks request signatures with its own verifier: a request changed after signing is turned down', async () => {
    const fake = await sandbox.start();
    try {
      const genuine = answerParts((await post(fake.url, tokenRequest())).text);
      // Past every gateway check, down to the auth code, which the fake never issued.
      expect(genuine.parsed).toMatchObject({ code: '40002', sub_code: 'isv.code-invalid' });
      const changed = answerParts(
        (await post(fake.url, tokenRequest({}, { code: 'another-code' }))).text,
      );
      expect(changed.parsed).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
      expect(changed.parsed.sub_msg).toContain('code=another-code&format=JSON');
      expect(fake.observations.map((observation) => observation.reason)).toEqual([
        'isv.code-invalid (unknown or used auth code)',
        'isv.invalid-signature',
      ]);
    } finally {
      await fake.close();
    }
  });

  it('signs its answers over the raw node with the Alipay key, naming its certificate in certificate mode', async () => {
    const fake = await sandbox.start();
    try {
      const certificateMode = {
        app_cert_sn: testCertificateSns.app,
        alipay_root_cert_sn: testCertificateSns.root,
      };
      for (const [extra, certSn] of [
        [{}, undefined],
        [certificateMode, testCertificateSns.alipay],
      ] as const) {
        const answer = answerParts((await post(fake.url, tokenRequest(extra))).text);
        expect(answer).toMatchObject({ name: 'error_response', certSn });
        expect(answer.parsed).toMatchObject({ sub_code: 'isv.code-invalid' });
        expect(
          createVerify('RSA-SHA256')
            .update(answer.node, 'utf8')
            .verify(createPublicKey(alipayPublicKey), answer.sign, 'base64'),
        ).toBe(true);
      }
    } finally {
      await fake.close();
    }
  });

  it('under /rotated signs with the renewed key, names its SN and hands that certificate out', async () => {
    const fake = await sandbox.start();
    try {
      const certificateMode = {
        app_cert_sn: testCertificateSns.app,
        alipay_root_cert_sn: testCertificateSns.root,
      };
      const renewed = new X509Certificate(rotatedAlipayCertificate);
      const answer = answerParts(
        (await post(`${fake.url}/rotated`, tokenRequest(certificateMode))).text,
      );
      expect(answer).toMatchObject({ name: 'error_response', certSn: testCertificateSns.rotated });
      expect(
        createVerify('RSA-SHA256')
          .update(answer.node, 'utf8')
          .verify(renewed.publicKey, answer.sign, 'base64'),
      ).toBe(true);

      const download = (sn: string) =>
        signParameters(
          {
            app_id: validConfig.appId,
            method: 'alipay.open.app.alipaycert.download',
            format: 'JSON',
            charset: 'utf-8',
            sign_type: 'RSA2',
            timestamp: beijingTimestamp(),
            version: '1.0',
            ...certificateMode,
            biz_content: JSON.stringify({ alipay_cert_sn: sn }),
          },
          appKey,
          'RSA2',
        );
      const served = answerParts(
        (await post(`${fake.url}/rotated`, download(testCertificateSns.rotated))).text,
      );
      expect(served).toMatchObject({ name: 'alipay_open_app_alipaycert_download_response' });
      expect(served.parsed).toMatchObject({ code: '10000', msg: 'Success' });
      const pem = Buffer.from(served.parsed.alipay_cert_content ?? '', 'base64').toString('utf8');
      const certificate = new X509Certificate(pem);
      // Checked here with node:crypto alone: issued by the test root, and the key that signed above.
      const [root] = rootBundle.split(/(?<=-----END CERTIFICATE-----)\n/);
      expect(certificate.verify(new X509Certificate(root!).publicKey)).toBe(true);
      expect(certificate.fingerprint256).toBe(renewed.fingerprint256);

      const unknown = answerParts(
        (await post(`${fake.url}/rotated`, download('00000000000000000000000000000000'))).text,
      );
      expect(unknown.parsed).toMatchObject({ code: '40004' });
      expect(fake.observations.map((observation) => observation.accepted)).toEqual([
        false,
        true,
        false,
      ]);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['app_cert_sn', { app_cert_sn: 'ffffffffffffffffffffffffffffffff' }, 'isv.invalid-app-cert-sn'],
    [
      'alipay_root_cert_sn',
      { app_cert_sn: testCertificateSns.app, alipay_root_cert_sn: testCertificateSns.app },
      'isv.invalid-alipay-root-cert-sn',
    ],
  ])(
    'turns down a signed certificate-mode request with the wrong %s',
    async (_name, extra, subCode) => {
      const fake = await sandbox.start();
      try {
        const answer = answerParts((await post(fake.url, tokenRequest(extra))).text);
        expect(answer.parsed).toMatchObject({ code: '40002', sub_code: subCode });
      } finally {
        await fake.close();
      }
    },
  );

  it.each([
    [awkwardAuthCodes.badGateway, 502, 'text/html', /<title>502 Bad Gateway<\/title>/, 'general'],
    [
      awkwardAuthCodes.gatewayTimeout,
      504,
      'text/html',
      /<h1>504 Gateway Time-out<\/h1>/,
      'general',
    ],
    [
      awkwardAuthCodes.plainText,
      200,
      'text/plain;charset=utf-8',
      /^System busy/,
      'invalid_response',
    ],
    [awkwardAuthCodes.emptyBody, 200, 'text/html;charset=utf-8', /^$/, 'invalid_response'],
  ])(
    'auth code %s: the fake answers HTTP %i %s, the connector a clean %s',
    async (code, status, type, body, expected) => {
      const fake = await sandbox.start();
      try {
        const raw = await post(fake.url, { method: 'alipay.system.oauth.token', code });
        expect(raw).toMatchObject({ status, type });
        expect(raw.text).toMatch(body);

        const config = sandbox.config(fake.url);
        const connector = await buildConnector(createConnector, config);
        const error = await failureOf(() =>
          connector.getUserInfo({ auth_code: code }, async () => ({})),
        );
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error).toMatchObject({ code: expected, data: { provider: 'alipay', status } });
        expect(findSecrets(error, [String(config.privateKey), code])).toEqual([]);
        const text = JSON.stringify((error as ConnectorError).data);
        expect(text).not.toMatch(/<html|Tengine|System busy/);
      } finally {
        await fake.close();
      }
    },
  );
});
