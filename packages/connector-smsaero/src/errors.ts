// What happens when SMS Aero says no: how its envelope reads as a failure (any status, HTTP 200
// included), the cases the connector names, their Logto codes and hints.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  definedFields,
  type ErrorTable,
  type FailureDeclaration,
  isSuccessStatus,
  lazyGuard,
  type ReadFailureWithHint,
  usageLimitExceeded,
} from '@switchboard/core';
import { z } from 'zod';

/**
 * SMS Aero answers with `{ success: false, message }` (or, from older gates, `{ result: "reject",
 * reason }` and `{ result: "no credits" }`) and no error codes. The connector names the cases it
 * recognises, and these names are what `data.code` carries.
 */
const smsAeroErrors = {
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
const smsAeroHints: Readonly<Record<SmsAeroErrorCode, string>> = {
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

/** SMS Aero's envelope; older gates may still answer with `result` and `reason`. */
export const envelopeGuard = lazyGuard(() =>
  z.object({
    success: z.boolean().optional(),
    data: z.unknown().optional(),
    message: z.string().nullish(),
    result: z.string().optional(),
    reason: z.string().nullish(),
  }),
);

type Envelope = z.infer<typeof envelopeGuard>;

/** Validation errors come as `data: { field: [messages] }`; name the fields and their messages. */
const fieldErrors = (data: unknown): string | undefined => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const parts = Object.entries(data).map(([field, value]) => {
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === 'string',
    );
    return messages.length > 0 ? `${field}: ${messages.join(', ')}` : field;
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
};

/** Reads a failed envelope (any status) into SMS Aero's message and the case it names. */
const describeFailure = (body: Envelope, status: number): ReadFailureWithHint => {
  const legacy = body.result === 'no credits' ? 'no credits' : undefined;
  const base = body.message ?? body.reason ?? legacy;
  const fields = body.success === false ? fieldErrors(body.data) : undefined;
  const code = recognise(status, [base, fields].filter(Boolean).join(' '));
  const said = [
    base ?? (body.success === false || body.result ? 'SMS Aero refused the message' : undefined),
    fields ? `(${fields})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const hint = code && smsAeroHints[code];
  // With nothing said but the status, the hint stands alone in its brackets, as it always read.
  if (!said && hint) return { message: `(${hint})`, code, status };
  return definedFields({ message: said || undefined, hint, code, status });
};

/** A 2xx envelope still fails when `success` is not true or a legacy gate says reject / no credits. */
const answeredFailure = (body: Envelope, status: number): ReadFailureWithHint | undefined => {
  const rejected = body.result === 'reject' || body.result === 'no credits';
  if (body.success === true && !rejected) return undefined;
  if (body.success === undefined && body.result === undefined) {
    return {
      status,
      message: 'SMS Aero answered without "success": the message may not have been sent',
    };
  }
  return describeFailure(body, status);
};

/** SMS Aero's failures, as the client declaration takes them. */
export const smsAeroFailures = {
  readFailure: (raw, status) => {
    const parsed = envelopeGuard.safeParse(raw);
    if (!parsed.success) return undefined;
    return isSuccessStatus(status)
      ? answeredFailure(parsed.data, status)
      : describeFailure(parsed.data, status);
  },
  errors: smsAeroErrors,
} satisfies FailureDeclaration<typeof smsAeroErrors>;
