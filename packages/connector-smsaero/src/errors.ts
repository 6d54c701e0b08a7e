import { ConnectorErrorCodes } from '@logto/connector-kit';
import { type ErrorTable, usageLimitExceeded } from '@switchboard/core';

/**
 * SMS Aero answers with `{ success: false, message }` (or, from older gates, `{ result: "reject",
 * reason }` and `{ result: "no credits" }`) and no error codes. The connector names the cases it
 * recognises, and these names are what `data.code` carries.
 */
export const smsAeroErrors = {
  auth: ConnectorErrorCodes.InvalidConfig,
  sign: ConnectorErrorCodes.InvalidConfig,
  'no-credits': usageLimitExceeded,
  number: ConnectorErrorCodes.InvalidRequestParameters,
  'rate-limit': ConnectorErrorCodes.RateLimitExceeded,
} satisfies ErrorTable;

export type SmsAeroErrorCode = keyof typeof smsAeroErrors;

/**
 * Any of the alternatives (regular-expression sources), case-insensitive. Built from strings so the
 * bundle escapes the Cyrillic words: one non-ASCII character in a regular-expression literal makes
 * V8 hold the whole `lib/index.js` source as a two-byte string, twice its size in every Logto heap.
 */
const anyOf = (...alternatives: string[]) => new RegExp(alternatives.join('|'), 'i');

/** Checked in order against SMS Aero's message (English or Russian) and the names of invalid fields. */
const patterns: ReadonlyArray<[SmsAeroErrorCode, RegExp]> = [
  [
    'no-credits',
    anyOf(
      'no credits',
      'not enough (money|funds|credits)',
      'insufficient',
      'balance',
      'недостаточно',
      'баланс',
    ),
  ],
  [
    'auth',
    anyOf(
      'credential',
      'unauthori[sz]ed',
      'incorrect user',
      'password',
      'api ?key',
      'authenticat',
      'авториз',
      'ключ',
    ),
  ],
  ['number', anyOf('number', 'phone', 'destination', 'adress', 'номер', 'телефон')],
  ['sign', anyOf('\\bsign', 'sender', 'подпис', 'отправител')],
  ['rate-limit', anyOf('too many', 'rate limit', 'слишком много')],
];

/** Sentences added to SMS Aero's own message where the usual cause is known. */
export const smsAeroHints: Readonly<Record<SmsAeroErrorCode, string>> = {
  auth: 'check email and apiKey in the connector settings',
  sign: 'the sender name must be approved in your SMS Aero account',
  'no-credits': 'top up your SMS Aero balance',
  number: 'SMS Aero cannot send to this number',
  'rate-limit': 'too many requests, try again later',
};

/** Names the failure from HTTP status, SMS Aero's message and the fields it complained about. */
export const recognise = (
  status: number | undefined,
  text: string,
): SmsAeroErrorCode | undefined => {
  if (status === 429) return 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'no-credits';
  if (status !== undefined && status >= 500) return undefined;
  return patterns.find(([, pattern]) => pattern.test(text))?.[0];
};
