import { createServer } from 'node:net';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { usageLimitExceeded } from '@switchboard/core';
import {
  buildConnector,
  failureOf,
  findSecrets,
  startSilentServer,
} from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import { bodies, officialConfig, validConfig } from './__fixtures__/configs.js';

const ru = 'https://gate.smsaero.ru';
const org = 'https://gate.smsaero.org';
const net = 'https://gate.smsaero.net';
const uz = 'https://gate.smsaero.uz';
const path = '/v2/sms/send';
const basic = (email: string, key: string) =>
  `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`;

const send = async (config: Record<string, unknown>, to = '79990000000', type = 'Generic') => {
  const connector = await buildConnector(createConnector);
  return connector.sendMessage({ to, type: type as never, payload: { code: '123456' } }, config);
};

const failure = async (config: Record<string, unknown>, to?: string) => {
  const error = await failureOf(() => send(config, to));
  expect(error).toBeInstanceOf(ConnectorError);
  expect(findSecrets(error, [validConfig.apiKey], [validConfig.email])).toEqual([]);
  return error as ConnectorError;
};

/** nock needs a real Error: got never settles on a plain object. */
const networkError = (code: string) => Object.assign(new Error(`${code} (simulated)`), { code });

/** A loopback port that nothing listens on: connecting to it is refused at once. */
const deadPort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
};

describe('sendMessage', () => {
  it('posts JSON with Basic auth, digits-only number, sender name and the rendered text', async () => {
    const scope = nock(ru, {
      reqheaders: {
        authorization: basic(validConfig.email, validConfig.apiKey),
        'content-type': /application\/json/,
      },
    })
      .post(path, {
        number: '79990000000',
        sign: 'SMS Aero',
        text: 'Your verification code is 123456. It expires in 10 minutes.',
      })
      .reply(200, bodies.sent);
    await expect(send(validConfig, '+7 (999) 000-00-00')).resolves.toMatchObject({ id: 686325 });
    expect(scope.isDone()).toBe(true);
  });

  it('uses the stored config unchanged from the official connector when no input config is given', async () => {
    const scope = nock(ru, {
      reqheaders: { authorization: basic(officialConfig.email, officialConfig.apiKey) },
    })
      .post(path, {
        number: '4915123456789',
        sign: 'sender-name',
        text: 'Your sign-in code is 654321',
      })
      .reply(200, bodies.sent);
    const connector = await buildConnector(createConnector, officialConfig);
    await connector.sendMessage({
      to: '4915123456789',
      type: 'SignIn' as never,
      payload: { code: '654321' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('falls back on the Generic template for usage types the official config lacks', async () => {
    const scope = nock(ru)
      .post(path, (body: { text: string }) => body.text === 'Your code is 123456')
      .reply(200, bodies.sent);
    await send(officialConfig, '79990000000', 'OrganizationInvitation');
    expect(scope.isDone()).toBe(true);
  });

  it('picks a template in the user’s language', async () => {
    const config = {
      ...officialConfig,
      templates: [
        ...officialConfig.templates,
        { usageType: 'Generic', locale: 'ru', content: 'Код {{code}}' },
      ],
    };
    const scope = nock(ru)
      .post(path, { number: '79990000000', sign: 'sender-name', text: 'Код 42' })
      .reply(200, bodies.sent);
    const connector = await buildConnector(createConnector);
    await connector.sendMessage(
      { to: '79990000000', type: 'Generic' as never, payload: { code: '42', locale: 'ru-RU' } },
      config,
    );
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an invalid number with invalid_request_parameters before any request', async () => {
    const scope = nock(ru).post(path).reply(200, bodies.sent);
    const error = await failure(validConfig, '12345');
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(scope.isDone()).toBe(false);
  });

  it('rejects a config without a Generic template or with a bad e-mail as invalid_config', async () => {
    expect(
      (await failure({ ...validConfig, templates: [{ usageType: 'SignIn', content: 'x' }] })).code,
    ).toBe(ConnectorErrorCodes.InvalidConfig);
    const error = await failure({ ...validConfig, email: 'not-an-email' });
    expect(error).toMatchObject({
      code: ConnectorErrorCodes.InvalidConfig,
      data: { message: expect.stringMatching(/email/) },
    });
  });
});

describe('SMS Aero failures', () => {
  it.each([
    [
      'success:false with invalid credentials (HTTP 200)',
      200,
      bodies.badCredentials,
      ConnectorErrorCodes.InvalidConfig,
      'auth',
    ],
    [
      'HTTP 401 with invalid credentials',
      401,
      bodies.badCredentials,
      ConnectorErrorCodes.InvalidConfig,
      'auth',
    ],
    ['HTTP 403 without a body', 403, '', ConnectorErrorCodes.InvalidConfig, undefined],
    ['success:false for an empty balance', 200, bodies.noMoney, usageLimitExceeded, 'no-credits'],
    ['HTTP 402', 402, bodies.noMoney, usageLimitExceeded, 'no-credits'],
    [
      'a validation error on the number (HTTP 400)',
      400,
      bodies.badNumber,
      ConnectorErrorCodes.InvalidRequestParameters,
      'number',
    ],
    [
      'a validation error on the number (HTTP 200)',
      200,
      bodies.badNumber,
      ConnectorErrorCodes.InvalidRequestParameters,
      'number',
    ],
    ['an unapproved sender name', 400, bodies.badSign, ConnectorErrorCodes.InvalidConfig, 'sign'],
    ['legacy result "reject"', 200, bodies.legacyReject, ConnectorErrorCodes.InvalidConfig, 'sign'],
    ['legacy result "no credits"', 200, bodies.legacyNoCredits, usageLimitExceeded, 'no-credits'],
  ] as const)('%s → %s', async (_name, status, body, code, smsAeroCode) => {
    nock(ru).post(path).reply(status, body);
    const error = await failure(validConfig);
    expect(error.code).toBe(code);
    expect(error.data).toMatchObject({ provider: 'smsaero', status });
    expect((error.data as { code?: string }).code).toBe(smsAeroCode);
  });

  it('keeps SMS Aero’s own message and the fields it names', async () => {
    nock(ru).post(path).reply(200, bodies.badNumber);
    const error = await failure(validConfig);
    expect(error.data).toMatchObject({
      message: expect.stringContaining('Validation error. (number: Invalid phone number.)'),
    });
  });

  it('treats success:false without a message as a failure, never as sent', async () => {
    nock(ru).post(path).reply(200, { success: false, data: null, message: null });
    const error = await failure(validConfig);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({ message: 'SMS Aero refused the message' });
  });

  it('treats a 200 body without success:true as a failure', async () => {
    nock(ru)
      .post(path)
      .reply(200, { data: { id: 1 } });
    const error = await failure(validConfig);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({
      status: 200,
      message: expect.stringContaining('without "success"'),
    });
  });

  it('answers a body that is not an object with invalid_response', async () => {
    nock(ru).post(path).reply(200, '[1,2]');
    expect((await failure(validConfig)).code).toBe(ConnectorErrorCodes.InvalidResponse);
  });

  it('never lets the API key or the Basic header into an error, even when SMS Aero echoes them', async () => {
    const header = basic(validConfig.email, validConfig.apiKey);
    nock(ru)
      .post(path)
      .reply(401, { success: false, message: `bad key ${validConfig.apiKey} in ${header}` });
    const error = await failure(validConfig);
    expect(JSON.stringify(error.data)).not.toContain(validConfig.apiKey);
    expect(JSON.stringify(error.data)).toContain('[redacted]');
  });
});

describe('gate failover', () => {
  it('moves to the next gate after HTTP 429: SMS Aero refused to take the message', async () => {
    const first = nock(ru).post(path).reply(429, { success: false, message: 'Too Many Requests' });
    const second = nock(org).post(path).reply(200, bodies.sent);
    await expect(send(validConfig)).resolves.toMatchObject({ id: 686325 });
    expect(first.isDone() && second.isDone()).toBe(true);
  });

  it.each([502, 503, 504])(
    'stays on the gate after HTTP %i: a proxy may answer it after SMS Aero took the message',
    async (status) => {
      const first = nock(ru).post(path).reply(status, '<html>Gateway Timeout</html>');
      // Interceptors that must stay unused: no other gate may be asked to send the code again.
      const others = [org, net, uz].map((gate) => nock(gate).post(path).reply(200, bodies.sent));
      const error = await failure(validConfig);
      expect(first.isDone()).toBe(true);
      expect(others.map((scope) => scope.isDone())).toEqual([false, false, false]);
      expect(error).toMatchObject({ code: ConnectorErrorCodes.General, data: { status } });
      expect((error.data as { message: string }).message).not.toContain('gates failed');
    },
  );

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    'moves to the next gate after %s',
    async (code) => {
      nock(ru).post(path).replyWithError(networkError(code));
      const second = nock(org).post(path).reply(200, bodies.sent);
      await send(validConfig);
      expect(second.isDone()).toBe(true);
    },
  );

  it('moves past a gate that refuses connections (real loopback socket)', async () => {
    const port = await deadPort();
    const second = nock(org).post(path).reply(200, bodies.sent);
    await send({ ...validConfig, gates: `http://127.0.0.1:${port}\n${org}` });
    expect(second.isDone()).toBe(true);
  });

  it('testMode sends the same request to sms/testsend, which delivers nothing', async () => {
    const testSend = nock(ru).post('/v2/sms/testsend').reply(200, bodies.sent);
    await send({ ...validConfig, testMode: true });
    expect(testSend.isDone()).toBe(true);
  });

  it('tries every gate in order, and reports the last answer when all fail', async () => {
    nock(ru).post(path).replyWithError(networkError('ECONNREFUSED'));
    nock(org).post(path).reply(429, { success: false, message: 'Too Many Requests' });
    nock(net).post(path).replyWithError(networkError('ENOTFOUND'));
    nock(uz).post(path).replyWithError(networkError('ENOTFOUND'));
    const error = await failure(validConfig);
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(error.data).toMatchObject({
      status: 429,
      message: expect.stringContaining('all 4 gates failed'),
    });
  });

  it('reports rate_limit_exceeded when every gate answers 429', async () => {
    for (const gate of [ru, org, net, uz])
      nock(gate).post(path).reply(429, { success: false, message: 'Too Many Requests' });
    expect((await failure(validConfig)).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
  });

  it.each([
    [
      'a connection reset',
      () => nock(ru).post(path).replyWithError(networkError('ECONNRESET')),
      'ECONNRESET',
    ],
  ])(
    'stays on the gate after %s: the message may already be on its way',
    async (_name, intercept, code) => {
      intercept();
      const second = nock(org).post(path).reply(200, bodies.sent);
      const error = await failure({ ...validConfig, timeout: 200 });
      expect(error).toMatchObject({ code: ConnectorErrorCodes.General, data: { code } });
      expect(second.isDone()).toBe(false);
    },
  );

  it('stays on the gate after a timeout once the request was sent: the message may already be on its way', async () => {
    // A real gate on loopback that reads the request and never answers.
    const silent = await startSilentServer();
    try {
      const second = nock(org).post(path).reply(200, bodies.sent);
      const error = await failure({ ...validConfig, gates: [silent.url, org], timeout: 300 });
      expect(error).toMatchObject({
        code: ConnectorErrorCodes.General,
        data: { code: 'ETIMEDOUT' },
      });
      expect(second.isDone()).toBe(false);
    } finally {
      await silent.close();
    }
  });

  it.each([
    [500, 'Internal Server Error'],
    [400, bodies.badNumber],
    [401, bodies.badCredentials],
    [200, bodies.noMoney],
  ])('stays on the gate after HTTP %i', async (status, body) => {
    nock(ru).post(path).reply(status, body);
    const second = nock(org).post(path).reply(200, bodies.sent);
    await failure(validConfig);
    expect(second.isDone()).toBe(false);
  });

  it('uses the configured gate list, accepting one URL per line and a /v2 suffix', async () => {
    const scope = nock('https://gate.example.ru').post(path).reply(200, bodies.sent);
    await send({ ...validConfig, gates: ' https://gate.example.ru/v2/ \n' });
    expect(scope.isDone()).toBe(true);
  });

  it('sends only to the endpoint override, which replaces the gate list', async () => {
    nock('https://proxy.example.com').post(path).reply(503, 'busy');
    const gate = nock(ru).post(path).reply(200, bodies.sent);
    const error = await failure({ ...validConfig, endpoint: 'https://proxy.example.com/' });
    expect(error.data).toMatchObject({ status: 503 });
    expect(error.data).not.toMatchObject({ message: expect.stringContaining('gates failed') });
    expect(gate.isDone()).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['blank', '  '],
  ])(
    'treats an endpoint that is %s as unset and sends to gate.smsaero.ru',
    async (_name, endpoint) => {
      const scope = nock('https://gate.smsaero.ru').post('/v2/sms/send').reply(200, bodies.sent);
      await expect(send({ ...validConfig, endpoint })).resolves.toMatchObject({ id: 686325 });
      expect(scope.isDone()).toBe(true);
    },
  );
});
