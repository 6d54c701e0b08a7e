// The router's sandbox for `switchboard demo`: the Twilio, Aliyun and SMS Aero fakes (each
// written from its provider's documentation, in its own package) behind one address on
// 127.0.0.1, told apart by path, and a router config that points every provider there. Not part
// of the published package.
import { TemplateType } from '@logto/connector-kit';
import { combineFakes, defineSandbox, sends, startDispatcher } from '@switchboard/core/sandbox';

import aliyun from '../../connector-aliyun-sms/sandbox/index.js';
import smsaero from '../../connector-smsaero/sandbox/index.js';
import twilio from '../../connector-twilio-sms/sandbox/index.js';
import { secretFields } from '../src/providers.js';

/** Nothing listens on port 1 of loopback: a connection there is refused, nothing is sent. */
const refusedEndpoint = 'http://127.0.0.1:1';

/** Where nothing listens (port 9, discard), for configs whose address is dropped. */
const placeholderBase = 'http://127.0.0.1:9';

/** Under this path the dispatcher takes the request and never answers. */
const silentPrefix = '/silent';

const routes = [
  { countries: ['RU', 'BY', 'KZ'], providers: ['smsaero', 'twilio'] },
  { countries: ['CN'], providers: ['aliyun'] },
  { countries: ['*'], providers: ['twilio', 'aliyun'] },
];

type Providers = Record<string, Record<string, unknown>>;

/**
 * Each provider's own sandbox config at `baseUrl`, its secrets moved to the router's masked
 * fields as the README advises (`twilioAuthToken`, …).
 */
const routerConfig =
  (change?: (providers: Providers, baseUrl: string) => void) => (baseUrl: string) => {
    const providers: Providers = {
      twilio: twilio.config(baseUrl),
      aliyun: aliyun.config(baseUrl),
      smsaero: smsaero.config(baseUrl),
    };
    change?.(providers, baseUrl);
    const masked: Record<string, unknown> = {};
    for (const { provider, key, field } of secretFields) {
      const own = providers[provider];
      if (own?.[key] === undefined) continue;
      masked[field] = own[key];
      const { [key]: _moved, ...rest } = own;
      providers[provider] = rest;
    }
    return { providers, routes, ...masked };
  };

export default defineSandbox({
  start: async () => {
    const [twilioFake, aliyunFake, smsaeroFake] = await Promise.all([
      twilio.start(),
      aliyun.start(),
      smsaero.start(),
    ]);
    const fakes = combineFakes({ twilio: twilioFake, aliyun: aliyunFake, smsaero: smsaeroFake });
    const front = await startDispatcher(
      [
        { prefix: '/2010-04-01/', fake: twilioFake },
        { prefix: '/v2/', fake: smsaeroFake },
        { prefix: '/', fake: aliyunFake },
      ],
      silentPrefix,
    );
    return {
      url: front.url,
      observations: fakes.observations,
      close: async () => {
        await Promise.all([front.close(), fakes.close()]);
      },
    };
  },
  config: routerConfig(),
  // Twilio alone, the route's first provider: the router's own failover has tests of its own.
  single: (baseUrl, { timeout }) => {
    const { providers, routes: _routes, ...masked } = routerConfig()(baseUrl ?? placeholderBase);
    const { endpoint: _endpoint, ...ownHosts } = (providers as Providers).twilio ?? {};
    const twilioConfig = baseUrl === undefined ? ownHosts : (providers as Providers).twilio;
    return {
      providers: { twilio: { ...twilioConfig, timeout } },
      routes: [{ countries: ['*'], providers: ['twilio'] }],
      // The longest budget there is: Twilio's own timeout is the limit under test.
      timeBudget: 60_000,
      ...masked,
    };
  },
  scenarios: [
    {
      name: '+7 Russia through SMS Aero',
      run: sends({ to: '79990000000', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'success',
    },
    {
      name: '+86 mainland China through Aliyun',
      run: sends({ to: '8613800138000', type: TemplateType.Register, payload: { code: '615204' } }),
      expect: 'success',
    },
    {
      name: '+1 US through Twilio',
      run: sends({ to: '14155550123', type: TemplateType.SignIn, payload: { code: '330917' } }),
      expect: 'success',
    },
    {
      name: 'Twilio refuses the connection: the same +1 number delivered through Aliyun',
      config: routerConfig((providers) => {
        providers.twilio = { ...providers.twilio, endpoint: refusedEndpoint };
      }),
      run: sends({ to: '14155550123', type: TemplateType.SignIn, payload: { code: '330917' } }),
      expect: 'success',
    },
    {
      name: 'Twilio takes the request and never answers: not retried elsewhere (no second code)',
      config: routerConfig((providers, baseUrl) => {
        providers.twilio = {
          ...providers.twilio,
          endpoint: `${baseUrl}${silentPrefix}`,
          timeout: 500,
        };
      }),
      run: sends({ to: '14155550123', type: TemplateType.SignIn, payload: { code: '330917' } }),
      expect: 'general',
    },
    {
      name: 'UK premium-rate number, refused before any request',
      run: sends({ to: '449012345678', type: TemplateType.SignIn, payload: { code: '330917' } }),
      expect: 'invalid_request_parameters',
    },
  ],
});
