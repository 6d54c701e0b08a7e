// SMS Aero answers failures in its envelope `{ success: false, data, message }` (older gates:
// `{ result: "reject", reason }`, `{ result: "no credits" }`) and with HTTP statuses, never with
// error codes. Each answer below goes through the connector; the Logto code a user should see and
// the name the connector gives the case (`data.code`) are written out, never read from errors.ts.
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { recognise } from './errors.js';
import createConnector from './index.js';
import { validConfig } from './__fixtures__/configs.js';

/** One gate, so that an answer that would move on to the next gate (429, 5xx) is the last one. */
const gate = 'https://gate.smsaero.ru';
const config = { ...validConfig, endpoint: gate };

const failWith = async (status: number, body: string | Record<string, unknown>) => {
  nock(gate).post('/v2/sms/send').reply(status, body);
  const connector = await buildConnector(createConnector);
  const error = await failureOf(() =>
    connector.sendMessage(
      { to: '79990000000', type: 'SignIn' as never, payload: { code: '123456' } },
      config,
    ),
  );
  expect(findSecrets(error, [validConfig.apiKey], [validConfig.email])).toEqual([]);
  return error as { code: string; data: { code?: string; status?: number; message: string } };
};

const failed = (message: string, data: unknown = null) => ({ success: false, data, message });

describe('SMS Aero failures', () => {
  it.each([
    // Credentials.
    [200, failed('Your request was made with invalid credentials.'), 'invalid_config', 'auth'],
    [200, failed('incorrect user or password'), 'invalid_config', 'auth'],
    [200, failed('Неверный API ключ'), 'invalid_config', 'auth'],
    [401, failed('Your request was made with invalid credentials.'), 'invalid_config', 'auth'],
    // Balance.
    [200, { result: 'no credits' }, 'usage_limit_exceeded', 'no-credits'],
    [200, failed('no credits'), 'usage_limit_exceeded', 'no-credits'],
    [200, failed('Not enough money on the balance.'), 'usage_limit_exceeded', 'no-credits'],
    [200, failed('Недостаточно средств на балансе'), 'usage_limit_exceeded', 'no-credits'],
    // The number.
    [
      400,
      failed('Validation error.', { number: ['Invalid phone number.'] }),
      'invalid_request_parameters',
      'number',
    ],
    [200, failed('incorrect destination adress'), 'invalid_request_parameters', 'number'],
    // The sender name.
    [
      400,
      failed('Validation error.', { sign: ['Signature is not approved.'] }),
      'invalid_config',
      'sign',
    ],
    [200, failed('incorrect sender name'), 'invalid_config', 'sign'],
    [200, { result: 'reject', reason: 'incorrect sender name' }, 'invalid_config', 'sign'],
    // Throttling.
    [200, failed('Too many requests'), 'rate_limit_exceeded', 'rate-limit'],
    [429, failed('whatever'), 'rate_limit_exceeded', 'rate-limit'],
    // Nothing the connector names: the HTTP status decides.
    [503, failed('number queue is full'), 'general', undefined],
    [200, failed('Something else went wrong'), 'general', undefined],
    [200, failed('toString'), 'general', undefined],
    [500, '', 'general', undefined],
    // Not the envelope (a proxy's page, an empty body): named by the HTTP status alone.
    [401, '', 'invalid_config', undefined],
    [403, 'Forbidden', 'invalid_config', undefined],
    [402, '', 'usage_limit_exceeded', undefined],
  ] as const)('HTTP %i %j → %s (%s)', async (status, body, expected, name) => {
    const error = await failWith(status, body);
    expect(error.code).toBe(expected);
    expect(error.data).toMatchObject({ provider: 'smsaero', status });
    expect(error.data.code).toBe(name);
  });

  it.each([
    [200, failed('Your request was made with invalid credentials.'), /check email and apiKey/],
    [200, failed('Not enough money on the balance.'), /top up your SMS Aero balance/],
    [
      400,
      failed('Validation error.', { number: ['Invalid phone number.'] }),
      /cannot send to this number/,
    ],
    [
      400,
      failed('Validation error.', { sign: ['Signature is not approved.'] }),
      /sender name must be approved/,
    ],
    [200, failed('Too many requests'), /try again later/],
  ])('adds a hint to SMS Aero’s message (HTTP %i %j)', async (status, body, hint) => {
    expect((await failWith(status, body)).data.message).toMatch(hint);
  });
});

// The matcher alone, for the cases no HTTP answer reaches (a body the envelope guard does not
// read, no status at all).
describe('recognise', () => {
  it.each([
    [200, 'Your request was made with invalid credentials.', 'auth'],
    [200, 'incorrect user or password', 'auth'],
    [200, 'Неверный API ключ', 'auth'],
    [200, 'no credits', 'no-credits'],
    [200, 'Not enough money on the balance.', 'no-credits'],
    [200, 'Недостаточно средств на балансе', 'no-credits'],
    [400, 'Validation error. number: Invalid phone number.', 'number'],
    [200, 'incorrect destination adress', 'number'],
    [400, 'Validation error. sign: Signature is not approved.', 'sign'],
    [200, 'incorrect sender name', 'sign'],
    [200, 'Too many requests', 'rate-limit'],
    [429, 'whatever', 'rate-limit'],
    [401, '', 'auth'],
    [403, 'Forbidden', 'auth'],
    [402, '', 'no-credits'],
    [503, 'number queue is full', undefined],
    [200, 'Something else went wrong', undefined],
    [undefined, 'no credits', 'no-credits'],
  ])('HTTP %s "%s" → %s', (status, text, expected) => {
    expect(recognise(status, text)).toBe(expected);
  });
});

describe('wait hints', () => {
  it('keeps Retry-After of a 429 as retryAfter', async () => {
    nock(gate)
      .post('/v2/sms/send')
      .reply(
        429,
        { success: false, data: null, message: 'Too Many Requests' },
        { 'Retry-After': '30' },
      );
    const connector = await buildConnector(createConnector);
    const error = await failureOf(() =>
      connector.sendMessage(
        { to: '79990000000', type: 'SignIn' as never, payload: { code: '123456' } },
        config,
      ),
    );
    expect(error).toMatchObject({ code: 'rate_limit_exceeded', data: { retryAfter: 30 } });
  });
});
