import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { Redactor } from './redact.js';

/**
 * `UsageLimitExceeded` arrived in connector-kit 5. Logto 1.35 to 1.37 ship kit 4.7, where the enum
 * member is missing and would turn into an error without a code; those servers get the closest
 * code they know instead (also answered as HTTP 429).
 */
export const usageLimitExceeded: ConnectorErrorCodes =
  ConnectorErrorCodes.UsageLimitExceeded ?? ConnectorErrorCodes.RateLimitExceeded;

/** What every Switchboard error carries in `ConnectorError.data`, and nothing else. */
export type ErrorData = {
  provider: string;
  message: string;
  status?: number;
  code?: string;
  requestId?: string;
  /** Seconds the provider asked us to wait before trying again (`Retry-After`). */
  retryAfter?: number;
  /** Documented, non-secret provider fields such as Twilio's `more_info` or Alipay's `sub_code`. */
  details?: Record<string, string | number | boolean>;
};

/** A provider failure before it becomes a ConnectorError: what the status and body told us. */
export type ProviderFailure = {
  status?: number;
  code?: string;
  message?: string;
};

/** Provider error codes mapped to Logto codes; what a table leaves out falls back on the status. */
export type ErrorTable = Readonly<Record<string, ConnectorErrorCodes>>;

export const classifyStatus = (status: number | undefined): ConnectorErrorCodes => {
  if (status === 429) return ConnectorErrorCodes.RateLimitExceeded;
  if (status === 401 || status === 403) return ConnectorErrorCodes.InvalidConfig;
  if (status === 402) return usageLimitExceeded;
  return ConnectorErrorCodes.General;
};

/** A table's entry for `key`, own entries only: a code such as "constructor" finds nothing. */
export const entryOf = <V>(table: Readonly<Record<string, V>>, key: string | undefined) =>
  key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;

export const classify = (table: ErrorTable, failure: ProviderFailure): ConnectorErrorCodes =>
  entryOf(table, failure.code) ?? classifyStatus(failure.status);

const maxMessageLength = 500;

const clip = (text: string) =>
  text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;

/**
 * Creates the ConnectorError a connector throws. `data` is rebuilt field by field, strings are
 * clipped and run through `redact`, so nothing else (no raw error object, no header, no URL) can
 * ride along.
 */
export const connectorError = (
  code: ConnectorErrorCodes,
  data: ErrorData,
  redact: Redactor = (text) => text,
): ConnectorError => {
  const clean = (text: string) => clip(redact(text));
  const safe: ErrorData = { provider: data.provider, message: clean(data.message) };
  if (data.status !== undefined) safe.status = data.status;
  if (data.code !== undefined) safe.code = clean(String(data.code));
  if (data.requestId !== undefined) safe.requestId = clean(String(data.requestId));
  if (typeof data.retryAfter === 'number' && Number.isFinite(data.retryAfter)) {
    safe.retryAfter = data.retryAfter;
  }
  if (data.details !== undefined) {
    safe.details = Object.fromEntries(
      Object.entries(data.details).map(([key, value]) => [
        key,
        typeof value === 'string' ? clean(value) : value,
      ]),
    );
  }
  return new ConnectorError(code, safe);
};
