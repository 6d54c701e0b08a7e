import { ConnectorErrorCodes } from '@logto/connector-kit';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';

import type * as PhoneMetadata from './phone-metadata.js';

import { connectorError } from './errors.js';

/** What the phone metadata says a number is (libphonenumber's names). */
export type NumberType =
  | 'MOBILE'
  | 'FIXED_LINE'
  | 'FIXED_LINE_OR_MOBILE'
  | 'VOIP'
  | 'TOLL_FREE'
  | 'PREMIUM_RATE'
  | 'SHARED_COST'
  | 'PERSONAL_NUMBER'
  | 'PAGER'
  | 'UAN'
  | 'VOICEMAIL';

export type Phone = {
  /** `+14155550123` */
  e164: string;
  /** Country code and number, digits only: `14155550123` */
  international: string;
  /** The national significant number, digits only: `4155550123` */
  national: string;
  /** `1` */
  countryCallingCode: string;
  /** ISO 3166-1 alpha-2 country, when known: `US` */
  country?: CountryCode;
  /** The number's type, when the metadata knows it: `MOBILE`, `PREMIUM_RATE`, … */
  type?: NumberType;
};

export type ParsePhoneOptions = {
  /**
   * A country to try when the number is not valid in international form, for numbers people
   * store without their country code (an 11-digit mainland China mobile, for Aliyun).
   */
  fallbackCountry?: CountryCode;
};

/**
 * The phone metadata (libphonenumber's "max" set, with number types) is most of a connector's
 * code and heap, and Logto imports every installed connector at startup although one SMS
 * connector at most is used: it is a chunk of its own in lib/, loaded on the first send.
 */
let metadata: Promise<typeof PhoneMetadata> | undefined;
const loadPhoneMetadata = async () => (metadata ??= import('./phone-metadata.js'));

const toPhone = (number: PhoneNumber, type: NumberType | undefined): Phone => ({
  e164: number.number,
  international: number.number.slice(1),
  national: number.nationalNumber,
  countryCallingCode: number.countryCallingCode,
  ...(number.country ? { country: number.country } : {}),
  ...(type ? { type } : {}),
});

/**
 * The number as a Phone when it is valid. With the "max" metadata a number is valid exactly when
 * it has a type, and libphonenumber's isValid() works the type out to say so: asking for the type
 * does that work once, and isValid() is asked only where there is no type.
 */
const validPhone = (number: PhoneNumber | undefined): Phone | undefined => {
  if (!number) return undefined;
  const type = number.getType();
  return type !== undefined || number.isValid() ? toPhone(number, type) : undefined;
};

/**
 * Parses a recipient once. Logto passes digits with the country code and no `+`; a leading `+`
 * or `00`, spaces, dashes, dots and brackets are accepted too. A number that is not valid for its
 * country is rejected before any request.
 */
export const parsePhone = async (
  provider: string,
  raw: string,
  options: ParsePhoneOptions = {},
): Promise<Phone> => {
  const { parsePhoneNumberFromString } = await loadPhoneMetadata();
  const compact = raw.trim().replace(/[\s().-]/g, '');
  const digits = compact.replace(/^(\+|00)/, '');
  if (/^\d{4,17}$/.test(digits)) {
    const international = validPhone(parsePhoneNumberFromString(`+${digits}`));
    if (international) return international;
    if (options.fallbackCountry && !/^(\+|00)/.test(compact)) {
      const national = validPhone(parsePhoneNumberFromString(digits, options.fallbackCountry));
      if (national) return national;
    }
  }
  throw connectorError(ConnectorErrorCodes.InvalidRequestParameters, {
    provider,
    message:
      'the recipient is not a valid phone number: expected the country code and number, e.g. 14155550123',
  });
};
