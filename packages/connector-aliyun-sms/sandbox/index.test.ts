import { readFileSync } from 'node:fs';

import { ConnectorError, TemplateType } from '@logto/connector-kit';
import { sends } from '@switchboard/core/sandbox';
import { findSecrets, runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from '../src/index.js';
import { signV1 } from '../src/signing.js';
import { validConfig } from '../src/__fixtures__/configs.js';
import sandbox, { startAliyunFake, throttledNumber } from './index.js';
import { type V3Input, verifyV1, verifyV3 } from './verify.js';

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

describe('the fake answers in XML when JSON was not asked for', () => {
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const post = (url: string, params: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ ...params, Signature: signV1('POST', params, validConfig.accessKeySecret) }),
    });
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const withoutFormat = (nonce: string) => ({
    Action: 'SendSms',
    Version: '2017-05-25',
    AccessKeyId: validConfig.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: nonce,
    Timestamp: now(),
    PhoneNumbers: '13800138000',
    SignName: validConfig.signName,
    TemplateCode: 'SMS_100000001',
  });

  it('answers a V1 request without Format in XML, successes and errors alike', async () => {
    const fake = await sandbox.start();
    try {
      const ok = await post(fake.url, withoutFormat('x-1'));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/xml;charset=utf-8');
      expect(await ok.text()).toMatch(
        /^<\?xml version='1\.0' encoding='UTF-8'\?><SendSmsResponse><RequestId>[0-9A-F-]{36}<\/RequestId><Code>OK<\/Code><Message>OK<\/Message><BizId>\d+\^0<\/BizId><\/SendSmsResponse>$/,
      );

      const limited = await post(fake.url, {
        ...withoutFormat('x-2'),
        PhoneNumbers: '13912345678',
      });
      expect(limited.status).toBe(200);
      expect(await limited.text()).toContain('<Code>isv.BUSINESS_LIMIT_CONTROL</Code>');

      const params = withoutFormat('x-3');
      const tampered = await fetch(fake.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form({
          ...params,
          PhoneNumbers: '13800138001',
          Signature: signV1('POST', params, validConfig.accessKeySecret),
        }),
      });
      expect(tampered.status).toBe(400);
      expect(tampered.headers.get('content-type')).toBe('text/xml;charset=utf-8');
      expect(await tampered.text()).toMatch(
        /^<\?xml version='1\.0' encoding='UTF-8'\?><Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>dysmsapi\.aliyuncs\.com<\/HostId><Code>SignatureDoesNotMatch<\/Code><Message>Specified signature is not matched with our calculation\.<\/Message><Recommend><!\[CDATA\[https:\/\/api\.aliyun\.com\/troubleshoot\?q=SignatureDoesNotMatch&product=Dysmsapi\]\]><\/Recommend><\/Error>$/,
      );
    } finally {
      await fake.close();
    }
  });

  it('answers the JSON the connector asks for by default', async () => {
    const result = await runSandboxScenario(sandbox, sandbox.scenarios[0]!, createConnector);
    expect(result.outcome).toBe('success');
    expect(result.observations[0]!.summary).toContain('answered in JSON');
  });

  // Behind a proxy that drops `Accept`, every V3 answer comes back in XML; the connector must
  // reach the same outcome as with JSON (V1 keeps Format=JSON, a signed parameter).
  it.each(sandbox.scenarios)(
    'behind a proxy that drops Accept: $name → $expect',
    async (scenario) => {
      const behindProxy = { ...sandbox, start: () => startAliyunFake({ dropAccept: true }) };
      const result = await runSandboxScenario(behindProxy, scenario, createConnector);
      expect(result.outcome).toBe(scenario.expect);
      if (scenario.expect === 'success') {
        expect(result.value).toMatchObject({ RequestId: expect.any(String) });
        const v1 = scenario.config?.('x').signatureVersion === 'v1';
        expect(result.observations[0]!.summary).toContain(
          v1 ? 'answered in JSON' : 'answered in XML',
        );
      } else {
        expect(result.error).toMatchObject({
          data: { provider: 'aliyun', code: expect.any(String), requestId: expect.any(String) },
        });
      }
    },
  );
});

describe('the international site on the fake', () => {
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signed = (params: Record<string, string>) =>
    new URLSearchParams({
      ...params,
      Signature: signV1('POST', params, validConfig.accessKeySecret),
    }).toString();
  const call = (nonce: string, params: Record<string, string>) => ({
    Version: '2018-05-01',
    Format: 'JSON',
    AccessKeyId: validConfig.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: nonce,
    Timestamp: now(),
    ...params,
  });
  const post = (url: string, params: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: signed(params),
    });

  it('turns down SendMessageWithTemplate outside the mainland and a Type it does not document', async () => {
    const fake = await sandbox.start();
    try {
      const template = {
        Action: 'SendMessageWithTemplate',
        From: validConfig.signName,
        TemplateCode: 'SMS_100000001',
        TemplateParam: '{"code":"482913"}',
      };
      const abroad = await post(fake.url, call('i-1', { ...template, To: '14155550123' }));
      expect(abroad.status).toBe(200);
      expect(await abroad.json()).toMatchObject({
        ResponseCode: 'NOT_SUPPORTED_COUNTRY',
        RequestId: expect.any(String),
      });
      const mainland = await post(fake.url, call('i-2', { ...template, To: '8613800138000' }));
      expect(await mainland.json()).toMatchObject({ ResponseCode: 'OK' });

      const globe = { Action: 'SendMessageToGlobe', To: '85268326366', Message: 'Code 482913' };
      const otp = await post(fake.url, call('i-3', { ...globe, Type: 'OTP' }));
      expect(await otp.json()).toMatchObject({ ResponseCode: 'OK' });
      const other = await post(fake.url, call('i-4', { ...globe, Type: 'CODE' }));
      expect(await other.json()).toMatchObject({ ResponseCode: 'INVALID_PARAMETERS' });
      expect(fake.observations.map((observation) => observation.accepted)).toEqual([
        false,
        true,
        true,
        false,
      ]);
    } finally {
      await fake.close();
    }
  });

  it('never hears from the connector for a template without content to a US number', async () => {
    const result = await runSandboxScenario(
      sandbox,
      {
        name: 'international site, no content',
        config: (baseUrl) => ({ ...validConfig, site: 'international', endpoint: baseUrl }),
        run: sends({ to: '14155550123', type: TemplateType.SignIn, payload: { code: '482913' } }),
        expect: 'invalid_config',
      },
      createConnector,
    );
    expect(result.outcome).toBe('invalid_config');
    expect(result.error).toMatchObject({
      data: { message: expect.stringContaining('the "SignIn" template has no content') },
    });
    expect(result.observations).toEqual([]);
  });
});

describe("the fake's flow control", () => {
  it.each([{}, { dropAccept: true }])(
    'answers Throttling.User with x-acs-retry-after, kept as retryAfter (%o)',
    async (options) => {
      const result = await runSandboxScenario(
        { ...sandbox, start: () => startAliyunFake(options) },
        {
          name: 'throttled',
          run: sends({
            to: throttledNumber,
            type: TemplateType.SignIn,
            payload: { code: '482913' },
          }),
          expect: 'rate_limit_exceeded',
        },
        createConnector,
      );
      expect(result.outcome).toBe('rate_limit_exceeded');
      expect(result.error).toMatchObject({
        data: {
          provider: 'aliyun',
          status: 400,
          code: 'Throttling.User',
          message: 'Request was denied due to user flow control.',
          retryAfter: 2,
        },
      });
      expect(result.observations).toEqual([
        expect.objectContaining({ accepted: false, reason: 'user flow control' }),
      ]);
    },
  );
});

describe('a load balancer in front of the fake', () => {
  it.each([
    ['13900000502', 'v3', 'general', 502, 'load balancer: 502 HTML page'],
    ['13900000502', 'v1', 'general', 502, 'load balancer: 502 HTML page'],
    ['13900000503', 'v3', 'general', 503, 'load balancer: 503 plain text'],
    ['13900000503', 'v1', 'general', 503, 'load balancer: 503 plain text'],
    ['13900000200', 'v3', 'invalid_response', 200, 'not Dysmsapi: 200 plain text'],
  ])(
    '%s with a %s signature gives a clean %s (HTTP %i)',
    async (to, signatureVersion, code, status, reason) => {
      const result = await runSandboxScenario(
        sandbox,
        {
          name: 'load balancer',
          config: (baseUrl) => ({ ...validConfig, signatureVersion, endpoint: baseUrl }),
          run: sends({ to, type: TemplateType.SignIn, payload: { code: '482913' } }),
          expect: code as 'general',
        },
        createConnector,
      );
      expect(result.observations).toEqual([expect.objectContaining({ accepted: false, reason })]);
      expect(result.outcome).toBe(code);
      expect(result.error).toBeInstanceOf(ConnectorError);
      const { data } = result.error as ConnectorError;
      expect(data).toMatchObject({ provider: 'aliyun', status });
      expect(JSON.stringify(data)).not.toMatch(/html|Tengine|upstream|<|>/i);
      expect(
        findSecrets(result.error, [validConfig.accessKeySecret], [validConfig.accessKeyId]),
      ).toEqual([]);
    },
  );
});

describe("the fake's verifiers, against Alibaba Cloud's documented examples", () => {
  // "V3 request structure and signature" (help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature):
  // RunInstances with AccessKey YourAccessKeyId / YourAccessKeySecret.
  const documented: V3Input = {
    method: 'POST',
    path: '/',
    query: [
      ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
      ['RegionId', 'cn-shanghai'],
    ],
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-version': '2014-05-26',
      authorization:
        'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    },
    body: '',
  };
  const secretOf = (id: string) => (id === 'YourAccessKeyId' ? 'YourAccessKeySecret' : undefined);

  it('accepts the documented V3 request, with or without unsigned headers beside it', () => {
    expect(verifyV3(documented, secretOf)).toEqual({ ok: true, accessKeyId: 'YourAccessKeyId' });
    const withOthers = {
      ...documented,
      headers: { ...documented.headers, accept: 'application/json', 'user-agent': 'x' },
    };
    expect(verifyV3(withOthers, secretOf)).toEqual({ ok: true, accessKeyId: 'YourAccessKeyId' });
  });

  const headers = documented.headers;
  it.each<[string, Partial<V3Input>, string]>([
    [
      'a changed query value',
      { query: [documented.query[0]!, ['RegionId', 'cn-hangzhou']] },
      'SignatureDoesNotMatch',
    ],
    [
      'a changed date',
      { headers: { ...headers, 'x-acs-date': '2023-10-26T10:22:33Z' } },
      'SignatureDoesNotMatch',
    ],
    [
      'a changed signature',
      { headers: { ...headers, authorization: headers.authorization!.replace(/0$/, '1') } },
      'SignatureDoesNotMatch',
    ],
    ['another method', { method: 'GET' }, 'SignatureDoesNotMatch'],
    ['a body the hash does not match', { body: 'x' }, 'SignatureDoesNotMatch'],
    [
      'an unsigned x-acs- header',
      { headers: { ...headers, 'x-acs-extra': '1' } },
      'IncompleteSignature',
    ],
    [
      'an unsigned content-type',
      { headers: { ...headers, 'content-type': 'text/plain' } },
      'IncompleteSignature',
    ],
    [
      'an unknown AccessKey ID',
      {
        headers: {
          ...headers,
          authorization: headers.authorization!.replace('YourAccessKeyId', 'Other'),
        },
      },
      'InvalidAccessKeyId.NotFound',
    ],
    [
      'another scheme',
      { headers: { ...headers, authorization: 'Basic eW91cjpzZWNyZXQ=' } },
      'IncompleteSignature',
    ],
  ])('rejects the documented V3 request with %s', (_what, change, code) => {
    expect(verifyV3({ ...documented, ...change }, secretOf)).toMatchObject({ ok: false, code });
  });

  it('rejects the documented V3 request signed with another secret', () => {
    expect(verifyV3(documented, () => 'AnotherSecret')).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
  });

  // The RPC "Signature mechanism" pages: DescribeRegions, AccessKey testid / testsecret, whose URL
  // carries Signature=CT9X0VtwR86fNWSnsc6v8YGOjuE%3D.
  const describeRegions = {
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    Format: 'XML',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    SignatureVersion: '1.0',
    TimeStamp: '2016-02-23T12:46:24Z',
    Version: '2014-05-26',
  };

  it('accepts the documented V1 request and rejects it tampered', () => {
    expect(verifyV1('GET', describeRegions, 'CT9X0VtwR86fNWSnsc6v8YGOjuE=', 'testsecret')).toBe(
      true,
    );
    expect(
      verifyV1(
        'GET',
        { ...describeRegions, Action: 'DescribeZones' },
        'CT9X0VtwR86fNWSnsc6v8YGOjuE=',
        'testsecret',
      ),
    ).toBe(false);
    expect(verifyV1('POST', describeRegions, 'CT9X0VtwR86fNWSnsc6v8YGOjuE=', 'testsecret')).toBe(
      false,
    );
    expect(verifyV1('GET', describeRegions, 'CT9X0VtwR86fNWSnsc6v8YGOjuE=', 'other')).toBe(false);
  });

  it("imports nothing of the connector's own code", () => {
    const imports = ['index.ts', 'verify.ts'].flatMap((file) =>
      [
        ...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(
          /^(?:import|export)[^;]*?from '([^']+)'/gms,
        ),
      ].map(([, specifier]) => specifier),
    );
    expect(imports.filter((specifier) => specifier?.startsWith('.'))).toEqual([
      '../src/__fixtures__/configs.js',
      './verify.js',
    ]);
  });
});
