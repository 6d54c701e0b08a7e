import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import {
  type ConnectorConfigFormItem,
  ConnectorConfigFormItemType,
  ConnectorError,
  ConnectorErrorCodes,
} from '@logto/connector-kit';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { declareClient, secretsOf, withHint } from './client.js';
import { definedFields } from './objects.js';
import { failureOf } from './testing/index.js';

const formItems: ConnectorConfigFormItem[] = [
  { key: 'accountId', label: 'Account', type: ConnectorConfigFormItemType.Text, required: true },
  {
    key: 'token',
    label: 'Token',
    type: ConnectorConfigFormItemType.Text,
    required: true,
    isConfidential: true,
  },
  {
    key: 'spareToken',
    label: 'Spare token',
    type: ConnectorConfigFormItemType.Text,
    required: false,
    isConfidential: true,
  },
];

const config = { accountId: 'AC-public-1', token: 'tok-9f8e7d6c5b4a', timeout: 2000 };

const rejectionOf = async (promise: Promise<unknown>): Promise<ConnectorError> => {
  const error = await failureOf(async () => promise);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
};

describe('withHint', () => {
  it('adds the hint in brackets, or stands alone without a message', () => {
    expect(withHint('Authenticate', 'check the token')).toBe('Authenticate (check the token)');
    expect(withHint('Authenticate', undefined)).toBe('Authenticate');
    expect(withHint(undefined, 'check the token')).toBe('check the token');
    expect(withHint(undefined, undefined)).toBeUndefined();
  });
});

describe('definedFields', () => {
  it('drops undefined fields and keeps every other value', () => {
    expect(definedFields({ a: 1, b: undefined, c: '', d: 0, e: null, f: false })).toEqual({
      a: 1,
      c: '',
      d: 0,
      e: null,
      f: false,
    });
    expect(Object.keys(definedFields({ a: undefined }))).toEqual([]);
  });
});

describe('secretsOf', () => {
  it('lists the set values of the confidential form items only', () => {
    expect(secretsOf(formItems, config)).toEqual(['tok-9f8e7d6c5b4a']);
    expect(secretsOf(formItems, { ...config, spareToken: 'spare-0123' })).toEqual([
      'tok-9f8e7d6c5b4a',
      'spare-0123',
    ]);
    expect(secretsOf(formItems, { accountId: 'x', token: '', spareToken: 42 })).toEqual([]);
  });
});

describe('declareClient', () => {
  const errors = {
    '20003': ConnectorErrorCodes.InvalidConfig,
    '21211': ConnectorErrorCodes.InvalidRequestParameters,
  };
  const clientFor = declareClient({
    provider: 'acme',
    formItems,
    errors,
    hints: { '20003': 'check token' },
    readFailure: (body) => {
      const parsed = z.object({ code: z.number(), message: z.string() }).safeParse(body);
      return parsed.success
        ? { code: String(parsed.data.code), message: parsed.data.message }
        : undefined;
    },
  });
  const guard = z.object({ ok: z.boolean() });

  it('maps a code of its table, adds that code’s hint and hides the confidential values', async () => {
    nock('https://api.acme.test')
      .post('/send')
      .reply(401, { code: 20003, message: 'Authenticate: token tok-9f8e7d6c5b4a refused' });
    const error = await rejectionOf(
      clientFor(config).request({ url: 'https://api.acme.test/send', json: {}, guard }),
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toEqual({
      provider: 'acme',
      status: 401,
      code: '20003',
      message: 'Authenticate: token [redacted] refused (check token)',
    });
    expect(inspect(error, { depth: Infinity })).not.toContain('tok-9f8e7d6c5b4a');
  });

  it('gives a code without a hint the provider’s message alone', async () => {
    nock('https://api.acme.test').post('/send').reply(400, { code: 21211, message: 'Invalid To' });
    const error = await rejectionOf(
      clientFor(config).request({ url: 'https://api.acme.test/send', json: {}, guard }),
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect((error.data as { message: string }).message).toBe('Invalid To');
  });

  it('takes no hint from what every object inherits', () => {
    const error = clientFor(config).fail({ code: 'constructor', message: 'Odd' });
    expect((error.data as { message: string }).message).toBe('Odd');
  });

  it('adds the hint to a failure found in a successful answer too', () => {
    const error = clientFor(config).fail({ code: '20003', message: 'Denied' });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toMatchObject({ code: '20003', message: 'Denied (check token)' });
  });

  it('reuses the client of a config object and builds one for another config', () => {
    const first = clientFor(config);
    expect(clientFor(config)).toBe(first);
    expect(clientFor({ ...config })).not.toBe(first);
    expect(clientFor(config, 500)).not.toBe(first);
  });

  it('keeps the client of a shorter limit while the same limit comes again; a limit no shorter is the config’s own', () => {
    // The config's own limit is 2000 ms.
    const own = clientFor(config);
    const budget = clientFor(config, 1500);
    expect(budget).not.toBe(own);
    expect(clientFor(config, 1500)).toBe(budget);
    expect(clientFor(config, 1000)).not.toBe(budget);
    expect(clientFor(config, 2000)).toBe(own);
    expect(clientFor(config, 15_000)).toBe(own);
  });

  it('takes the config’s timeout, then the declared default', async () => {
    // A server that takes the request and never answers.
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
    try {
      const slow = declareClient({ provider: 'acme', formItems, defaultTimeoutMs: 300 });
      const messageFor = async (timeout?: number) =>
        (
          (
            await rejectionOf(
              slow({ token: 'tok-1234', timeout }).request({ url, json: {}, guard }),
            )
          ).data as { message: string }
        ).message;
      expect(await messageFor()).toBe(
        'acme did not answer within 300 ms; the request may still have been processed',
      );
      expect(await messageFor(200)).toBe(
        'acme did not answer within 200 ms; the request may still have been processed',
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  describe('one hook reads a failure from any answer', () => {
    // On a 2xx the hook reads what the request's guard accepted.
    const ok = z.object({ ok: z.boolean(), code: z.string().optional() });
    const statusful = declareClient({
      provider: 'acme',
      formItems,
      errors,
      hints: { '20003': 'check token' },
      readFailure: (body, status) => {
        const parsed = z.object({ ok: z.boolean(), code: z.string().optional() }).safeParse(body);
        if (!parsed.success || parsed.data.ok) return undefined;
        return status === 200 && parsed.data.code === 'spare'
          ? { code: 'spare', message: 'Spare refused', hint: 'its own hint' }
          : { code: parsed.data.code, message: 'Refused' };
      },
    });

    it('throws a "200 but failed" answer, classified and hinted like an error status', async () => {
      nock('https://api.acme.test').post('/send').reply(200, { ok: false, code: '20003' });
      const error = await rejectionOf(
        statusful(config).request({ url: 'https://api.acme.test/send', json: {}, guard: ok }),
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
      expect(error.data).toEqual({
        provider: 'acme',
        status: 200,
        code: '20003',
        message: 'Refused (check token)',
      });
    });

    it('returns a 2xx answer the hook reads no failure in', async () => {
      nock('https://api.acme.test').post('/send').reply(200, { ok: true });
      const { body } = await statusful(config).request({
        url: 'https://api.acme.test/send',
        json: {},
        guard: ok,
      });
      expect(body).toEqual({ ok: true });
    });

    it('takes the hint the hook gives over the table', async () => {
      nock('https://api.acme.test').post('/send').reply(200, { ok: false, code: 'spare' });
      const error = await rejectionOf(
        statusful(config).request({ url: 'https://api.acme.test/send', json: {}, guard: ok }),
      );
      expect((error.data as { message: string }).message).toBe('Spare refused (its own hint)');
    });

    it('fail() hides the call’s own secrets with its redactor, and takes a known code', () => {
      const error = statusful(config).fail(
        {
          message: 'code auth-0123456789 and tok-9f8e7d6c5b4a refused',
          details: { step: 'token' },
        },
        {
          redact: (text) => text.replaceAll('auth-0123456789', '[call secret]'),
          code: ConnectorErrorCodes.InvalidResponse,
        },
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
      expect(error.data).toEqual({
        provider: 'acme',
        message: 'code [call secret] and [redacted] refused',
        details: { step: 'token' },
      });
    });
  });
});
