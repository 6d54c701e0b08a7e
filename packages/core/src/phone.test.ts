import { ConnectorError } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { parsePhone } from './phone.js';

const us = {
  e164: '+14155550123',
  international: '14155550123',
  national: '4155550123',
  countryCallingCode: '1',
  country: 'US',
  // The US plan does not tell mobile from fixed-line numbers.
  type: 'FIXED_LINE_OR_MOBILE',
};

describe('parsePhone', () => {
  it('reads the digits Logto passes (country code, no +)', async () => {
    expect(await parsePhone('acme', '14155550123')).toEqual(us);
  });

  it.each([
    '+14155550123',
    '0014155550123',
    '+1 415 555 0123',
    '+1-415-555-0123',
    '1 (415) 555-0123',
    '+1.415.555.0123',
    '  14155550123  ',
  ])('accepts %j', async (raw) => {
    expect(await parsePhone('acme', raw)).toEqual(us);
  });

  it.each([
    ['8613800138000', 'CN', '86', '13800138000'],
    ['+86 138 0013 8000', 'CN', '86', '13800138000'],
    ['85291234567', 'HK', '852', '91234567'],
    ['442071838750', 'GB', '44', '2071838750'],
  ])('reads %s as a %s number', async (raw, country, countryCallingCode, national) => {
    expect(await parsePhone('acme', raw)).toMatchObject({ country, countryCallingCode, national });
  });

  it.each([
    ['an empty string', ''],
    ['letters', 'not a number'],
    ['digits mixed with letters', '1415555O123'],
    ['too few digits', '123'],
    ['a country code with too short a number', '1415555'],
    ['no valid country code', '99912345678'],
    ['a number too long', '141555501234567890'],
    ['a national China mobile without fallback country', '13800138000'],
    ['two plus signs', '++14155550123'],
  ])('rejects %s with invalid_request_parameters', async (_case, raw) => {
    let error: unknown;
    try {
      await parsePhone('acme', raw);
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: 'invalid_request_parameters',
      data: { provider: 'acme', message: expect.stringMatching(/not a valid phone number/) },
    });
  });

  describe('with fallbackCountry CN', () => {
    const options = { fallbackCountry: 'CN' } as const;

    it('reads an 11-digit mainland mobile stored without its country code as CN', async () => {
      expect(await parsePhone('aliyun', '13800138000', options)).toEqual({
        e164: '+8613800138000',
        international: '8613800138000',
        national: '13800138000',
        countryCallingCode: '86',
        country: 'CN',
        type: 'MOBILE',
      });
    });

    it('reads a number with the 86 country code as CN', async () => {
      expect(await parsePhone('aliyun', '8613800138000', options)).toMatchObject({
        country: 'CN',
        national: '13800138000',
      });
    });

    it('keeps a valid international number in its own country', async () => {
      expect(await parsePhone('aliyun', '14155550123', options)).toEqual(us);
      expect(await parsePhone('aliyun', '85291234567', options)).toMatchObject({
        country: 'HK',
        countryCallingCode: '852',
        e164: '+85291234567',
      });
    });

    it('does not fall back when the number says it is international (+ or 00)', async () => {
      await expect(parsePhone('aliyun', '+13800138000', options)).rejects.toThrow(ConnectorError);
      await expect(parsePhone('aliyun', '0013800138000', options)).rejects.toThrow(ConnectorError);
    });

    it('still rejects a number that is valid nowhere', async () => {
      await expect(parsePhone('aliyun', '12345', options)).rejects.toThrow(ConnectorError);
    });
  });
});
