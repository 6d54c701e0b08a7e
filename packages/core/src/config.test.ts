import { inspect } from 'node:util';

import { ConnectorError } from '@logto/connector-kit';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import {
  defaultTimeoutMs,
  endpointGuard,
  lazyGuard,
  optionalText,
  parseConfig,
  resolveConfig,
  timeoutGuard,
} from './config.js';

const failureOf = (call: () => unknown): ConnectorError => {
  try {
    call();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected the call to throw');
};

const messageOf = (error: ConnectorError) => (error.data as { message: string }).message;

describe('endpointGuard', () => {
  it.each([
    ['https://api.mailgun.net', 'https://api.mailgun.net'],
    ['https://api.mailgun.net/', 'https://api.mailgun.net'],
    ['https://proxy.example.com/mailgun/v3//', 'https://proxy.example.com/mailgun/v3'],
    ['  https://api.eu.mailgun.net/  ', 'https://api.eu.mailgun.net'],
    ['https://proxy.example.com:8443/sms', 'https://proxy.example.com:8443/sms'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/api/', 'http://localhost:4010/api'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('accepts %s as %s', (input, expected) => {
    expect(endpointGuard.parse(input)).toBe(expected);
  });

  it.each([
    ['plain http to a public host', 'http://api.mailgun.net', /must use https/],
    ['plain http to a host named like loopback', 'http://localhost.evil.example', /must use https/],
    ['plain http to a host starting with 127', 'http://127.0.0.1.evil.example', /must use https/],
    ['another scheme', 'ftp://api.mailgun.net', /must use https/],
    ['a user name', 'https://api@api.mailgun.net', /credentials/],
    ['a user and password', 'https://api:key-123@api.mailgun.net', /credentials/],
    ['a password alone', 'https://:key-123@api.mailgun.net', /credentials/],
    ['a query', 'https://api.mailgun.net/v3?key=1', /query or fragment/],
    ['a fragment', 'https://api.mailgun.net/v3#top', /query or fragment/],
    ['a host without scheme', 'api.mailgun.net', /absolute URL/],
    ['a relative path', '/v3/messages', /absolute URL/],
    ['an empty string', '', /absolute URL/],
  ])('rejects %s', (_case, input, message) => {
    const result = endpointGuard.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });

  it('parses a lookalike URL by its real host, not by the text it ends with', () => {
    const value = endpointGuard.parse('https://evil.example/.mailgun.net');
    expect(value).toBe('https://evil.example/.mailgun.net');
    expect(new URL(value).hostname).toBe('evil.example');
  });
});

describe('timeoutGuard', () => {
  it.each([100, 200, defaultTimeoutMs, 60_000])('accepts %i ms', (value) => {
    expect(timeoutGuard.parse(value)).toBe(value);
  });

  it.each([
    [99, /at least 100/],
    [0, /at least 100/],
    [-5000, /at least 100/],
    [60_001, /at most 60000/],
    [1500.5, /whole number/],
  ])('rejects %s', (value, message) => {
    const result = timeoutGuard.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('rejects a number given as text', () => {
    expect(timeoutGuard.safeParse('5000').success).toBe(false);
  });

  it('defaults to ten seconds', () => {
    expect(defaultTimeoutMs).toBe(10_000);
  });
});

describe('optionalText', () => {
  it.each([
    ['', undefined],
    ['   ', undefined],
    ['\t\n', undefined],
    [undefined, undefined],
    ['sender', 'sender'],
    ['  Acme Inc  ', 'Acme Inc'],
  ])('reads %j as %j', (input, expected) => {
    expect(optionalText.parse(input)).toBe(expected);
  });

  it('lets an empty field count as missing inside an object', () => {
    const guard = z.object({ senderName: optionalText });
    expect(guard.parse({ senderName: '' })).toEqual({ senderName: undefined });
    expect(guard.parse({})).toEqual({ senderName: undefined });
  });

  it('rejects a value that is not text', () => {
    expect(optionalText.safeParse(42).success).toBe(false);
  });
});

describe('parseConfig', () => {
  const guard = z.object({
    apiKey: z.string().min(1),
    domain: z.string(),
    endpoint: endpointGuard.optional(),
    timeout: timeoutGuard.default(defaultTimeoutMs),
    templates: z.array(z.object({ usageType: z.string(), content: z.string().min(1) })),
  });
  const valid = {
    apiKey: 'key-0123456789abcdef',
    domain: 'mg.example.com',
    templates: [{ usageType: 'Generic', content: 'Code {{code}}' }],
  };

  it('returns the parsed config with defaults and transforms applied', () => {
    expect(
      parseConfig('acme', guard, { ...valid, endpoint: 'https://proxy.example.com/' }),
    ).toEqual({ ...valid, endpoint: 'https://proxy.example.com', timeout: 10_000 });
  });

  it('throws invalid_config naming the field path in plain words', () => {
    const error = failureOf(() =>
      parseConfig('acme', guard, {
        ...valid,
        timeout: 5,
        templates: [{ usageType: 'Generic', content: '' }],
      }),
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data).toMatchObject({ provider: 'acme' });
    const message = messageOf(error);
    expect(message).toMatch(/^invalid config: /);
    expect(message).toContain('timeout: timeout must be at least 100 ms');
    expect(message).toContain('templates[0].content:');
  });

  it('names a missing field', () => {
    const { apiKey: _apiKey, ...withoutKey } = valid;
    expect(messageOf(failureOf(() => parseConfig('acme', guard, withoutKey)))).toMatch(
      /apiKey: Required/,
    );
  });

  it('answers an empty or absent config with invalid_config', () => {
    expect(failureOf(() => parseConfig('acme', guard, {})).code).toBe('invalid_config');
    expect(failureOf(() => parseConfig('acme', guard, undefined)).code).toBe('invalid_config');
  });

  it('never echoes a value, even a secret pasted into the wrong field', () => {
    const secret = 'key-3ad8e1c6d5f04b2a9e7c1f0d2b4a6c8e';
    const error = failureOf(() =>
      parseConfig('acme', guard, {
        ...valid,
        // A secret in fields of the wrong type, and in a field that must be an https URL.
        apiKey: { value: secret },
        domain: [secret],
        timeout: secret,
        endpoint: `http://api:${secret}@api.mailgun.net`,
      }),
    );
    const message = messageOf(error);
    expect(message).toContain('apiKey:');
    expect(message).toContain('domain:');
    expect(message).toContain('timeout:');
    expect(message).toContain('endpoint:');
    for (const text of [
      message,
      JSON.stringify(error),
      inspect(error, { depth: Infinity, showHidden: true }),
    ]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('3ad8e1c6');
    }
  });
});

describe('lazyGuard', () => {
  it('builds its schema on the first parse, once', () => {
    const build = vi.fn(() => z.object({ apiKey: z.string().min(1) }));
    const guard = lazyGuard(build);
    expect(build).not.toHaveBeenCalled();
    expect(guard.safeParse({ apiKey: 'key-1' }).success).toBe(true);
    expect(guard.safeParse({ apiKey: '' }).success).toBe(false);
    expect(guard.optional().safeParse(undefined).success).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('reports the built schema’s issues and output', () => {
    const guard = lazyGuard(() => z.object({ timeout: timeoutGuard.default(defaultTimeoutMs) }));
    expect(guard.parse({})).toEqual({ timeout: 10_000 });
    expect(messageOf(failureOf(() => parseConfig('acme', guard, { timeout: 5 })))).toBe(
      'invalid config: timeout: timeout must be at least 100 ms',
    );
  });
});

describe('parseConfig: the last accepted config', () => {
  const counted = () => {
    const checks = vi.fn();
    const guard = z
      .object({ apiKey: z.string().min(1), region: z.enum(['us', 'eu']).default('us') })
      .superRefine(() => {
        checks();
      });
    return { checks, guard };
  };

  it('is not parsed again when the same config comes back, even as a new object', () => {
    const { checks, guard } = counted();
    const first = parseConfig('acme', guard, { apiKey: 'key-1' });
    const again = parseConfig('acme', guard, { apiKey: 'key-1' });
    expect(first).toEqual({ apiKey: 'key-1', region: 'us' });
    expect(again).toBe(first);
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('is parsed again when any value changes', () => {
    const { checks, guard } = counted();
    parseConfig('acme', guard, { apiKey: 'key-1' });
    expect(parseConfig('acme', guard, { apiKey: 'key-2' })).toEqual({
      apiKey: 'key-2',
      region: 'us',
    });
    expect(parseConfig('acme', guard, { apiKey: 'key-2', region: 'eu' })).toEqual({
      apiKey: 'key-2',
      region: 'eu',
    });
    expect(checks).toHaveBeenCalledTimes(3);
  });

  it('never stands in for a config that fails', () => {
    const { guard } = counted();
    parseConfig('acme', guard, { apiKey: 'key-1' });
    expect(failureOf(() => parseConfig('acme', guard, { apiKey: '' })).code).toBe('invalid_config');
    expect(failureOf(() => parseConfig('acme', guard, { apiKey: '' })).code).toBe('invalid_config');
    expect(parseConfig('acme', guard, { apiKey: 'key-1' })).toEqual({
      apiKey: 'key-1',
      region: 'us',
    });
  });

  it('is kept per guard', () => {
    const one = counted();
    const two = counted();
    parseConfig('acme', one.guard, { apiKey: 'key-1' });
    parseConfig('acme', two.guard, { apiKey: 'key-1' });
    expect(one.checks).toHaveBeenCalledTimes(1);
    expect(two.checks).toHaveBeenCalledTimes(1);
  });
});

describe('resolveConfig', () => {
  const guard = z.object({ apiKey: z.string(), timeout: timeoutGuard.default(defaultTimeoutMs) });

  it('uses the unsaved config the Console passes, without reading the stored one', async () => {
    const getConfig = vi.fn(async () => ({ apiKey: 'stored' }));
    await expect(
      resolveConfig('acme', guard, getConfig, 'connector-id', { apiKey: 'unsaved' }),
    ).resolves.toEqual({ apiKey: 'unsaved', timeout: 10_000 });
    expect(getConfig).not.toHaveBeenCalled();
  });

  it('reads the stored config by connector id when nothing is passed', async () => {
    const getConfig = vi.fn(async () => ({ apiKey: 'stored', timeout: 3000 }));
    await expect(resolveConfig('acme', guard, getConfig, 'connector-id')).resolves.toEqual({
      apiKey: 'stored',
      timeout: 3000,
    });
    expect(getConfig).toHaveBeenCalledWith('connector-id');
  });

  it('validates whichever config it uses', async () => {
    const getConfig = vi.fn(async () => ({ apiKey: 'stored' }));
    await expect(
      resolveConfig('acme', guard, getConfig, 'connector-id', { apiKey: 1 }),
    ).rejects.toMatchObject({ code: 'invalid_config' });
    await expect(
      resolveConfig('acme', guard, async () => ({}), 'connector-id'),
    ).rejects.toMatchObject({ code: 'invalid_config' });
  });
});

describe('regressions', () => {
  it('never repeats the received value of an enum field', () => {
    const error = failureOf(() =>
      parseConfig('acme', z.object({ region: z.enum(['us', 'eu']) }), {
        region: 'key-SECRET123456',
      }),
    );
    expect(messageOf(error)).toBe('invalid config: region: must be one of "us", "eu"');
    expect(JSON.stringify(error)).not.toContain('SECRET123456');
  });

  it.each(['https://api.example.com/v3?', 'https://api.example.com/v3#'])(
    'rejects %s, whose empty query or fragment would swallow the path appended to it',
    (endpoint) => {
      expect(endpointGuard.safeParse(endpoint).success).toBe(false);
    },
  );
});
