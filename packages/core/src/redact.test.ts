import { describe, expect, it, vi } from 'vitest';

import { createRedactor } from './redact.js';

const secret = 'sk_live_S3cr3t/Value+With=Chars';

describe('createRedactor', () => {
  const redact = createRedactor([secret]);

  it.each([
    ['raw', secret],
    ['URL-encoded', encodeURIComponent(secret)],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
  ])('blanks out the %s form inside a longer text', (_form, text) => {
    const result = redact(`provider said: key=${text}; please check`);
    expect(result).toBe('provider said: key=[redacted]; please check');
  });

  it('blanks out a secret with spaces in its form-encoded (+) form', () => {
    const withSpace = createRedactor(['pass word here']);
    expect(withSpace('password=pass+word+here&x=1')).toBe('password=[redacted]&x=1');
    expect(withSpace('password=pass%20word%20here')).toBe('password=[redacted]');
  });

  it('blanks out every occurrence of every secret', () => {
    const both = createRedactor(['first-secret', undefined, 'second-secret', '']);
    expect(both('first-secret second-secret first-secret')).toBe(
      '[redacted] [redacted] [redacted]',
    );
  });

  it('asks for secrets given as a function only when it first redacts, once', () => {
    const secrets = vi.fn(() => ['late-secret-value']);
    const late = createRedactor(secrets);
    expect(secrets).not.toHaveBeenCalled();
    expect(late('a late-secret-value here')).toBe('a [redacted] here');
    expect(late('and late-secret-value again')).toBe('and [redacted] again');
    expect(secrets).toHaveBeenCalledTimes(1);
  });

  it('leaves text without secrets unchanged', () => {
    expect(redact('Invalid phone number 14155550123')).toBe('Invalid phone number 14155550123');
    expect(createRedactor([])('anything at all')).toBe('anything at all');
    expect(createRedactor([undefined, ''])('anything at all')).toBe('anything at all');
  });
});
