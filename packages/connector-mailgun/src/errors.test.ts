import { describe, expect, it } from 'vitest';

import { classifyMailgun, mailgunErrors, mailgunHints } from './errors.js';

describe('mailgun error table', () => {
  it.each(Object.entries(mailgunErrors).map(([status, code]) => [Number(status), code]))(
    'HTTP %i → %s',
    (status, code) => {
      expect(classifyMailgun({ status })).toBe(code);
    },
  );

  it.each([
    [400, 'invalid_request_parameters'],
    [401, 'invalid_config'],
    [403, 'invalid_config'],
    [404, 'invalid_config'],
    [429, 'rate_limit_exceeded'],
    [500, 'general'],
    [503, 'general'],
    [413, 'general'],
    [undefined, 'general'],
  ])('classifies HTTP %s as %s', (status, code) => {
    expect(classifyMailgun(status === undefined ? {} : { status })).toBe(code);
  });

  it.each([401, 403, 404])('has a hint that names the region for HTTP %i', (status) => {
    expect(mailgunHints[status]).toMatch(/region/);
  });
});
