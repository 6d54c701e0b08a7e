import { describe, expect, it } from 'vitest';

import { describeRoute, routeFromEnv, routeOf } from './proxy.js';

const twilio = new URL('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json');

describe('routeFromEnv, the rules of Node’s built-in proxy support', () => {
  it('sends https through HTTPS_PROXY and hides its credentials', () => {
    const route = routeFromEnv({ HTTPS_PROXY: 'http://ops:pa%40ss@proxy.corp:3128' }, twilio);
    expect(route.proxy).toBe('http://proxy.corp:3128/');
    expect(route.variable).toBe('HTTPS_PROXY');
    expect(route.credentials).toEqual(expect.arrayContaining(['ops', 'pa%40ss', 'pa@ss']));
    expect(describeRoute(route)).toBe('via proxy http://proxy.corp:3128/ (HTTPS_PROXY)');
  });

  it('prefers the lower-case variable, as Node and curl do', () => {
    const route = routeFromEnv(
      { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' },
      twilio,
    );
    expect(route).toMatchObject({ proxy: 'http://lower:1/', variable: 'https_proxy' });
  });

  it('uses HTTP_PROXY only for plain http', () => {
    const env = { HTTP_PROXY: 'http://plain:8080' };
    expect(routeFromEnv(env, twilio)).toEqual({});
    expect(routeFromEnv(env, new URL('http://127.0.0.1:4000/x')).proxy).toBe('http://plain:8080/');
  });

  it('ignores proxies that are not http or https URLs', () => {
    expect(routeFromEnv({ HTTPS_PROXY: 'socks5://proxy:1080' }, twilio)).toEqual({});
    expect(routeFromEnv({ HTTPS_PROXY: 'proxy.corp:3128' }, twilio)).toEqual({});
  });

  it.each([
    ['*', true],
    ['api.twilio.com', true],
    ['API.Twilio.com', true],
    ['api.twilio.com:443', true],
    ['api.twilio.com:8443', false],
    ['.twilio.com', true],
    ['twilio.com', false],
    ['*.twilio.com', true],
    ['*.mailgun.net', false],
    ['example.com, api.twilio.com', true],
    ['localhost,127.0.0.1', false],
  ])('NO_PROXY=%j bypasses api.twilio.com: %s', (noProxy, bypassed) => {
    const route = routeFromEnv({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy }, twilio);
    expect(route.proxy === undefined).toBe(bypassed);
  });

  it('reads IPv4 ranges in NO_PROXY and no_proxy before NO_PROXY', () => {
    const target = new URL('http://127.0.0.1:4000/x');
    const env = { HTTP_PROXY: 'http://proxy:3128' };
    expect(routeFromEnv({ ...env, NO_PROXY: '127.0.0.0-127.0.0.255' }, target)).toEqual({});
    expect(routeFromEnv({ ...env, NO_PROXY: '10.0.0.0-10.0.0.255' }, target).proxy).toBeDefined();
    expect(
      routeFromEnv({ ...env, no_proxy: 'elsewhere', NO_PROXY: '127.0.0.1' }, target).proxy,
    ).toBeDefined();
  });
});

describe('routeOf', () => {
  it('is direct when the global agent carries no proxy settings (no NODE_USE_ENV_PROXY)', () => {
    // The test runner starts without NODE_USE_ENV_PROXY; the proxy itself is tested end to end in
    // packages/cli/src/proxy.test.ts, with child processes that start with it.
    expect(routeOf(twilio)).toEqual({});
    expect(describeRoute(routeOf('not a url'))).toBe('direct');
  });
});
