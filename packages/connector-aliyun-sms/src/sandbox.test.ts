import { ConnectorError } from '@logto/connector-kit';
import { runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import sandbox from './sandbox.js';
import { signV1 } from './signing.js';
import { validConfig } from './__fixtures__/configs.js';

describe('sandbox scenarios against the Aliyun fake on loopback', () => {
  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    const result = await runSandboxScenario(sandbox, scenario, createConnector);
    expect(result.outcome).toBe(scenario.expect);
    if (scenario.expect === 'success') {
      expect(result.value).toMatchObject({ RequestId: expect.any(String) });
      expect(result.observations.map((observation) => observation.accepted)).toEqual([true]);
    } else {
      expect(result.error).toBeInstanceOf(ConnectorError);
      expect(result.error).toMatchObject({ data: { requestId: expect.any(String) } });
      expect(result.observations.map((observation) => observation.accepted)).toEqual([false]);
    }
  });
});

describe('the fake itself', () => {
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const base = (timestamp: string, nonce: string) => ({
    Action: 'SendSms',
    Version: '2017-05-25',
    Format: 'JSON',
    AccessKeyId: validConfig.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: nonce,
    Timestamp: timestamp,
    PhoneNumbers: '13800138000',
    SignName: validConfig.signName,
    TemplateCode: 'SMS_100000001',
  });
  const post = (url: string, body: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  it('turns down a V1 request with a tampered parameter, an old timestamp or a reused nonce', async () => {
    const fake = await sandbox.start();
    try {
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const good = base(now, 'n-1');
      const signature = signV1('POST', good, validConfig.accessKeySecret);

      const tampered = await post(
        fake.url,
        form({ ...good, PhoneNumbers: '13800138001', Signature: signature }),
      );
      expect(tampered.status).toBe(400);
      expect(await tampered.json()).toMatchObject({
        Code: 'SignatureDoesNotMatch',
        RequestId: expect.any(String),
      });

      const old = base('2020-01-01T00:00:00Z', 'n-2');
      const expired = await post(
        fake.url,
        form({ ...old, Signature: signV1('POST', old, validConfig.accessKeySecret) }),
      );
      expect(await expired.json()).toMatchObject({ Code: 'InvalidTimeStamp.Expired' });

      expect((await post(fake.url, form({ ...good, Signature: signature }))).status).toBe(200);
      const replay = await post(fake.url, form({ ...good, Signature: signature }));
      expect(await replay.json()).toMatchObject({ Code: 'SignatureNonceUsed' });

      const { TemplateCode: _dropped, ...incomplete } = base(now, 'n-3');
      const missing = await post(
        fake.url,
        form({ ...incomplete, Signature: signV1('POST', incomplete, validConfig.accessKeySecret) }),
      );
      expect(await missing.json()).toMatchObject({ Code: 'MissingTemplateCode' });
      expect(fake.observations.map((observation) => observation.accepted)).toEqual([
        false,
        false,
        true,
        false,
        false,
      ]);
    } finally {
      await fake.close();
    }
  });

  it('turns down a TemplateParam carrying locale or uiLocales', async () => {
    const fake = await sandbox.start();
    try {
      const params = {
        ...base(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'n-4'),
        TemplateParam: JSON.stringify({ code: '123456', locale: 'zh-CN' }),
      };
      const answer = await post(
        fake.url,
        form({ ...params, Signature: signV1('POST', params, validConfig.accessKeySecret) }),
      );
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ Code: 'isv.SMS_TEMPLATE_ILLEGAL' });
    } finally {
      await fake.close();
    }
  });
});
