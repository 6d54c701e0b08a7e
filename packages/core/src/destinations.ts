// Which destinations an SMS connector may send to, checked before any paid request: the country
// lists and the number types that cannot be a person's phone (SMS pumping sends codes to
// premium-rate and shared-cost numbers, whose owner is paid per message).
import {
  type ConnectorConfigFormItem,
  ConnectorConfigFormItemType,
  ConnectorErrorCodes,
} from '@logto/connector-kit';
import { z } from 'zod';

import { lazyGuard } from './config.js';
import { connectorError } from './errors.js';
import type { NumberType, Phone } from './phone.js';

/**
 * ISO 3166-1 alpha-2 codes in use, plus the three the phone numbering plan also assigns numbers
 * to: AC (Ascension), TA (Tristan da Cunha) and XK (Kosovo).
 */
const countryCodes = new Set(
  (
    'AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
    'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO ' +
    'DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU ' +
    'GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW ' +
    'KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU ' +
    'MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD ' +
    'TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE ' +
    'YT ZA ZM ZW'
  ).split(' '),
);

export const isCountryCode = (code: string) => countryCodes.has(code);

/**
 * The region of a number that belongs to no country: international networks (+881 satellite,
 * +882, +883, +870 Inmarsat), international freephone (+800), international premium rate (+979).
 * `001` is the code libphonenumber gives these numbers (UN M49's "World"); no ISO 3166-1 code
 * looks like it. Such numbers are refused unless `allowedCountries` lists it: they are frequent
 * SMS-pumping destinations and nobody signs in from them.
 */
export const nonGeographicRegion = '001';

/** A code `allowedCountries` and `blockedCountries` take: a country, or `001` (no country). */
export const isRegionCode = (code: string) => code === nonGeographicRegion || isCountryCode(code);

/** The region destination rules (and routes by country) look at: the country, or `001`. */
export const destinationRegion = (phone: Phone): string => phone.country ?? nonGeographicRegion;

/** The number types the phone metadata tells apart (libphonenumber's names). */
const numberTypes = [
  'MOBILE',
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
  'VOIP',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const satisfies readonly NumberType[];

/** Refused unless an administrator changes `blockedNumberTypes`: nobody's phone is one of these. */
const defaultBlockedNumberTypes: NumberType[] = ['PREMIUM_RATE', 'SHARED_COST'];

const numberTypeNames: Record<NumberType, string> = {
  MOBILE: 'a mobile number',
  FIXED_LINE: 'a fixed-line number',
  FIXED_LINE_OR_MOBILE: 'a fixed-line or mobile number',
  VOIP: 'a VoIP number',
  TOLL_FREE: 'a toll-free number',
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  PERSONAL_NUMBER: 'a personal (follow-me) number',
  PAGER: 'a pager number',
  UAN: 'a company (UAN) number',
  VOICEMAIL: 'a voicemail access number',
};

/** A list as JSON (`["US", "CA"]`) or as the Console's text field saves it (`"US, CA"`). */
const splitList = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((part) => part.toUpperCase())
    : Array.isArray(value)
      ? value.map((part) => (typeof part === 'string' ? part.trim().toUpperCase() : part))
      : value;

const countryList = () =>
  z
    .preprocess(
      splitList,
      z.array(
        z.string().refine(isRegionCode, {
          message: `must be ISO 3166-1 alpha-2 country codes, such as US, DE or BR, or ${nonGeographicRegion} for numbers of no country`,
        }),
      ),
    )
    .optional()
    // The Console drops empty fields on save; an empty list is the same as none.
    .transform((list) => (list && list.length > 0 ? [...new Set(list)] : undefined));

const isNumberType = (type: string): type is NumberType =>
  (numberTypes as readonly string[]).includes(type);

/** The config fields every SMS connector takes; spread into its config guard's object. */
export const destinationFields = {
  allowedCountries: lazyGuard(countryList),
  blockedCountries: lazyGuard(countryList),
  blockedNumberTypes: lazyGuard(() =>
    z
      .preprocess(
        splitList,
        z.array(
          z.string().refine((type) => type === 'NONE' || isNumberType(type), {
            message: `must be number types among ${numberTypes.join(', ')}, or NONE`,
          }),
        ),
      )
      .optional()
      // Absent (or emptied, which the Console drops) is the default; NONE refuses no type at all.
      .transform((list): NumberType[] =>
        list === undefined || list.length === 0
          ? defaultBlockedNumberTypes
          : [...new Set(list.filter(isNumberType))],
      ),
  ),
};

export type DestinationRules = {
  allowedCountries?: string[];
  blockedCountries?: string[];
  blockedNumberTypes?: NumberType[];
};

/** `+44•••••••78`: the country code and the last two digits. */
export const maskPhone = (phone: Phone) => {
  const rest = phone.national;
  return `+${phone.countryCallingCode}${'•'.repeat(Math.max(0, rest.length - 2))}${rest.slice(-2)}`;
};

/**
 * Why the rules refuse a destination, naming its country (or number type) and the field that would
 * allow it, with the number masked; undefined when they allow it. A number of no country is
 * refused unless `allowedCountries` lists `001`. Exported for components that apply the same
 * rules to their own fields.
 */
export const destinationRefusal = (rules: DestinationRules, phone: Phone): string | undefined => {
  const region = destinationRegion(phone);
  const reason = (): string | undefined => {
    if (!phone.country && !rules.allowedCountries?.includes(nonGeographicRegion)) {
      return `+${phone.countryCallingCode} numbers belong to no country (international networks, satellite phones, international freephone and premium rate), where SMS pumping sends codes; add ${nonGeographicRegion} to allowedCountries to send there`;
    }
    if (rules.allowedCountries && !rules.allowedCountries.includes(region)) {
      return `its country ${region} is not in allowedCountries; add ${region} to allowedCountries to send there`;
    }
    if (rules.blockedCountries?.includes(region)) {
      return `its country ${region} is in blockedCountries; remove ${region} from blockedCountries to send there`;
    }
    const blockedTypes = rules.blockedNumberTypes ?? defaultBlockedNumberTypes;
    if (phone.type && blockedTypes.includes(phone.type)) {
      return `it is ${numberTypeNames[phone.type]} (${phone.type}), a type blockedNumberTypes refuses; remove ${phone.type} from blockedNumberTypes to send to such numbers`;
    }
    return undefined;
  };
  const why = reason();
  return why === undefined ? undefined : `refused to send to ${maskPhone(phone)}: ${why}`;
};

/**
 * Refuses a destination the config does not allow (see `destinationRefusal`), before anything is
 * sent, with an `invalid_request_parameters` error; the number appears only masked.
 */
export const checkDestination = (provider: string, rules: DestinationRules, phone: Phone) => {
  const refusal = destinationRefusal(rules, phone);
  if (refusal !== undefined) {
    throw connectorError(ConnectorErrorCodes.InvalidRequestParameters, {
      provider,
      message: refusal,
    });
  }
};

/** The Console fields for the rules above, shared by every SMS connector. */
export const destinationFormItems: ConnectorConfigFormItem[] = [
  {
    key: 'allowedCountries',
    label: 'Allowed countries',
    type: ConnectorConfigFormItemType.Text,
    required: false,
    placeholder: 'US, CA',
    description:
      'Only send codes to numbers of these countries (ISO 3166-1 alpha-2 codes, separated by commas). Empty: every country. Any other destination is refused before anything is sent or paid for. Numbers of no country (+800, +870, +881, +882, +883, +979: international networks and freephone) are refused unless 001 is listed.',
  },
  {
    key: 'blockedCountries',
    label: 'Blocked countries',
    type: ConnectorConfigFormItemType.Text,
    required: false,
    placeholder: 'e.g. a country you see SMS pumping from',
    description:
      'Never send codes to numbers of these countries (ISO 3166-1 alpha-2 codes, separated by commas), even when no allowed countries are set. Numbers of no country (001) are refused unless allowed.',
  },
  {
    key: 'blockedNumberTypes',
    label: 'Blocked number types',
    type: ConnectorConfigFormItemType.Text,
    required: false,
    placeholder: 'PREMIUM_RATE, SHARED_COST',
    description: `Number types refused before sending, separated by commas, among ${numberTypes.join(', ')}. Empty: PREMIUM_RATE and SHARED_COST, which are nobody’s phone and are where SMS pumping fraud sends codes. NONE: refuse no type.`,
  },
];
