import { createHash, createHmac } from 'node:crypto';

import { ConnectorError } from '@logto/connector-kit';
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { clock } from './api.js';
import createConnector from './index.js';
import { okBody, validConfig } from './__fixtures__/configs.js';

const china = 'https://dysmsapi.aliyuncs.com';
const international = 'https://dysmsapi.ap-southeast-1.aliyuncs.com';

type Captured = {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
};

type Reply = [status: number, body: object | string, headers?: Record<string, string>];

/** Answers one POST with `reply` and records what the connector sent. */
const capture = (base: string, reply: Reply = [200, okBody]) => {
  const seen: Captured[] = [];
  nock(base)
    .post(/.*/)
    .query(true)
    .reply(function (uri, body) {
      const url = new URL(uri, base);
      seen.push({
        path: url.pathname,
        query: url.searchParams,
        headers: Object.fromEntries(
          Object.entries(this.req.headers).map(([name, value]) => [name, String(value)]),
        ),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return reply;
    });
  return seen;
};

const send = async (
  to: string,
  config: Record<string, unknown> = validConfig,
  payload: Record<string, unknown> = { code: '123456' },
  type = 'SignIn',
) => {
  const connector = await buildConnector(createConnector);
  return connector.sendMessage({ to, type: type as never, payload: payload as never }, config);
};

const fixedClock = () => {
  vi.spyOn(clock, 'now').mockReturnValue(new Date('2026-03-04T05:06:07.890Z'));
  vi.spyOn(clock, 'nonce').mockReturnValue('c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c');
};

/** RFC 3986 encoding written out again here, so the test does not lean on the code it checks. */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const sortedQuery = (params: Iterable<[string, string]>) =>
  [...params]
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join('&');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('V3 signature (default)', () => {
  it('sends SendSms with the parameters in the query and a verifiable ACS3-HMAC-SHA256 header', async () => {
    fixedClock();
    const request = capture(china);
    const result = await send('13800138000', validConfig, { code: '123456', locale: 'zh-CN' });
    expect(result).toEqual(okBody);

    const sent = request[0]!;
    expect(sent.path).toBe('/');
    expect(Object.fromEntries(sent.query)).toEqual({
      PhoneNumbers: '13800138000',
      SignName: '阿里云短信测试',
      TemplateCode: 'SMS_100000001',
      TemplateParam: '{"code":"123456"}',
    });
    expect(sent.headers).toMatchObject({
      host: 'dysmsapi.aliyuncs.com',
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': '2026-03-04T05:06:07Z',
      'x-acs-signature-nonce': 'c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c',
      'x-acs-content-sha256': createHash('sha256').update('').digest('hex'),
      // Without it, Aliyun answers in XML.
      accept: 'application/json',
    });
    expect(sent.body).toBe('');

    // `accept` is sent but, as in Alibaba's SDK, not signed: only host, x-acs-* and content-type are.
    const signed = [
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ];
    const canonical = [
      'POST',
      '/',
      sortedQuery(sent.query),
      signed.map((name) => `${name}:${sent.headers[name]}\n`).join(''),
      signed.join(';'),
      createHash('sha256').update('').digest('hex'),
    ].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', validConfig.accessKeySecret)
      .update(stringToSign)
      .digest('hex');
    expect(sent.headers.authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=${validConfig.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`,
    );
  });

  it('uses a fresh nonce and the current UTC time on every request', async () => {
    const first = capture(china);
    const second = capture(china);
    await send('13800138000');
    await send('13800138000');
    const [a, b] = [first[0]!, second[0]!];
    expect(a.headers['x-acs-signature-nonce']).not.toBe(b.headers['x-acs-signature-nonce']);
    for (const { headers } of [a, b]) {
      expect(headers['x-acs-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Math.abs(Date.parse(headers['x-acs-date']!) - Date.now())).toBeLessThan(5000);
    }
  });

  it('signs the host of an endpoint override', async () => {
    const seen = capture('https://sms-proxy.example.com');
    await send('13800138000', { ...validConfig, endpoint: 'https://sms-proxy.example.com/' });
    expect(seen[0]!.headers.host).toBe('sms-proxy.example.com');
  });

  // The Console stores "" after an administrator clears the field: that is no override.
  it.each(['', '  '])(
    'treats a blank endpoint (%j) as not set: the site host',
    async (endpoint) => {
      const seen = capture(china);
      await send('13800138000', { ...validConfig, endpoint });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.headers.host).toBe('dysmsapi.aliyuncs.com');
    },
  );

  it('treats a blank endpoint as not set on the international site too', async () => {
    const seen = capture(international);
    await send('13800138000', { ...validConfig, site: 'international', endpoint: '' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.host).toBe('dysmsapi.ap-southeast-1.aliyuncs.com');
  });
});

describe('V1 signature', () => {
  it('posts every parameter and an HMAC-SHA1 Signature in a form body', async () => {
    fixedClock();
    const seen = capture(china);
    await send('14155550123', { ...validConfig, signatureVersion: 'v1' });
    const sent = seen[0]!;
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.headers.authorization).toBeUndefined();
    const form = new URLSearchParams(sent.body);
    const { Signature, ...params } = Object.fromEntries(form);
    expect(params).toEqual({
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      AccessKeyId: validConfig.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c',
      Timestamp: '2026-03-04T05:06:07Z',
      PhoneNumbers: '14155550123',
      SignName: '阿里云短信测试',
      TemplateCode: 'SMS_200000001',
      TemplateParam: '{"code":"123456"}',
    });
    const stringToSign = `POST&%2F&${encode(sortedQuery(Object.entries(params)))}`;
    expect(Signature).toBe(
      createHmac('sha1', `${validConfig.accessKeySecret}&`).update(stringToSign).digest('base64'),
    );
  });
});

describe('routing by the parsed country', () => {
  it.each([
    ['13800138000', '13800138000', 'SMS_100000001'],
    ['8613800138000', '13800138000', 'SMS_100000001'],
    ['+86 138 0013 8000', '13800138000', 'SMS_100000001'],
    ['008613800138000', '13800138000', 'SMS_100000001'],
    // Valid +1 numbers that the official regex took for mainland mobiles.
    ['14155550123', '14155550123', 'SMS_200000001'],
    ['18624017194', '18624017194', 'SMS_200000001'],
    ['12025550123', '12025550123', 'SMS_200000001'],
    // Hong Kong (logto#5889) and the UK.
    ['85268326366', '85268326366', 'SMS_200000001'],
    ['447911123456', '447911123456', 'SMS_200000001'],
  ])('%s goes out as %s with %s', async (to, phoneNumbers, templateCode) => {
    const seen = capture(china);
    await send(to);
    expect(seen[0]!.query.get('PhoneNumbers')).toBe(phoneNumbers);
    expect(seen[0]!.query.get('TemplateCode')).toBe(templateCode);
  });

  it('ignores strictPhoneRegionNumberCheck: a +1 number never gets the China template', async () => {
    const seen = capture(china);
    await send('14155550123', { ...validConfig, strictPhoneRegionNumberCheck: true });
    expect(seen[0]!.query.get('TemplateCode')).toBe('SMS_200000001');
  });

  it('uses a single string code for every country', async () => {
    const seen = capture(china);
    await send('14155550123', validConfig, { code: '1' }, 'ForgotPassword');
    expect(seen[0]!.query.get('TemplateCode')).toBe('SMS_300000003');
  });

  it('falls back on the Generic template', async () => {
    const seen = capture(china);
    await send('13800138000', validConfig, { code: '1' }, 'MfaVerification');
    expect(seen[0]!.query.get('TemplateCode')).toBe('SMS_100000004');
  });

  it('rejects a number that is valid nowhere before any request', async () => {
    const connector = await buildConnector(createConnector);
    const error = await failureOf(() =>
      connector.sendMessage(
        { to: '12345', type: 'SignIn' as never, payload: { code: '1' } },
        validConfig,
      ),
    );
    expect(error).toMatchObject({ code: 'invalid_request_parameters' });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('TemplateParam', () => {
  const payload = {
    code: 123456,
    locale: 'zh-CN',
    uiLocales: 'fr-CA fr en',
    user: { id: 'u1', primaryPhone: '13800138000' },
    application: { name: 'App' },
    link: 'https://example.com/invite',
  };

  it('sends only code, as a string, by default', async () => {
    const seen = capture(china);
    await send('13800138000', validConfig, payload);
    expect(JSON.parse(seen[0]!.query.get('TemplateParam')!)).toEqual({ code: '123456' });
  });

  it('sends the variables a template lists, as strings, and drops objects', async () => {
    const seen = capture(china);
    const templates = [
      {
        usageType: 'Generic',
        templateCode: 'SMS_9',
        params: ['code', 'ttlMinutes', 'user', 'locale2'],
      },
    ];
    await send('13800138000', { ...validConfig, templates }, payload);
    expect(JSON.parse(seen[0]!.query.get('TemplateParam')!)).toEqual({
      code: '123456',
      ttlMinutes: '10',
    });
  });

  it('leaves TemplateParam out when the template takes no variables', async () => {
    const seen = capture(china);
    const templates = [{ usageType: 'Generic', templateCode: 'SMS_9', params: [] }];
    await send('13800138000', { ...validConfig, templates }, payload);
    expect(seen[0]!.query.has('TemplateParam')).toBe(false);
  });
});

describe('international site', () => {
  const intl = {
    ...validConfig,
    site: 'international',
    senderId: 'Acme',
    templates: [
      {
        usageType: 'Generic',
        templateCode: { china: 'SMS_CN', overseas: 'SMS_OV' },
        content: 'Acme code {{code}}, {{ttlMinutes}} min',
      },
      { usageType: 'SignIn', templateCode: 'SMS_ONLY' },
    ],
  };

  it('sends SendMessageToGlobe with the rendered content outside the mainland', async () => {
    const seen = capture(international, [
      200,
      { ResponseCode: 'OK', ResponseDescription: 'OK', RequestId: 'r1', MessageId: 'm1' },
    ]);
    await send('14155550123', intl, { code: '123456', locale: 'en' }, 'Generic');
    expect(seen[0]!.headers).toMatchObject({
      'x-acs-action': 'SendMessageToGlobe',
      'x-acs-version': '2018-05-01',
      accept: 'application/json',
    });
    expect(Object.fromEntries(seen[0]!.query)).toEqual({
      To: '14155550123',
      Message: 'Acme code 123456, 10 min',
      // SendMessageToGlobe's API reference: Type OTP is a verification code.
      Type: 'OTP',
      From: 'Acme',
    });
  });

  it('posts the documented SendMessageToGlobe form with Type=OTP (V1 signature)', async () => {
    fixedClock();
    const seen = capture(international, [
      200,
      { ResponseCode: 'OK', ResponseDescription: 'OK', RequestId: 'r1', MessageId: 'm1' },
    ]);
    await send('85268326366', { ...intl, signatureVersion: 'v1' }, { code: '305118' }, 'Generic');
    const { Signature, ...form } = Object.fromEntries(new URLSearchParams(seen[0]!.body));
    // The request written out in SendMessageToGlobe's API reference: Action, To (dialing code and
    // number), Message (the full text), Type (OTP: verification code), From (sender ID), then the
    // common parameters of the 2018-05-01 API.
    expect(form).toEqual({
      Action: 'SendMessageToGlobe',
      To: '85268326366',
      Message: 'Acme code 305118, 10 min',
      Type: 'OTP',
      From: 'Acme',
      Version: '2018-05-01',
      Format: 'JSON',
      RegionId: 'ap-southeast-1',
      AccessKeyId: validConfig.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c',
      Timestamp: '2026-03-04T05:06:07Z',
    });
    expect(Signature).toBe(
      createHmac('sha1', `${validConfig.accessKeySecret}&`)
        .update(`POST&%2F&${encode(sortedQuery(Object.entries(form)))}`)
        .digest('base64'),
    );
  });

  it('sends a message without a code (an invitation link) as Type=NOTIFY', async () => {
    const seen = capture(international, [200, { ResponseCode: 'OK', RequestId: 'r1' }]);
    const templates = [{ usageType: 'Generic', content: 'Join Acme: {{link}}' }];
    await send(
      '14155550123',
      { ...intl, templates },
      { link: 'https://example.com/invite' },
      'OrganizationInvitation',
    );
    expect(seen[0]!.query.get('Type')).toBe('NOTIFY');
    expect(seen[0]!.query.get('Message')).toBe('Join Acme: https://example.com/invite');
  });

  it('sends SendMessageWithTemplate to the mainland with the china code', async () => {
    const seen = capture(international, [200, { ResponseCode: 'OK', RequestId: 'r1' }]);
    await send('13800138000', intl, { code: '123456' }, 'Generic');
    expect(seen[0]!.headers['x-acs-action']).toBe('SendMessageWithTemplate');
    expect(Object.fromEntries(seen[0]!.query)).toEqual({
      To: '8613800138000',
      From: '阿里云短信测试',
      TemplateCode: 'SMS_CN',
      TemplateParam: '{"code":"123456"}',
    });
  });

  // "You can call the SendMessageWithTemplate operation to send messages only to the Chinese
  // mainland" (SendMessageWithTemplate's API reference): outside it, only SendMessageToGlobe sends.
  it.each(['14155550123', '85268326366', '447911123456'])(
    'refuses a template without content for %s before any request, naming the template and "content"',
    async (to) => {
      const seen = capture(international, [200, { ResponseCode: 'OK', RequestId: 'r1' }]);
      const error = await failureOf(() => send(to, intl, { code: '1' }, 'SignIn'));
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({
        code: 'invalid_config',
        data: {
          provider: 'aliyun',
          message:
            'the "SignIn" template has no content: the international site sends to numbers outside the Chinese mainland only with SendMessageToGlobe, which takes the message text; add "content" to this template',
        },
      });
      expect(seen).toEqual([]);
    },
  );

  it('still sends a template without content to a mainland number with SendMessageWithTemplate', async () => {
    const seen = capture(international, [200, { ResponseCode: 'OK', RequestId: 'r1' }]);
    await send('13800138000', intl, { code: '1' }, 'SignIn');
    expect(seen[0]!.headers['x-acs-action']).toBe('SendMessageWithTemplate');
    expect(Object.fromEntries(seen[0]!.query)).toEqual({
      To: '8613800138000',
      From: '阿里云短信测试',
      TemplateCode: 'SMS_ONLY',
      TemplateParam: '{"code":"1"}',
    });
  });

  it('treats a ResponseCode other than OK as a failure', async () => {
    capture(international, [
      200,
      { ResponseCode: 'MOBILE_NUMBER_ILLEGAL', ResponseDescription: 'bad number', RequestId: 'r2' },
    ]);
    const error = await failureOf(() => send('14155550123', intl, { code: '1' }, 'Generic'));
    expect(error).toMatchObject({
      code: 'invalid_request_parameters',
      data: { code: 'MOBILE_NUMBER_ILLEGAL', message: 'bad number', requestId: 'r2' },
    });
  });

  it('refuses a content-only template for a mainland number before any request', async () => {
    const templates = [{ usageType: 'Generic', content: 'Code {{code}}' }];
    const error = await failureOf(() => send('13800138000', { ...intl, templates }, { code: '1' }));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: 'invalid_config',
      data: { message: expect.stringContaining('templateCode') },
    });
  });
});

describe('answers in XML (a gateway or proxy that ignored the requested format)', () => {
  const xml = (body: string, status = 200): Reply => [
    status,
    `<?xml version='1.0' encoding='UTF-8'?>${body}`,
    { 'content-type': 'text/xml;charset=UTF-8' },
  ];
  const intl = {
    ...validConfig,
    site: 'international',
    templates: [{ usageType: 'Generic', content: 'Code {{code}}' }],
  };

  it('resolves a V3 SendSms answered with Code OK', async () => {
    capture(
      china,
      xml(
        '<SendSmsResponse><Message>OK</Message><RequestId>F655A8D5-B967-440B-8683-DAD6FF8DE990</RequestId><Code>OK</Code><BizId>900619746936498440^0</BizId></SendSmsResponse>',
      ),
    );
    await expect(send('13800138000')).resolves.toEqual({
      Message: 'OK',
      RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
      Code: 'OK',
      BizId: '900619746936498440^0',
    });
  });

  it('rejects isv.BUSINESS_LIMIT_CONTROL as rate_limit_exceeded with Aliyun code, message and RequestId', async () => {
    capture(
      china,
      xml(
        '<SendSmsResponse><Message>触发分钟级流控Permits:1</Message><RequestId>D8D3E58E-4A5E-5D3A-9C2A-3A1E0D2F7B11</RequestId><Code>isv.BUSINESS_LIMIT_CONTROL</Code></SendSmsResponse>',
      ),
    );
    const error = await failureOf(() => send('13800138000'));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: 'rate_limit_exceeded',
      data: {
        provider: 'aliyun',
        status: 200,
        code: 'isv.BUSINESS_LIMIT_CONTROL',
        message: expect.stringContaining('触发分钟级流控Permits:1'),
        requestId: 'D8D3E58E-4A5E-5D3A-9C2A-3A1E0D2F7B11',
      },
    });
  });

  it("keeps Aliyun's words with their entities decoded", async () => {
    capture(
      china,
      xml(
        '<SendSmsResponse><Message>模板变量 &quot;code&quot; &amp; &lt;name&gt; &#x4E0D;&#21305;&#37197;</Message><RequestId>r-3</RequestId><Code>isv.SMS_TEMPLATE_ILLEGAL</Code></SendSmsResponse>',
      ),
    );
    const error = await failureOf(() => send('13800138000'));
    expect(error).toMatchObject({
      code: 'invalid_config',
      data: { message: expect.stringContaining('模板变量 "code" & <name> 不匹配') },
    });
  });

  it("resolves the international site's ResponseCode OK and maps its failures", async () => {
    capture(
      international,
      xml(
        '<SendMessageToGlobeResponse><RequestId>r-4</RequestId><ResponseCode>OK</ResponseCode><ResponseDescription>OK</ResponseDescription><Segments>1</Segments><To>14155550123</To><MessageId>1008030300</MessageId></SendMessageToGlobeResponse>',
      ),
    );
    await expect(send('14155550123', intl, { code: '1' }, 'Generic')).resolves.toMatchObject({
      ResponseCode: 'OK',
      RequestId: 'r-4',
      MessageId: '1008030300',
    });

    capture(
      international,
      xml(
        '<SendMessageToGlobeResponse><RequestId>r-5</RequestId><ResponseCode>MOBILE_NUMBER_ILLEGAL</ResponseCode><ResponseDescription>The mobile number is illegal.</ResponseDescription></SendMessageToGlobeResponse>',
      ),
    );
    const error = await failureOf(() => send('14155550123', intl, { code: '1' }, 'Generic'));
    expect(error).toMatchObject({
      code: 'invalid_request_parameters',
      data: {
        code: 'MOBILE_NUMBER_ILLEGAL',
        message: 'The mobile number is illegal.',
        requestId: 'r-5',
      },
    });
  });

  it('keeps the code, message, RequestId and Recommend of a gateway error in XML (HTTP 4xx)', async () => {
    capture(
      china,
      xml(
        '<Error><RequestId>r-6</RequestId><HostId>dysmsapi.aliyuncs.com</HostId><Code>InvalidAccessKeyId.NotFound</Code><Message>Specified access key is not found.</Message><Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=InvalidAccessKeyId.NotFound&product=Dysmsapi]]></Recommend></Error>',
        404,
      ),
    );
    const error = await failureOf(() => send('13800138000'));
    expect(error).toMatchObject({
      code: 'invalid_config',
      data: {
        status: 404,
        code: 'InvalidAccessKeyId.NotFound',
        message: expect.stringContaining('Specified access key is not found.'),
        requestId: 'r-6',
        details: {
          recommend:
            'https://api.aliyun.com/troubleshoot?q=InvalidAccessKeyId.NotFound&product=Dysmsapi',
        },
      },
    });
  });

  it('reads an XML answer to a V1 request too', async () => {
    capture(
      china,
      xml(
        '<SendSmsResponse><Message>OK</Message><RequestId>r-7</RequestId><Code>OK</Code><BizId>1^0</BizId></SendSmsResponse>',
      ),
    );
    await expect(
      send('13800138000', { ...validConfig, signatureVersion: 'v1' }),
    ).resolves.toMatchObject({ Code: 'OK', BizId: '1^0' });
  });
});

describe("XML answers beyond the reader's bounds (names of 64 characters, 64 fields)", () => {
  const xmlReply = (body: string): Reply => [
    200,
    `<?xml version='1.0' encoding='UTF-8'?>${body}`,
    { 'content-type': 'text/xml;charset=UTF-8' },
  ];
  const notJson = {
    code: 'invalid_response',
    data: { status: 200, message: 'aliyun answered HTTP 200 with a body that is not JSON' },
  };
  const fields = (count: number) =>
    Array.from({ length: count }, (_, index) => `<Field${index}>x</Field${index}>`).join('');

  it('reads a root name of 64 characters and refuses one of 65', async () => {
    const ok = '<Code>OK</Code><RequestId>r-8</RequestId>';
    capture(china, xmlReply(`<${'R'.repeat(64)}>${ok}</${'R'.repeat(64)}>`));
    await expect(send('13800138000')).resolves.toMatchObject({ Code: 'OK', RequestId: 'r-8' });

    capture(china, xmlReply(`<${'R'.repeat(65)}>${ok}</${'R'.repeat(65)}>`));
    await expect(failureOf(() => send('13800138000'))).resolves.toMatchObject(notJson);
  });

  it('reads 64 fields and refuses 65', async () => {
    capture(china, xmlReply(`<SendSmsResponse>${fields(63)}<Code>OK</Code></SendSmsResponse>`));
    await expect(send('13800138000')).resolves.toMatchObject({ Code: 'OK', Field62: 'x' });

    capture(china, xmlReply(`<SendSmsResponse>${fields(64)}<Code>OK</Code></SendSmsResponse>`));
    await expect(failureOf(() => send('13800138000'))).resolves.toMatchObject(notJson);
  });

  it('refuses an answer of almost 1 MiB under a root name of 12,000 characters', async () => {
    // The shape that held the event loop for seconds: a pattern was rebuilt from the root name
    // before every child element.
    const root = `R${'r'.repeat(11_999)}`;
    let children = '<Code>OK</Code>';
    for (let index = 0; children.length < 1_000_000 - 2 * root.length - 20; index++) {
      children += `<F${index}>x</F${index}>`;
    }
    capture(china, xmlReply(`<${root}>${children}</${root}>`));
    await expect(failureOf(() => send('13800138000'))).resolves.toMatchObject(notJson);
  });
});

describe('answers that are neither JSON nor Aliyun XML', () => {
  const page =
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>';

  it.each([
    [502, page, 'text/html', 'general', 'aliyun answered HTTP 502'],
    [503, 'no healthy upstream', 'text/plain', 'general', 'aliyun answered HTTP 503'],
    [
      200,
      page,
      'text/html',
      'invalid_response',
      'aliyun answered HTTP 200 with a body that is not JSON',
    ],
    [
      200,
      'OK',
      'text/plain',
      'invalid_response',
      'aliyun answered HTTP 200 with a body that is not JSON',
    ],
  ])('HTTP %i %s… (%s) becomes %s', async (status, body, type, code, message) => {
    capture(china, [status, body, { 'content-type': type }]);
    const error = await failureOf(() => send('13800138000'));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code, data: { provider: 'aliyun', status, message } });
    expect(findSecrets(error, [validConfig.accessKeySecret])).toEqual([]);
  });
});

describe('config', () => {
  it('accepts the official config unchanged and applies the new defaults', async () => {
    const connector = await buildConnector(createConnector);
    const parsed = connector.configGuard.parse(validConfig) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      site: 'china',
      signatureVersion: 'v3',
      strictPhoneRegionNumberCheck: false,
    });
  });

  it.each([
    [
      { ...validConfig, templates: [{ usageType: 'Generic', content: 'Code {{code}}' }] },
      'templateCode',
    ],
    [{ ...validConfig, site: 'mars' }, 'site'],
    [{ ...validConfig, signatureVersion: 'v2' }, 'signatureVersion'],
    [{ ...validConfig, endpoint: 'http://dysmsapi.aliyuncs.com' }, 'endpoint'],
    [{ ...validConfig, accessKeySecret: '' }, 'accessKeySecret'],
    [
      {
        ...validConfig,
        templates: [{ usageType: 'Generic', templateCode: 'SMS_1', params: ['a b'] }],
      },
      'params',
    ],
  ])('rejects a bad config naming the field (%#)', async (config, field) => {
    const error = await failureOf(() => send('13800138000', config));
    expect(error).toMatchObject({
      code: 'invalid_config',
      data: { message: expect.stringContaining(field) },
    });
  });
});
