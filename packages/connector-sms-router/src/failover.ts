// When the next provider may be tried, and the error Logto gets when none delivered.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import {
  connectorError,
  type ErrorData,
  failureKindOf,
  type Redactor,
  usageLimitExceeded,
} from '@switchboard/core';

import { PROVIDER } from './metadata.js';
import type { RoutedProvider } from './providers.js';

/**
 * What one failed attempt proves:
 * - `not-sent`: nothing reached the provider (DNS, refused connection, TLS, connect timeout), or
 *   the connector refused before any request;
 * - `account`: the provider refused this account (credentials, sender, template, permissions);
 * - `throttled`, `balance`: the provider refused for rate or money;
 * - `destination`: the provider does not deliver there for this account;
 * - `maybe-sent`: the request was written and no clear answer came (timeout, reset, 5xx, an
 *   unreadable success): the message may be on its way;
 * - `final`: the provider refused the message itself (an invalid number), which the next would too.
 */
export type AttemptVerdict =
  'not-sent' | 'account' | 'throttled' | 'balance' | 'destination' | 'maybe-sent' | 'final';

const notAccepted = new Set<AttemptVerdict>([
  'not-sent',
  'account',
  'throttled',
  'balance',
  'destination',
]);

export const verdictOf = (provider: RoutedProvider, error: unknown): AttemptVerdict => {
  if (!(error instanceof ConnectorError)) return 'final';
  const failure = failureKindOf(error);
  // Every request failure carries its kind (core's HTTP client); none is a check before sending.
  if (!failure) return 'not-sent';
  if (failure.kind === 'not-sent') return 'not-sent';
  if (failure.kind === 'maybe-sent') return 'maybe-sent';
  const status = failure.status ?? 0;
  if (status >= 500 || error.code === ConnectorErrorCodes.InvalidResponse) return 'maybe-sent';
  if (error.code === usageLimitExceeded && status !== 429) return 'balance';
  if (error.code === ConnectorErrorCodes.RateLimitExceeded) return 'throttled';
  if (error.code === ConnectorErrorCodes.InvalidConfig) return 'account';
  const code = (error.data as Partial<ErrorData> | undefined)?.code;
  if (code !== undefined && provider.destinationRefusals.includes(code)) return 'destination';
  return 'final';
};

/** Whether the next provider of the route is tried after this verdict. */
export const movesOn = (verdict: AttemptVerdict, failoverOnTimeout: boolean) =>
  notAccepted.has(verdict) || (verdict === 'maybe-sent' && failoverOnTimeout);

export type Attempt = { provider: string; error: unknown; verdict: AttemptVerdict };

const dataOf = (error: unknown): Partial<ErrorData> =>
  error instanceof ConnectorError ? ((error.data ?? {}) as Partial<ErrorData>) : {};

/** `twilio: could not reach twilio (ECONNREFUSED) [general]` */
export const describeAttempt = ({ provider, error }: Attempt) => {
  const data = dataOf(error);
  const code = error instanceof ConnectorError ? error.code : 'error';
  const message =
    data.message ?? (error instanceof ConnectorError ? code : 'the provider call failed');
  return `${provider}: ${message} [${code}${data.code ? ` ${data.code}` : ''}]`;
};

/**
 * The error once no provider delivered: every attempt in order, then why the rest of the route
 * was not tried. Its code is the one most useful to Logto: usage_limit_exceeded when every
 * provider refused for balance, rate_limit_exceeded when every one throttled, else the first
 * provider's.
 */
export const routedError = (
  attempts: readonly Attempt[],
  notTried: { providers: readonly string[]; reason: string } | undefined,
  redact: Redactor,
): ConnectorError => {
  const first = attempts[0]!;
  const every = (verdict: AttemptVerdict) =>
    attempts.every((attempt) => attempt.verdict === verdict);
  const code = every('balance')
    ? usageLimitExceeded
    : every('throttled')
      ? ConnectorErrorCodes.RateLimitExceeded
      : first.error instanceof ConnectorError
        ? first.error.code
        : ConnectorErrorCodes.General;
  const waits = attempts
    .map((attempt) => dataOf(attempt.error).retryAfter)
    .filter((seconds): seconds is number => typeof seconds === 'number');
  const { status, code: providerCode, requestId } = dataOf(first.error);
  const lines = attempts.map((attempt) => describeAttempt(attempt));
  if (notTried && notTried.providers.length > 0) {
    lines.push(`not tried: ${notTried.providers.join(', ')} (${notTried.reason})`);
  }
  return connectorError(
    code,
    {
      provider: PROVIDER,
      message:
        attempts.length > 1 ? `no provider delivered: ${lines.join('; ')}` : lines.join('; '),
      status,
      code: providerCode,
      requestId,
      retryAfter: waits.length > 0 && every('throttled') ? Math.min(...waits) : undefined,
      details: Object.fromEntries(
        attempts.map((attempt, index) => [`attempt${index + 1}`, describeAttempt(attempt)]),
      ),
    },
    redact,
  );
};
