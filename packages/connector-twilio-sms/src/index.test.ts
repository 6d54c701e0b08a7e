import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';

import { validConfig } from './__fixtures__/configs.js';
import createConnector from './index.js';

const path = `/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`;
const created = { sid: 'SM0123', status: 'accepted' };
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const send = async (
  config: Record<string, unknown>,
  to = '14155550123',
  type = 'SignIn',
  payload: Record<string, unknown> = { code: '123456' },
) => {
  const connector = await buildConnector(createConnector);
  return connector.sendMessage({ to, type: type as never, payload }, config);
};

/** Captures the form body Twilio would receive. */
const capture = (host = 'https://api.twilio.com', reqheaders?: Record<string, string>) => {
  const seen: { body?: Record<string, string> } = {};
  nock(host, reqheaders ? { reqheaders } : undefined)
    .post(path, (body: Record<string, string>) => {
      seen.body = body;
      return true;
    })
    .reply(201, created);
  return seen;
};

describe('sendMessage', () => {
  it('posts an E.164 number, the rendered template and the Messaging Service with Basic auth', async () => {
    const seen = capture('https://api.twilio.com', {
      authorization: basic(validConfig.accountSID, validConfig.authToken),
      'content-type': 'application/x-www-form-urlencoded',
    });
    await expect(send(validConfig)).resolves.toMatchObject({ sid: 'SM0123' });
    expect(seen.body).toEqual({
      To: '+14155550123',
      Body: 'Your sign-in verification code is 123456. It expires in 10 minutes.',
      MessagingServiceSid: validConfig.fromMessagingServiceSID,
      ValidityPeriod: '600',
    });
  });

  it('reads the stored config through getConfig when no config is passed', async () => {
    const seen = capture();
    const getConfig = vi.fn(async () => validConfig);
    const connector = await createConnector({ getConfig });
    await connector.sendMessage({
      to: '14155550123',
      type: 'Generic' as never,
      payload: { code: '9' },
    });
    expect(getConfig).toHaveBeenCalledWith('switchboard-twilio-sms');
    expect(seen.body?.Body).toBe('Your verification code is 9. It expires in 10 minutes.');
  });

  it('uses the config passed by the Console Test button without calling getConfig', async () => {
    const getConfig = vi.fn(async () => {
      throw new ConnectorError(ConnectorErrorCodes.NotImplemented);
    });
    capture();
    const connector = await createConnector({ getConfig });
    await connector.sendMessage(
      { to: '14155550123', type: 'Generic' as never, payload: { code: '000000' } },
      validConfig,
    );
    expect(getConfig).not.toHaveBeenCalled();
  });

  it.each([
    ['ie1', 'https://api.dublin.ie1.twilio.com'],
    ['au1', 'https://api.sydney.au1.twilio.com'],
  ])('sends to the %s region host', async (region, host) => {
    const seen = capture(host);
    await send({ ...validConfig, region });
    expect(seen.body?.To).toBe('+14155550123');
  });

  it('sends to the endpoint override instead of the region host', async () => {
    const seen = capture('https://twilio-proxy.example.com');
    await send({ ...validConfig, region: 'ie1', endpoint: 'https://twilio-proxy.example.com/' });
    expect(seen.body).toBeDefined();
  });

  it.each([
    ['us1', '', 'https://api.twilio.com'],
    ['us1', '   ', 'https://api.twilio.com'],
    ['ie1', '', 'https://api.dublin.ie1.twilio.com'],
  ])(
    'takes a blank endpoint (as the Console saves a cleared field) as unset: region %s, %j',
    async (region, endpoint, host) => {
      const seen = capture(host);
      await expect(send({ ...validConfig, region, endpoint })).resolves.toMatchObject({
        sid: 'SM0123',
      });
      expect(seen.body?.To).toBe('+14155550123');
    },
  );

  it('authenticates with the API key when one is set', async () => {
    const apiKeySid = 'SK0123456789abcdef0123456789ABCDEF';
    capture('https://api.twilio.com', { authorization: basic(apiKeySid, 'key-secret-value') });
    const { authToken: _unused, ...withoutToken } = validConfig;
    await expect(
      send({ ...withoutToken, apiKeySid, apiKeySecret: 'key-secret-value' }),
    ).resolves.toBeDefined();
  });

  it('sends From alone, or together with the Messaging Service', async () => {
    const { fromMessagingServiceSID: _unused, ...withoutService } = validConfig;
    let seen = capture();
    await send({ ...withoutService, from: 'MyBrand' });
    expect(seen.body).toMatchObject({ From: 'MyBrand' });
    expect(seen.body).not.toHaveProperty('MessagingServiceSid');
    seen = capture();
    await send({ ...validConfig, from: '+14155550100' });
    expect(seen.body).toMatchObject({
      From: '+14155550100',
      MessagingServiceSid: validConfig.fromMessagingServiceSID,
    });
  });

  it('sends RiskCheck=disable only when the switch is on', async () => {
    let seen = capture();
    await send({ ...validConfig, disableRiskCheck: true });
    expect(seen.body?.RiskCheck).toBe('disable');
    seen = capture();
    await send({ ...validConfig, disableRiskCheck: false });
    expect(seen.body).not.toHaveProperty('RiskCheck');
  });

  it('normalises the recipient: digits, +, 00, spaces and dashes', async () => {
    for (const to of ['4915123456789', '+49 151 2345-6789', '004915123456789']) {
      const seen = capture();
      await send(validConfig, to);
      expect(seen.body?.To).toBe('+4915123456789');
    }
  });

  it('picks the template by usage type and language, falling back to Generic', async () => {
    const templates = [
      { usageType: 'Generic', content: 'generic {{code}}' },
      { usageType: 'Generic', locale: 'fr', content: 'générique {{code}}' },
      { usageType: 'Register', content: 'register {{code}}' },
      { usageType: 'Register', locale: 'de', content: 'Registrierung {{code}}' },
    ];
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['Register', { code: '1', locale: 'de-AT' }, 'Registrierung 1'],
      ['Register', { code: '2', locale: 'fr' }, 'register 2'],
      ['SignIn', { code: '3', uiLocales: 'fr-CA en' }, 'générique 3'],
      ['MfaVerification', { code: '4' }, 'generic 4'],
    ];
    for (const [type, payload, expected] of cases) {
      const seen = capture();
      await send({ ...validConfig, templates }, '14155550123', type, payload);
      expect(seen.body?.Body).toBe(expected);
    }
  });

  it('renders only own payload properties', async () => {
    const seen = capture();
    await send(
      {
        ...validConfig,
        templates: [{ usageType: 'Generic', content: '{{code}} {{toString}} {{user.name}}' }],
      },
      '14155550123',
      'Generic',
      { code: '5', user: { name: 'Ada' } },
    );
    expect(seen.body?.Body).toBe('5 {{toString}} Ada');
  });

  it('rejects a number that is not valid before any request', async () => {
    const error = await failureOf(() => send(validConfig, '123'));
    expect(error).toMatchObject({
      code: 'invalid_request_parameters',
      data: { provider: 'twilio' },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('validityPeriod', () => {
  it('sends ValidityPeriod 600 by default, Logto’s code lifetime, instead of Twilio’s 36000', async () => {
    const seen = capture();
    await send(validConfig);
    expect(seen.body?.ValidityPeriod).toBe('600');
  });

  it.each([1, 300, 36_000])('sends a configured validityPeriod of %i', async (validityPeriod) => {
    const seen = capture();
    await send({ ...validConfig, validityPeriod });
    expect(seen.body?.ValidityPeriod).toBe(String(validityPeriod));
  });

  it.each([
    [0, /validityPeriod: validityPeriod must be at least 1 second/],
    [36_001, /validityPeriod: validityPeriod must be at most 36000 seconds/],
    [90.5, /validityPeriod: validityPeriod must be a whole number of seconds/],
  ])('refuses %d before any request', async (validityPeriod, message) => {
    const error = await failureOf(() => send({ ...validConfig, validityPeriod }));
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect((error as { data: { message: string } }).data.message).toMatch(message);
  });
});

describe('short codes', () => {
  it.each(['89045', '246810'])('sends from the short code %s as Twilio documents', async (from) => {
    const seen = capture();
    await send({ ...validConfig, fromMessagingServiceSID: undefined, from });
    expect(seen.body).toMatchObject({ To: '+14155550123', From: from });
    expect(seen.body).not.toHaveProperty('MessagingServiceSid');
  });

  it.each(['1234', '1234567'])(
    'refuses %s, which is neither a short code nor E.164',
    async (from) => {
      const error = await failureOf(() => send({ ...validConfig, from }));
      expect(error).toMatchObject({ code: 'invalid_config' });
      expect((error as { data: { message: string } }).data.message).toContain(
        '5- or 6-digit short code',
      );
    },
  );
});

describe('config', () => {
  const { fromMessagingServiceSID: _s, ...withoutSender } = validConfig;
  const { authToken: _t, ...withoutToken } = validConfig;

  it.each([
    ['no sender', withoutSender, /fromMessagingServiceSID: set a sender/],
    ['no credential', withoutToken, /authToken: set authToken, or apiKeySid and apiKeySecret/],
    [
      'half an API key',
      { ...validConfig, apiKeySid: 'SK33333333333333333333333333333333' },
      /apiKeySecret: an API key needs both/,
    ],
    // Twilio identifiers: two letters and 32 hex digits (twilio.com/docs/glossary/what-is-a-sid).
    [
      'a short Account SID',
      { ...validConfig, accountSID: 'AC123' },
      /accountSID: accountSID must be a Twilio Account SID: AC followed by 32 hex digits/,
    ],
    [
      'an Account SID with a non-hex digit',
      { ...validConfig, accountSID: 'AC1111111111111111111111111111111g' },
      /accountSID must be a Twilio Account SID: AC followed by 32 hex digits/,
    ],
    [
      'a Messaging Service SID pasted as the Account SID',
      { ...validConfig, accountSID: validConfig.fromMessagingServiceSID },
      /accountSID must be a Twilio Account SID: AC followed by 32 hex digits/,
    ],
    [
      'a short Messaging Service SID',
      { ...validConfig, fromMessagingServiceSID: 'MG1' },
      /fromMessagingServiceSID must be a Twilio Messaging Service SID: MG followed by 32 hex digits/,
    ],
    [
      'an API key SID of the wrong kind',
      {
        ...validConfig,
        apiKeySid: 'AC33333333333333333333333333333333',
        apiKeySecret: 'key-secret-value',
      },
      /apiKeySid must be a Twilio API key SID: SK followed by 32 hex digits/,
    ],
    ['a bad sender', { ...validConfig, from: '4155550100' }, /from must be an E.164 number/],
    [
      'an http endpoint',
      { ...validConfig, endpoint: 'http://proxy.example.com' },
      /endpoint must use https/,
    ],
    ['an unknown region', { ...validConfig, region: 'eu1' }, /region/],
    ['a tiny timeout', { ...validConfig, timeout: 5 }, /timeout must be at least 100 ms/],
    [
      'no Generic template',
      { ...validConfig, templates: [{ usageType: 'SignIn', content: '{{code}}' }] },
      /Generic/,
    ],
  ])('rejects %s with invalid_config naming the field', async (_name, config, message) => {
    const error = await failureOf(() => send(config));
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect((error as ConnectorError & { data: { message: string } }).data.message).toMatch(message);
    expect(findSecrets(error, [validConfig.authToken])).toEqual([]);
  });

  it('accepts an official connector config unchanged', async () => {
    const official = {
      accountSID: validConfig.accountSID,
      authToken: validConfig.authToken,
      fromMessagingServiceSID: validConfig.fromMessagingServiceSID,
      disableRiskCheck: false,
      templates: ['Register', 'SignIn', 'ForgotPassword', 'Generic'].map((usageType) => ({
        usageType,
        content: `Your code is {{code}}`,
      })),
    };
    const connector = await buildConnector(createConnector);
    expect(connector.configGuard.safeParse(official).success).toBe(true);
  });
});

describe('Twilio errors', () => {
  const twilioError = (status: number, code: number, message: string) =>
    nock('https://api.twilio.com')
      .post(path)
      .reply(
        status,
        { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
        { 'twilio-request-id': 'RQ42' },
      );

  it('keeps Twilio’s code, message, more_info and request id, with a hint', async () => {
    twilioError(401, 20003, 'Authenticate');
    const error = await failureOf(() => send(validConfig));
    expect(error).toMatchObject({
      code: 'invalid_config',
      data: {
        provider: 'twilio',
        status: 401,
        code: '20003',
        requestId: 'RQ42',
        details: { moreInfo: 'https://www.twilio.com/docs/errors/20003' },
      },
    });
    expect((error as { data: { message: string } }).data.message).toMatch(
      /^Authenticate \(check accountSID and authToken/,
    );
  });

  it('never repeats a secret Twilio echoes back', async () => {
    twilioError(400, 21211, `Invalid To for token ${validConfig.authToken}`);
    const error = await failureOf(() => send(validConfig));
    expect(findSecrets(error, [validConfig.authToken], [validConfig.accountSID])).toEqual([]);
    expect(JSON.stringify(error)).toContain('[redacted]');
  });
});
