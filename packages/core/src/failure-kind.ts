// How a failed call came about, recorded beside the ConnectorError rather than on it: the SMS
// router and SMS Aero's gates read it to decide whether another provider or gate may be tried
// without sending the same message twice.
import type { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { connectorError, type ErrorData } from './errors.js';
import type { Redactor } from './redact.js';

/** What a failed call tells a caller that wants to try another host (SMS Aero gates). */
export type FailureKind =
  /** Nothing reached the provider (refused, DNS, TLS): safe to try elsewhere. */
  | 'not-sent'
  /** The request may have been accepted (timeout after sending, reset): never send again. */
  | 'maybe-sent'
  /** The provider answered with an error status. */
  | 'answered';

const failureKinds = new WeakMap<ConnectorError, { kind: FailureKind; status?: number }>();

/** How a ConnectorError thrown by a client came about; kept off the error object itself. */
export const failureKindOf = (error: unknown) =>
  typeof error === 'object' && error !== null
    ? failureKinds.get(error as ConnectorError)
    : undefined;

/** `to`, an error rebuilt from `from` (a reworded message), keeps how `from` came about. */
export const carryFailureKind = (from: unknown, to: ConnectorError): ConnectorError => {
  const kind = failureKindOf(from);
  if (kind) failureKinds.set(to, kind);
  return to;
};

/** A ConnectorError that also records how it came about (see failureKindOf). */
export const failedWith = (
  code: ConnectorErrorCodes,
  data: ErrorData,
  kind: FailureKind,
  redact: Redactor,
): ConnectorError => {
  const error = connectorError(code, data, redact);
  failureKinds.set(error, { kind, ...(data.status === undefined ? {} : { status: data.status }) });
  return error;
};
