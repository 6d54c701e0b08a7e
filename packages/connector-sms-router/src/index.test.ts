import { ConnectorError } from '@logto/connector-kit';
import {
  buildConnector,
  describeConformance,
  failureOf,
  findSecrets,
  startSilentServer,
} from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { hosts, numbers, providerConfigs, validConfig } from './__fixtures__/configs.js';
import createConnector from './index.js';

type Host = keyof typeof hosts;

const paths: Record<Host, RegExp> = {
  twilio: /\/2010-04-01\/Accounts\/AC1{32}\/Messages\.json$/,
  aliyun: /.*/,
  smsaero: /^\/v2\/sms\/send$/,
};

const ok: Record<Host, [number, object]> = {
  twilio: [201, { sid: 'SM0123', status: 'accepted' }],
  aliyun: [200, { Code: 'OK', Message: 'OK', RequestId: 'R-1', BizId: '900^0' }],
  smsaero: [200, { success: true, data: { id: 1, number: '79123456789', status: 8 } }],
};

/** Answers the provider's next request with `reply` (its success by default); counts requests. */
const answer = (host: Host, reply: [number, object | string] = ok[host]) => {
  const seen: string[] = [];
  nock(hosts[host])
    .post(paths[host])
    .query(true)
    .reply(function (_uri, body) {
      seen.push(typeof body === 'string' ? body : JSON.stringify(body));
      return reply;
    });
  return seen;
};

/** The provider is unreachable: nothing was sent. */
const refuseConnection = (host: Host) =>
  nock(hosts[host])
    .post(paths[host])
    .query(true)
    .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

/** Registered only to prove it stays unused. */
const untouched = (host: Host) =>
  nock(hosts[host]).post(paths[host]).query(true).reply(500, 'must not be called');

const send = async (config: Record<string, unknown>, to: string, type = 'SignIn') => {
  const connector = await buildConnector(createConnector);
  return connector.sendMessage({ to, type: type as never, payload: { code: '123456' } }, config);
};

const secrets = [
  providerConfigs.twilio.authToken,
  providerConfigs.aliyun.accessKeySecret,
  providerConfigs.smsaero.apiKey,
];

const failing = async (config: Record<string, unknown>, to: string) => {
  const error = await failureOf(() => send(config, to));
  expect(error).toBeInstanceOf(ConnectorError);
  expect(findSecrets(error, secrets)).toEqual([]);
  return error as ConnectorError & { data: { message: string; details?: Record<string, string> } };
};

const twilioError = (status: number, code: number, message: string): [number, object] => [
  status,
  { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
];

describe('routes', () => {
  it.each([
    ['RU', numbers.RU, 'smsaero'],
    ['BY', numbers.BY, 'smsaero'],
    ['KZ', numbers.KZ, 'smsaero'],
    ['CN', numbers.CN, 'aliyun'],
    ['US', numbers.US, 'twilio'],
    ['DE', numbers.DE, 'twilio'],
  ] as const)('sends a %s number through %s', async (_country, to, expected) => {
    const seen = answer(expected);
    for (const other of Object.keys(hosts) as Host[]) if (other !== expected) untouched(other);
    await expect(send(validConfig, to)).resolves.toMatchObject({
      deliveredBy: expected,
      after: [],
    });
    expect(seen).toHaveLength(1);
  });

  it('routes by country, not calling code: +7 Kazakhstan and Russia apart', async () => {
    const config = {
      ...validConfig,
      routes: [
        { countries: ['RU'], providers: ['smsaero'] },
        { countries: ['KZ'], providers: ['twilio'] },
      ],
    };
    const twilio = answer('twilio');
    const smsaero = answer('smsaero');
    await expect(send(config, numbers.KZ)).resolves.toMatchObject({ deliveredBy: 'twilio' });
    await expect(send(config, numbers.RU)).resolves.toMatchObject({ deliveredBy: 'smsaero' });
    expect(twilio[0]).toContain('To=%2B77012345678');
    expect(JSON.parse(smsaero[0]!)).toMatchObject({ number: '79123456789' });
  });

  it('routes by country, not calling code: +1 Canada and the US apart', async () => {
    const config = {
      ...validConfig,
      routes: [
        { countries: ['CA'], providers: ['aliyun'] },
        { countries: ['US'], providers: ['twilio'] },
      ],
    };
    answer('aliyun');
    answer('twilio');
    await expect(send(config, numbers.CA)).resolves.toMatchObject({ deliveredBy: 'aliyun' });
    await expect(send(config, numbers.US)).resolves.toMatchObject({ deliveredBy: 'twilio' });
  });

  it('without routes, sends every number through the configured providers in their order', async () => {
    const config = {
      providers: { smsaero: providerConfigs.smsaero, twilio: providerConfigs.twilio },
    };
    refuseConnection('smsaero');
    answer('twilio');
    await expect(send(config, numbers.US)).resolves.toMatchObject({ deliveredBy: 'twilio' });
  });

  it('sends as the Console saves a new form: provider configs typed in, the other defaults kept', async () => {
    // The Console parses each Json field, keeps the Switch default and drops the empty Number.
    const saved = {
      providers: JSON.parse(JSON.stringify(providerConfigs)) as unknown,
      routes: [],
      failoverOnTimeout: false,
    };
    const seen = answer('twilio');
    await expect(send(saved, numbers.US)).resolves.toMatchObject({ deliveredBy: 'twilio' });
    expect(seen).toHaveLength(1);
  });

  it('refuses to send before any provider is configured (the form as it opens)', async () => {
    const error = await failing(
      { providers: {}, routes: [], failoverOnTimeout: false },
      numbers.US,
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data.message).toBe(
      'invalid config: providers: configure at least one provider: twilio, aliyun, smsaero',
    );
  });

  it('refuses a number no route covers before any request', async () => {
    const config = { ...validConfig, routes: [{ countries: ['CN'], providers: ['aliyun'] }] };
    const scope = untouched('aliyun');
    const error = await failing(config, numbers.US);
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data.message).toBe(
      'refused to send to +1••••••••23: no route names its country US; add it, or "*", to the countries of a route',
    );
    expect(scope.isDone()).toBe(false);
  });

  it('applies its own destination rules once, before any route: a UK premium-rate number', async () => {
    const scopes = (Object.keys(hosts) as Host[]).map((host) => untouched(host));
    const error = await failing(validConfig, '449012345678');
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data).toMatchObject({ provider: 'sms-router' });
    expect(error.data.message).toContain('a premium-rate number (PREMIUM_RATE)');
    expect(scopes.some((scope) => scope.isDone())).toBe(false);
  });

  it('applies allowedCountries of the router before any route', async () => {
    const scope = untouched('twilio');
    const error = await failing({ ...validConfig, allowedCountries: 'US' }, numbers.DE);
    expect(error.data.message).toContain('its country DE is not in allowedCountries');
    expect(scope.isDone()).toBe(false);
  });

  it.each(['881612345678', '870772001234', '80012345678'])(
    'refuses +%s, a number of no country, by default before any request',
    async (to) => {
      const scopes = (Object.keys(hosts) as Host[]).map((host) => untouched(host));
      const error = await failing(validConfig, to);
      expect(error.code).toBe('invalid_request_parameters');
      expect(error.data.message).toContain('add 001 to allowedCountries to send there');
      expect(scopes.some((scope) => scope.isDone())).toBe(false);
    },
  );

  it('sends a number of no country through a route that names 001', async () => {
    const config = {
      ...validConfig,
      routes: [{ countries: ['001'], providers: ['twilio'] }, ...validConfig.routes],
    };
    const seen = answer('twilio');
    await expect(send(config, '881612345678')).resolves.toMatchObject({ deliveredBy: 'twilio' });
    expect(new URLSearchParams(seen[0]).get('To')).toBe('+881612345678');
  });

  it('refuses an invalid number once, before any request', async () => {
    const scope = untouched('twilio');
    const error = await failing(validConfig, '1415555');
    expect(error.code).toBe('invalid_request_parameters');
    expect(scope.isDone()).toBe(false);
  });

  it('keeps WhatsApp working when Twilio is the provider chosen', async () => {
    const contentSid = 'HX44444444444444444444444444444444';
    const config = {
      ...validConfig,
      providers: {
        ...providerConfigs,
        twilio: {
          ...providerConfigs.twilio,
          whatsAppCountries: ['DE'],
          whatsAppTemplates: [{ usageType: 'Generic', contentSid }],
        },
      },
    };
    const seen = answer('twilio');
    await send(config, numbers.DE);
    const form = new URLSearchParams(seen[0]);
    expect(form.get('To')).toBe('whatsapp:+4915123456789');
    expect(form.get('ContentSid')).toBe(contentSid);
    expect(form.get('ContentVariables')).toBe('{"1":"123456"}');
  });
});

describe('failover', () => {
  it('tries the next provider when the first could not be reached (nothing was sent)', async () => {
    refuseConnection('twilio');
    const aliyun = answer('aliyun');
    const result = await send(validConfig, numbers.US);
    expect(result).toMatchObject({ deliveredBy: 'aliyun' });
    expect((result as { after: string[] }).after).toEqual([
      'twilio: could not reach twilio (ECONNREFUSED) [general ECONNREFUSED]',
    ]);
    expect(aliyun).toHaveLength(1);
  });

  it.each([
    ['wrong credentials (20003, 401)', twilioError(401, 20003, 'Authenticate')],
    [
      'geo permissions (21408)',
      twilioError(
        400,
        21408,
        'Permission to send an SMS has not been enabled for the region indicated by the To number',
      ),
    ],
    ['SMS Pumping Protection (30450)', twilioError(400, 30450, 'Message delivery blocked')],
    [
      'cannot route to the number from this account (21612)',
      twilioError(400, 21612, 'The To phone number is not currently reachable'),
    ],
    ['throttling (429, 20429)', twilioError(429, 20429, 'Too Many Requests')],
    ['a suspended account (20005)', twilioError(401, 20005, 'Account not active')],
  ] as const)(
    'moves on after Twilio refused the account or destination: %s',
    async (_name, reply) => {
      answer('twilio', reply);
      answer('aliyun');
      await expect(send(validConfig, numbers.US)).resolves.toMatchObject({ deliveredBy: 'aliyun' });
    },
  );

  it.each([
    ['balance (isv.AMOUNT_NOT_ENOUGH)', 'isv.AMOUNT_NOT_ENOUGH'],
    ['throttling (Throttling.User)', 'Throttling.User'],
    ['credentials (InvalidAccessKeyId.NotFound)', 'InvalidAccessKeyId.NotFound'],
  ])('moves on after Aliyun refused: %s', async (_name, code) => {
    const config = {
      ...validConfig,
      routes: [{ countries: ['*'], providers: ['aliyun', 'twilio'] }],
    };
    answer('aliyun', [200, { Code: code, Message: 'refused', RequestId: 'R-2' }]);
    answer('twilio');
    await expect(send(config, numbers.US)).resolves.toMatchObject({ deliveredBy: 'twilio' });
  });

  it('moves on after SMS Aero answered that the balance is empty', async () => {
    answer('smsaero', [200, { success: false, message: 'Not enough money on balance' }]);
    answer('twilio');
    await expect(send(validConfig, numbers.RU)).resolves.toMatchObject({ deliveredBy: 'twilio' });
  });

  it('does not move on when the provider refused the number itself (21211)', async () => {
    answer('twilio', twilioError(400, 21211, "The 'To' number is not a valid phone number."));
    const scope = untouched('aliyun');
    const error = await failing(validConfig, numbers.US);
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data.message).toContain(
      'not tried: aliyun (twilio refused the message itself, which the next provider would refuse too)',
    );
    expect(scope.isDone()).toBe(false);
  });

  it.each([502, 503, 504])(
    'does not move on after HTTP %i: the message may have been accepted',
    async (status) => {
      answer('twilio', [status, '<html>upstream</html>']);
      const scope = untouched('aliyun');
      const error = await failing(validConfig, numbers.US);
      expect(error.code).toBe('general');
      expect(error.data).toMatchObject({ status });
      expect(error.data.message).toContain(
        'twilio may have accepted the message; set failoverOnTimeout',
      );
      expect(scope.isDone()).toBe(false);
    },
  );

  it('moves on after HTTP 503 with failoverOnTimeout', async () => {
    answer('twilio', [503, '<html>upstream</html>']);
    answer('aliyun');
    await expect(
      send({ ...validConfig, failoverOnTimeout: true }, numbers.US),
    ).resolves.toMatchObject({ deliveredBy: 'aliyun' });
  });

  it('does not move on after a provider took the request and never answered', async () => {
    const server = await startSilentServer();
    try {
      const config = {
        ...validConfig,
        providers: {
          ...providerConfigs,
          twilio: { ...providerConfigs.twilio, endpoint: server.url, timeout: 300 },
        },
      };
      const scope = untouched('aliyun');
      const error = await failing(config, numbers.US);
      expect(error.code).toBe('general');
      expect(error.data).toMatchObject({ code: 'ETIMEDOUT' });
      expect(error.data.message).toMatch(
        /^twilio: twilio did not answer within 300 ms; the request may still have been processed/,
      );
      expect(scope.isDone()).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('keeps every attempt within the time budget: a silent provider gets what is left', async () => {
    const server = await startSilentServer();
    try {
      const config = {
        ...validConfig,
        failoverOnTimeout: true,
        timeBudget: 1000,
        providers: {
          ...providerConfigs,
          twilio: { ...providerConfigs.twilio, endpoint: server.url, timeout: 30_000 },
        },
      };
      const scope = untouched('aliyun');
      const error = await failing(config, numbers.US);
      // Twilio's own 30 s limit gave way to the budget; no time was left for Aliyun.
      const limit = Number(/within (\d+) ms/.exec(error.data.message)?.[1]);
      expect(limit).toBeGreaterThan(0);
      expect(limit).toBeLessThanOrEqual(1000);
      expect(error.data.message).toContain(
        'not tried: aliyun (the time budget of 1000 ms was spent; raise timeBudget to leave them time)',
      );
      expect(scope.isDone()).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('the error when no provider delivered', () => {
  const everyone = {
    ...validConfig,
    routes: [{ countries: ['*'], providers: ['twilio', 'aliyun'] }],
  };

  it('lists every attempt in order, redacted, with the first provider’s code', async () => {
    answer('twilio', twilioError(401, 20003, `Authenticate ${providerConfigs.twilio.authToken}`));
    refuseConnection('aliyun');
    const error = await failing(everyone, numbers.US);
    expect(error.code).toBe('invalid_config');
    expect(error.data.message).toMatch(/^no provider delivered: twilio: Authenticate \[redacted\]/);
    expect(error.data.details).toEqual({
      attempt1: expect.stringMatching(/^twilio: .*\[invalid_config 20003\]$/),
      attempt2: 'aliyun: could not reach aliyun (ECONNREFUSED) [general ECONNREFUSED]',
    });
  });

  it('answers usage_limit_exceeded when every provider refused for balance', async () => {
    answer('twilio', twilioError(402, 20005, 'Account not active'));
    answer('aliyun', [200, { Code: 'isv.AMOUNT_NOT_ENOUGH', Message: 'balance', RequestId: 'R' }]);
    const error = await failing(everyone, numbers.US);
    expect(error.code).toBe('usage_limit_exceeded');
  });

  it('answers rate_limit_exceeded when every provider throttled, with the shortest wait', async () => {
    nock(hosts.twilio)
      .post(paths.twilio)
      .reply(429, { code: 20429, message: 'Too Many Requests' }, { 'retry-after': '30' });
    answer('aliyun', [200, { Code: 'Throttling.User', Message: 'slow down', RequestId: 'R' }]);
    const error = await failing(everyone, numbers.US);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data).toMatchObject({ retryAfter: 30 });
  });

  it('answers the first provider’s code when they failed differently', async () => {
    answer('twilio', twilioError(429, 20429, 'Too Many Requests'));
    answer('aliyun', [200, { Code: 'isv.AMOUNT_NOT_ENOUGH', Message: 'balance', RequestId: 'R' }]);
    const error = await failing(everyone, numbers.US);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data.message).toContain('aliyun: balance');
  });
});

describe('config', () => {
  const invalid = async (config: unknown) => {
    const error = await failing(config as Record<string, unknown>, numbers.US);
    expect(error.code).toBe('invalid_config');
    return error.data.message;
  };

  it('validates each provider with its own guard, naming the path', async () => {
    const message = await invalid({
      ...validConfig,
      providers: { ...providerConfigs, twilio: { ...providerConfigs.twilio, accountSID: '' } },
    });
    expect(message).toContain('providers.twilio.accountSID: accountSID is required');
  });

  it('refuses a route naming a provider without config', async () => {
    const message = await invalid({
      providers: { twilio: providerConfigs.twilio },
      routes: [
        { countries: ['US'], providers: ['twilio'] },
        { countries: ['CN'], providers: ['aliyun'] },
      ],
    });
    expect(message).toContain(
      'routes[1].providers[0]: "aliyun" has no config: add it under providers, or leave it out of this route',
    );
  });

  it.each([
    [
      { countries: ['XX'], providers: ['twilio'] },
      'routes[0].countries[0]: must be an ISO 3166-1 alpha-2 country code',
    ],
    [
      { countries: ['US'], providers: ['nexmo'] },
      'routes[0].providers[0]: must be one of "twilio", "aliyun", "smsaero"',
    ],
    [
      { countries: [], providers: ['twilio'] },
      'routes[0].countries: a route needs at least one country',
    ],
    [
      { countries: ['US'], providers: [] },
      'routes[0].providers: a route needs at least one provider',
    ],
  ])('refuses a bad route %j', async (route, expected) => {
    const message = await invalid({ ...validConfig, routes: [route] });
    expect(message).toContain(expected);
  });

  it('takes a time budget from 1000 to 60000 ms, whole milliseconds', async () => {
    expect(await invalid({ ...validConfig, timeBudget: 999 })).toContain(
      'timeBudget: timeBudget must be at least 1000 ms',
    );
    expect(await invalid({ ...validConfig, timeBudget: 60_001 })).toContain(
      'timeBudget: timeBudget must be at most 60000 ms',
    );
    expect(await invalid({ ...validConfig, timeBudget: 1500.5 })).toContain(
      'timeBudget: timeBudget must be a whole number of milliseconds',
    );
  });

  it('offers a masked field for each provider secret, after the router’s own fields', async () => {
    const { metadata } = await buildConnector(createConnector);
    expect(
      metadata.formItems?.map(({ key, type, isConfidential }) => [key, type, isConfidential]),
    ).toEqual([
      ['providers', 'Json', undefined],
      ['routes', 'Json', undefined],
      ['failoverOnTimeout', 'Switch', undefined],
      ['timeBudget', 'Number', undefined],
      ['twilioAuthToken', 'Text', true],
      ['twilioApiKeySecret', 'Text', true],
      ['aliyunAccessKeySecret', 'Text', true],
      ['smsaeroApiKey', 'Text', true],
      ['allowedCountries', 'Text', undefined],
      ['blockedCountries', 'Text', undefined],
      ['blockedNumberTypes', 'Text', undefined],
    ]);
  });

  it('refuses an unknown provider name', async () => {
    expect(await invalid({ providers: { nexmo: {} } })).toContain(
      "providers: Unrecognized key(s) in object: 'nexmo'",
    );
  });

  it('takes a secret from its masked field, and refuses two different values', async () => {
    const { authToken, ...withoutToken } = providerConfigs.twilio;
    const seen = nock(hosts.twilio, {
      reqheaders: {
        authorization: `Basic ${Buffer.from(`${providerConfigs.twilio.accountSID}:${authToken}`).toString('base64')}`,
      },
    })
      .post(paths.twilio)
      .reply(...ok.twilio);
    await send({ providers: { twilio: withoutToken }, twilioAuthToken: authToken }, numbers.US);
    expect(seen.isDone()).toBe(true);
    const message = await invalid({
      providers: { twilio: providerConfigs.twilio },
      twilioAuthToken: 'another-token',
    });
    expect(message).toContain('twilioAuthToken and providers.twilio.authToken differ');
    expect(message).not.toContain('another-token');
  });
});

describeConformance({
  packageDir: new URL('..', import.meta.url).pathname,
  createConnector,
  validConfig: { ...validConfig, routes: [{ countries: ['*'], providers: ['twilio'] }] },
  secrets,
  users: [providerConfigs.twilio.accountSID],
  intercept: () => nock(hosts.twilio).post(paths.twilio),
  // The suite's endpoint and request timeout are the first provider's.
  withEndpoint: ({ timeout, ...config }, endpoint) => {
    const { providers } = config as typeof validConfig;
    const twilio = { ...providers.twilio, endpoint, ...(timeout === undefined ? {} : { timeout }) };
    return { ...config, providers: { ...providers, twilio } };
  },
  sms: true,
});
