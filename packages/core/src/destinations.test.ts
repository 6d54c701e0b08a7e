import { getCountries } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { checkDestination, destinationFields, isCountryCode, maskPhone } from './destinations.js';
import { parsePhone } from './phone.js';

const guard = z.object(destinationFields);
const phone = (digits: string) => parsePhone('acme', digits);
const refusal = (rules: z.input<typeof guard>, digits: string) => {
  try {
    checkDestination('acme', guard.parse(rules), phone(digits));
  } catch (error: unknown) {
    return error as { code: string; data: { provider: string; message: string } };
  }
  return undefined;
};

describe('destination fields', () => {
  it('read a JSON list or the Console’s comma-separated text, in any case, once each', () => {
    expect(
      guard.parse({ allowedCountries: ['us', ' CA '], blockedCountries: 'de, FR;de' }),
    ).toEqual({
      allowedCountries: ['US', 'CA'],
      blockedCountries: ['DE', 'FR'],
      blockedNumberTypes: ['PREMIUM_RATE', 'SHARED_COST'],
    });
  });

  it('default to refusing premium-rate and shared-cost numbers only; NONE refuses no type', () => {
    expect(guard.parse({})).toEqual({ blockedNumberTypes: ['PREMIUM_RATE', 'SHARED_COST'] });
    expect(guard.parse({ blockedNumberTypes: [] }).blockedNumberTypes).toEqual([
      'PREMIUM_RATE',
      'SHARED_COST',
    ]);
    expect(guard.parse({ blockedNumberTypes: 'none' }).blockedNumberTypes).toEqual([]);
    expect(guard.parse({ blockedNumberTypes: 'toll_free, VOIP' }).blockedNumberTypes).toEqual([
      'TOLL_FREE',
      'VOIP',
    ]);
  });

  it.each([
    [{ allowedCountries: ['USA'] }, 'allowedCountries'],
    [{ blockedCountries: 'XX' }, 'blockedCountries'],
    [{ allowedCountries: [1] }, 'allowedCountries'],
    [{ blockedNumberTypes: 'PREMIUM' }, 'blockedNumberTypes'],
  ])('refuse %j, naming the field', (config, field) => {
    const result = guard.safeParse(config);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('know every country the phone metadata numbers, and no made-up one', () => {
    for (const country of getCountries()) expect(isCountryCode(country), country).toBe(true);
    for (const code of ['XX', 'EU', 'UK', 'us', '']) expect(isCountryCode(code), code).toBe(false);
  });
});

describe('checkDestination', () => {
  it('lets mobile, fixed-line-or-mobile and VoIP numbers through by default', () => {
    expect(refusal({}, '4915123456789')).toBeUndefined(); // DE mobile
    expect(refusal({}, '14155550123')).toBeUndefined(); // US fixed line or mobile
    expect(refusal({}, '5511987654321')).toBeUndefined(); // BR mobile
    expect(refusal({}, '445612345678')).toBeUndefined(); // UK VoIP (056)
  });

  it('refuses countries outside the allow-list and inside the block-list', () => {
    expect(refusal({ allowedCountries: ['US', 'CA'] }, '14165550123')).toBeUndefined(); // CA
    expect(refusal({ allowedCountries: ['US'] }, '5511987654321')?.data.message).toBe(
      'refused to send to +55•••••••••21: its country BR is not in allowedCountries; add BR to allowedCountries to send there',
    );
    expect(refusal({ blockedCountries: ['BR'] }, '5511987654321')?.code).toBe(
      'invalid_request_parameters',
    );
  });

  it('refuses the number types in blockedNumberTypes, naming the type', () => {
    expect(refusal({}, '449012345678')?.data.message).toContain(
      'it is a premium-rate number (PREMIUM_RATE)',
    );
    expect(refusal({}, '33899123456')?.data.message).toContain('(PREMIUM_RATE)');
    expect(refusal({}, '33810123456')?.data.message).toContain('(SHARED_COST)');
    expect(refusal({ blockedNumberTypes: 'NONE' }, '449012345678')).toBeUndefined();
    expect(refusal({ blockedNumberTypes: ['TOLL_FREE'] }, '18002530000')?.data.message).toContain(
      'a toll-free number (TOLL_FREE)',
    );
  });

  it('masks the number: country code and the last two digits', () => {
    expect(maskPhone(phone('449012345678'))).toBe('+44••••••••78');
    expect(maskPhone(phone('8613800138000'))).toBe('+86•••••••••00');
  });
});
