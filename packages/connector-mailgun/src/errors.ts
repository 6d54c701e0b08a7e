// What happens when Mailgun says no: how its error answers read, their Logto codes and hints.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  classifyStatus,
  type FailureDeclaration,
  isSuccessStatus,
  lazyGuard,
  type ProviderFailure,
  type ReadFailureWithHint,
} from '@switchboard/core';
import { z } from 'zod';

/**
 * Mailgun answers errors by HTTP status with a `{ message }` body and no error codes
 * (https://documentation.mailgun.com/docs/mailgun/api-reference/api-overview), so the table is
 * keyed by status. Other statuses use core's defaults (5xx → general).
 */
const mailgunErrors: Readonly<Record<number, ConnectorErrorCodes>> = {
  400: ConnectorErrorCodes.InvalidRequestParameters,
  401: ConnectorErrorCodes.InvalidConfig,
  403: ConnectorErrorCodes.InvalidConfig,
  404: ConnectorErrorCodes.InvalidConfig,
  429: ConnectorErrorCodes.RateLimitExceeded,
};

/** A sentence added to Mailgun's own message where the usual cause is known. */
const mailgunHints: Readonly<Record<number, string>> = {
  401: 'check apiKey, and that the region (or endpoint) is the one your domain was created in: EU domains need region eu',
  403: 'check that apiKey may send for this domain, and that the region (or endpoint) is the one your domain was created in',
  404: 'check domain, and that the region (or endpoint) is the one your domain was created in',
};

/**
 * A 400 about the sender ("'from' parameter is not a valid address", "from parameter is missing")
 * is the administrator's config, not the recipient.
 */
const isSenderError = (status: number | undefined, message: string | undefined) =>
  status === 400 && /\bfrom\b/i.test(message ?? '');

const senderHint =
  'check from in the connector config: an address on your Mailgun domain, or Name <address>';

const classifyMailgun = (failure: ProviderFailure): ConnectorErrorCodes =>
  isSenderError(failure.status, failure.message)
    ? ConnectorErrorCodes.InvalidConfig
    : ((failure.status === undefined ? undefined : mailgunErrors[failure.status]) ??
      classifyStatus(failure.status));

/** Mailgun's error body: `{ "message": "..." }`, or `{ "error": "..." }` as mailgun.js also reads. */
const mailgunErrorGuard = lazyGuard(() =>
  z
    .object({ message: z.string() })
    .or(z.object({ error: z.string() }).transform(({ error }) => ({ message: error }))),
);

/**
 * Mailgun answers JSON `{ message }`, except a plain-text `Forbidden` for a wrong key. A page of
 * markup (a load balancer's HTML error page) is no message to show. Mailgun has no error codes,
 * so the hint is chosen by status or by a sender error. A 2xx is the accepted message.
 */
const readMailgunFailure = (raw: unknown, status: number): ReadFailureWithHint | undefined => {
  if (isSuccessStatus(status)) return undefined;
  const parsed = mailgunErrorGuard.safeParse(raw);
  const message = parsed.success
    ? parsed.data.message
    : typeof raw === 'string' && raw.trim() && raw.length < 200 && !/^\s*</.test(raw)
      ? raw.trim()
      : `Mailgun answered HTTP ${status}`;
  return { message, hint: isSenderError(status, message) ? senderHint : mailgunHints[status] };
};

/** Mailgun's failures, as the client declaration takes them. */
export const mailgunFailures = {
  readFailure: readMailgunFailure,
  classify: classifyMailgun,
} satisfies FailureDeclaration;
