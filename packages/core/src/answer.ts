// Reading an answer: the body in its charset, parsed (JSON, or the connector's text format),
// a failure read by the connector's hook (any status, "200 but failed" included), and a
// successful body checked against the request's guard.
import { type ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import type { ZodType, ZodTypeDef } from 'zod';

import { classifyStatus, type ErrorData, type ProviderFailure } from './errors.js';
import { failedWith } from './failure-kind.js';
import type { Redactor } from './redact.js';

/** Response headers as Node gives them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** A failure as a connector reads it from an answer: what the status and body told us. */
export type ParsedErrorBody = ProviderFailure &
  Pick<ErrorData, 'requestId' | 'details' | 'retryAfter'>;

/**
 * Reads a failure from an answer of any status. For an error status (not 2xx) the body is the
 * parsed JSON (or what `parseText` read), else its raw text, and undefined leaves the failure to
 * the status. For a 2xx the body is what the request's guard accepted, and undefined means it
 * succeeded ("200 but failed" providers answer a failure here).
 */
export type ReadFailure = (
  body: unknown,
  status: number,
  headers: ResponseHeaders,
) => ParsedErrorBody | undefined;

/** Maps a failure to a Logto code; undefined falls back on the HTTP status. */
export type ClassifyFailure = (failure: ParsedErrorBody) => ConnectorErrorCodes | undefined;

/** A 2xx status: the answer a request's guard reads. */
export const isSuccessStatus = (status: number) => status >= 200 && status < 300;

const headerValue = (headers: ResponseHeaders, name: string) => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim();
};

/**
 * The wait a provider asked for, in whole seconds: `Retry-After` as delta-seconds or an HTTP date
 * (RFC 9110 §10.2.3), or Alibaba Cloud's `x-acs-retry-after` in milliseconds. Undefined when absent,
 * malformed or not in the future.
 */
export const retryAfterOf = (headers: ResponseHeaders, now = Date.now()): number | undefined => {
  const standard = headerValue(headers, 'retry-after');
  let seconds: number | undefined;
  if (standard && /^\d+$/.test(standard)) seconds = Number(standard);
  else if (standard) {
    const date = Date.parse(standard);
    if (!Number.isNaN(date)) seconds = Math.ceil((date - now) / 1000);
  }
  const alibaba = headerValue(headers, 'x-acs-retry-after');
  if (seconds === undefined && alibaba && /^\d+$/.test(alibaba)) {
    seconds = Math.ceil(Number(alibaba) / 1000);
  }
  return seconds !== undefined && seconds > 0 ? seconds : undefined;
};

/** A body in the charset its Content-Type declares (Alipay may answer GBK), UTF-8 otherwise. */
export const decodeBody = (body: Buffer, headers: ResponseHeaders): string => {
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(
    headerValue(headers, 'content-type') ?? '',
  )?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset).decode(body);
    } catch {
      // A label TextDecoder does not know: read it as UTF-8, as before.
    }
  }
  return body.toString('utf8');
};

/** Runs a connector's reader; one that trips over an unexpected body leaves it unread. */
export const tryRead = <A extends unknown[], R>(
  read: ((...args: A) => R) | undefined,
  ...args: A
): R | undefined => {
  try {
    return read?.(...args);
  } catch {
    return undefined;
  }
};

const parseJson = (text: string): unknown => JSON.parse(text) as unknown;

/** The body as JSON, else as the connector's text format (`parseText`), else undefined. */
export const parseBody = (
  text: string,
  headers: ResponseHeaders,
  parseText?: (text: string, headers: ResponseHeaders) => unknown,
): unknown => tryRead(parseJson, text) ?? tryRead(parseText, text, headers);

/** Turns a provider failure into a ConnectorError: classified, a message always, redacted. */
export const answeredFailure = (
  provider: string,
  failure: ParsedErrorBody,
  classify: ClassifyFailure | undefined,
  redact: Redactor,
): ConnectorError => {
  const code =
    classify?.(failure) ??
    (failure.status === undefined ? ConnectorErrorCodes.General : classifyStatus(failure.status));
  const message =
    failure.message ??
    (failure.status === undefined
      ? `${provider} request failed`
      : `${provider} answered HTTP ${failure.status}`);
  // connectorError keeps only the fields that are set.
  const { status, requestId, retryAfter, details } = failure;
  return failedWith(
    code,
    { provider, message, status, code: failure.code, requestId, retryAfter, details },
    'answered',
    redact,
  );
};

/** The invalid_response error for a 2xx body that is not JSON or not what the guard expects. */
export const checkedBody = <T>(
  provider: string,
  status: number,
  parsed: unknown,
  guard: ZodType<T, ZodTypeDef, unknown>,
): { data: T } | { error: ErrorData } => {
  if (parsed === undefined) {
    return {
      error: {
        provider,
        status,
        message: `${provider} answered HTTP ${status} with a body that is not JSON`,
      },
    };
  }
  const checked = guard.safeParse(parsed);
  if (checked.success) return { data: checked.data };
  const fields = [
    ...new Set(checked.error.issues.map((issue) => issue.path.join('.') || '(body)')),
  ];
  return {
    error: {
      provider,
      status,
      message: `${provider} answered HTTP ${status} with an unexpected body (${fields.join(', ')})`,
    },
  };
};
