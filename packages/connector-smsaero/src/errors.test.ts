import { ConnectorErrorCodes } from '@logto/connector-kit';
import { classify, usageLimitExceeded } from '@switchboard/core';
import { describe, expect, it } from 'vitest';

import { recognise, smsAeroErrors, smsAeroHints } from './errors.js';

describe('smsAeroErrors', () => {
  it.each([
    ['auth', ConnectorErrorCodes.InvalidConfig],
    ['sign', ConnectorErrorCodes.InvalidConfig],
    ['no-credits', usageLimitExceeded],
    ['number', ConnectorErrorCodes.InvalidRequestParameters],
    ['rate-limit', ConnectorErrorCodes.RateLimitExceeded],
  ])('%s → %s', (code, expected) => {
    expect(classify(smsAeroErrors, { code, status: 200 })).toBe(expected);
    expect(smsAeroHints[code as keyof typeof smsAeroHints]).toBeTruthy();
  });

  it('falls back on the HTTP status for a failure it does not name', () => {
    expect(classify(smsAeroErrors, { status: 500 })).toBe(ConnectorErrorCodes.General);
    expect(classify(smsAeroErrors, { code: 'toString', status: 500 })).toBe(
      ConnectorErrorCodes.General,
    );
  });
});

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
