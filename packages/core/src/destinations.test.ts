import { getCountries } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  checkDestination,
  destinationFields,
  destinationRefusal,
  destinationRegion,
  isCountryCode,
  maskPhone,
} from './destinations.js';
import { parsePhone } from './phone.js';

const guard = z.object(destinationFields);
const phone = async (digits: string) => parsePhone('acme', digits);
const refusal = async (rules: z.input<typeof guard>, digits: string) => {
  try {
    checkDestination('acme', guard.parse(rules), await phone(digits));
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
    [{ allowedCountries: '01' }, 'allowedCountries'],
    [{ allowedCountries: 'INTL' }, 'allowedCountries'],
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
  it('lets mobile, fixed-line-or-mobile and VoIP numbers through by default', async () => {
    expect(await refusal({}, '4915123456789')).toBeUndefined(); // DE mobile
    expect(await refusal({}, '14155550123')).toBeUndefined(); // US fixed line or mobile
    expect(await refusal({}, '5511987654321')).toBeUndefined(); // BR mobile
    expect(await refusal({}, '445612345678')).toBeUndefined(); // UK VoIP (056)
  });

  it('refuses countries outside the allow-list and inside the block-list', async () => {
    expect(await refusal({ allowedCountries: ['US', 'CA'] }, '14165550123')).toBeUndefined(); // CA
    expect((await refusal({ allowedCountries: ['US'] }, '5511987654321'))?.data.message).toBe(
      'refused to send to +55•••••••••21: its country BR is not in allowedCountries; add BR to allowedCountries to send there',
    );
    expect((await refusal({ blockedCountries: ['BR'] }, '5511987654321'))?.code).toBe(
      'invalid_request_parameters',
    );
  });

  it('refuses the number types in blockedNumberTypes, naming the type', async () => {
    expect((await refusal({}, '449012345678'))?.data.message).toContain(
      'it is a premium-rate number (PREMIUM_RATE)',
    );
    expect((await refusal({}, '33899123456'))?.data.message).toContain('(PREMIUM_RATE)');
    expect((await refusal({}, '33810123456'))?.data.message).toContain('(SHARED_COST)');
    expect(await refusal({ blockedNumberTypes: 'NONE' }, '449012345678')).toBeUndefined();
    expect(
      (await refusal({ blockedNumberTypes: ['TOLL_FREE'] }, '18002530000'))?.data.message,
    ).toContain('a toll-free number (TOLL_FREE)');
  });

  it('refuses numbers of no country by default; allowedCountries 001 allows them', async () => {
    // Iridium, Inmarsat, international freephone, international premium rate.
    for (const digits of ['881612345678', '870772001234', '80012345678', '979123456789']) {
      expect((await phone(digits)).country, digits).toBeUndefined();
      expect((await refusal({}, digits))?.code, digits).toBe('invalid_request_parameters');
    }
    expect((await refusal({}, '881612345678'))?.data.message).toBe(
      'refused to send to +881•••••••78: +881 numbers belong to no country (international networks, satellite phones, international freephone and premium rate), where SMS pumping sends codes; add 001 to allowedCountries to send there',
    );
    // An allow-list without 001 names 001 too, not a country the number does not have.
    expect((await refusal({ allowedCountries: 'US' }, '870772001234'))?.data.message).toContain(
      'add 001 to allowedCountries',
    );
    expect(await refusal({ allowedCountries: '001' }, '881612345678')).toBeUndefined();
    expect(await refusal({ allowedCountries: ['us', '001'] }, '80012345678')).toBeUndefined();
    expect(await refusal({ allowedCountries: '001' }, '14155550123')).toBeDefined();
    // The number-type rule still applies: +979 is premium rate.
    expect((await refusal({ allowedCountries: '001' }, '979123456789'))?.data.message).toContain(
      '(PREMIUM_RATE)',
    );
    expect(
      await refusal({ allowedCountries: '001, DE', blockedCountries: '001' }, '881612345678'),
    ).toBeDefined();
  });

  it('exports the rule for other components: the region and the refusal without throwing', async () => {
    expect(destinationRegion(await phone('881612345678'))).toBe('001');
    expect(destinationRegion(await phone('4915123456789'))).toBe('DE');
    const rules = guard.parse({ allowedCountries: 'DE' });
    expect(destinationRefusal(rules, await phone('4915123456789'))).toBeUndefined();
    expect(destinationRefusal(rules, await phone('14155550123'))).toBe(
      'refused to send to +1••••••••23: its country US is not in allowedCountries; add US to allowedCountries to send there',
    );
  });

  it('masks the number: country code and the last two digits', async () => {
    expect(maskPhone(await phone('449012345678'))).toBe('+44••••••••78');
    expect(maskPhone(await phone('8613800138000'))).toBe('+86•••••••••00');
  });
});
