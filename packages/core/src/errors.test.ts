import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import {
  classify,
  classifyStatus,
  connectorError,
  type ErrorData,
  type ErrorTable,
  usageLimitExceeded,
} from './errors.js';
import { createRedactor } from './redact.js';

const secret = 'sk_live_S3cr3t/Value+With=Chars';

/** Every text an error shows once it is logged, serialised or returned to a caller. */
const textsOf = (error: ConnectorError) => [
  JSON.stringify(error),
  JSON.stringify(error.data),
  inspect(error, { depth: Infinity, showHidden: true }),
  inspect(error.data, { depth: Infinity }),
  error.message,
  error.stack ?? '',
];

describe('classifyStatus', () => {
  it.each([
    [429, 'rate_limit_exceeded'],
    [401, 'invalid_config'],
    [403, 'invalid_config'],
    [402, 'usage_limit_exceeded'],
    [500, 'general'],
    [502, 'general'],
    [503, 'general'],
    [504, 'general'],
    [400, 'general'],
    [404, 'general'],
    [undefined, 'general'],
  ])('maps HTTP %s to %s', (status, code) => {
    expect(classifyStatus(status)).toBe(code);
  });

  it('uses usage_limit_exceeded when the installed connector-kit knows it', () => {
    expect(usageLimitExceeded).toBe(ConnectorErrorCodes.UsageLimitExceeded);
  });
});

describe('classify', () => {
  const table: ErrorTable = {
    'isv.BUSINESS_LIMIT_CONTROL': ConnectorErrorCodes.RateLimitExceeded,
    'isv.AMOUNT_NOT_ENOUGH': usageLimitExceeded,
    'isv.MOBILE_NUMBER_ILLEGAL': ConnectorErrorCodes.InvalidRequestParameters,
    InvalidAccessKeyId: ConnectorErrorCodes.InvalidConfig,
  };

  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', 200, 'rate_limit_exceeded'],
    ['isv.AMOUNT_NOT_ENOUGH', 200, 'usage_limit_exceeded'],
    ['isv.MOBILE_NUMBER_ILLEGAL', 400, 'invalid_request_parameters'],
    ['InvalidAccessKeyId', 404, 'invalid_config'],
  ])('maps the listed code %s (HTTP %i) to %s, ahead of the status', (code, status, expected) => {
    expect(classify(table, { code, status })).toBe(expected);
  });

  it.each([
    ['isv.UNLISTED', 429, 'rate_limit_exceeded'],
    ['isv.UNLISTED', 401, 'invalid_config'],
    ['isv.UNLISTED', 402, 'usage_limit_exceeded'],
    ['isv.UNLISTED', 500, 'general'],
    [undefined, 403, 'invalid_config'],
    [undefined, undefined, 'general'],
  ])('falls back on the status for code %s (HTTP %s): %s', (code, status, expected) => {
    expect(classify(table, { code, status })).toBe(expected);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'does not read the inherited property %s as a table entry',
    (code) => {
      expect(classify(table, { code, status: 429 })).toBe('rate_limit_exceeded');
    },
  );
});

describe('connectorError', () => {
  it('is a ConnectorError with the given code and the data fields', () => {
    const error = connectorError(ConnectorErrorCodes.RateLimitExceeded, {
      provider: 'acme',
      message: 'Too many requests',
      status: 429,
      code: 'E_LIMIT',
      requestId: 'req-1',
      details: { more_info: 'https://acme.example/docs/429', retryable: true, wait: 3 },
    });
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data).toEqual({
      provider: 'acme',
      message: 'Too many requests',
      status: 429,
      code: 'E_LIMIT',
      requestId: 'req-1',
      details: { more_info: 'https://acme.example/docs/429', retryable: true, wait: 3 },
    });
  });

  it('rebuilds data field by field, dropping keys it does not know', () => {
    const data = {
      provider: 'acme',
      message: 'failed',
      status: 500,
      headers: { authorization: `Bearer ${secret}` },
      url: `https://user:${secret}@api.acme.example/send`,
      cause: new Error(secret),
      response: { body: secret },
    } as unknown as ErrorData;
    const error = connectorError(ConnectorErrorCodes.General, data);
    expect(Object.keys(error.data as object).sort()).toEqual(['message', 'provider', 'status']);
    for (const text of textsOf(error)) expect(text).not.toContain(secret);
  });

  it('leaves out optional fields that were not given', () => {
    const error = connectorError(ConnectorErrorCodes.General, { provider: 'acme', message: 'x' });
    expect(error.data).toEqual({ provider: 'acme', message: 'x' });
  });

  it('clips long strings to 500 characters and marks the cut', () => {
    const long = 'a'.repeat(2000);
    const error = connectorError(ConnectorErrorCodes.General, {
      provider: 'acme',
      message: long,
      code: long,
      requestId: long,
      details: { sub_msg: long },
    });
    const data = error.data as Required<ErrorData>;
    for (const value of [data.message, data.code, data.requestId, data.details.sub_msg]) {
      expect(value).toBe(`${'a'.repeat(500)}…`);
    }
    expect(
      connectorError(ConnectorErrorCodes.General, { provider: 'acme', message: 'a'.repeat(500) })
        .data,
    ).toMatchObject({ message: 'a'.repeat(500) });
  });

  it('redacts before clipping, so a secret cut in half at the limit cannot survive', () => {
    const message = `${'x'.repeat(490)}${secret}`;
    const error = connectorError(
      ConnectorErrorCodes.General,
      { provider: 'acme', message },
      createRedactor([secret]),
    );
    expect((error.data as ErrorData).message).toBe(`${'x'.repeat(490)}[redacted]`);
    expect(JSON.stringify(error)).not.toContain(secret.slice(0, 10));
  });

  it('redacts every string field, and the error holds no secret however it is shown', () => {
    const base64 = Buffer.from(secret).toString('base64');
    const error = connectorError(
      ConnectorErrorCodes.InvalidConfig,
      {
        provider: 'acme',
        message: `Authentication failed for key ${secret}`,
        status: 401,
        code: `bad_key_${encodeURIComponent(secret)}`,
        requestId: `req-${base64}`,
        details: { echo: `Basic ${base64}`, hint: secret, count: 2 },
      },
      createRedactor([secret]),
    );
    expect(error.data).toEqual({
      provider: 'acme',
      message: 'Authentication failed for key [redacted]',
      status: 401,
      code: 'bad_key_[redacted]',
      requestId: 'req-[redacted]',
      details: { echo: 'Basic [redacted]', hint: '[redacted]', count: 2 },
    });
    for (const text of textsOf(error)) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
      expect(text).not.toContain(base64);
    }
  });

  it('shows the secret when no redactor is given (the check above can fail)', () => {
    const error = connectorError(ConnectorErrorCodes.General, {
      provider: 'acme',
      message: `key ${secret}`,
    });
    expect(textsOf(error).every((text) => text.includes(secret))).toBe(true);
  });
});
