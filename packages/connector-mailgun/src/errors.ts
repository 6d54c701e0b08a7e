import { ConnectorErrorCodes } from '@logto/connector-kit';
import { classifyStatus, type ProviderFailure } from '@switchboard/core';

/**
 * Mailgun answers errors by HTTP status with a `{ message }` body and no error codes
 * (https://documentation.mailgun.com/docs/mailgun/api-reference/api-overview), so the table is
 * keyed by status. Other statuses use core's defaults (5xx → general).
 */
export const mailgunErrors: Readonly<Record<number, ConnectorErrorCodes>> = {
  400: ConnectorErrorCodes.InvalidRequestParameters,
  401: ConnectorErrorCodes.InvalidConfig,
  403: ConnectorErrorCodes.InvalidConfig,
  404: ConnectorErrorCodes.InvalidConfig,
  429: ConnectorErrorCodes.RateLimitExceeded,
};

/** A sentence added to Mailgun's own message where the usual cause is known. */
export const mailgunHints: Readonly<Record<number, string>> = {
  401: 'check apiKey, and that the region (or endpoint) is the one your domain was created in: EU domains need region eu',
  403: 'check that apiKey may send for this domain, and that the region (or endpoint) is the one your domain was created in',
  404: 'check domain, and that the region (or endpoint) is the one your domain was created in',
};

/**
 * A 400 about the sender ("'from' parameter is not a valid address", "from parameter is missing")
 * is the administrator's config, not the recipient.
 */
export const isSenderError = (status: number | undefined, message: string | undefined) =>
  status === 400 && /\bfrom\b/i.test(message ?? '');

export const senderHint =
  'check from in the connector config: an address on your Mailgun domain, or Name <address>';

export const classifyMailgun = (failure: ProviderFailure): ConnectorErrorCodes =>
  isSenderError(failure.status, failure.message)
    ? ConnectorErrorCodes.InvalidConfig
    : ((failure.status === undefined ? undefined : mailgunErrors[failure.status]) ??
      classifyStatus(failure.status));
