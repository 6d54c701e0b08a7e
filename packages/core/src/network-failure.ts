// A request that got no answer, told apart by whether it can have reached the provider:
// `not-sent` (refused, DNS, TLS, no connection or proxy tunnel in time) may be tried elsewhere,
// `maybe-sent` (a timeout after sending, a reset, a body too large) never is.
import { type ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { RequestError, TimeoutError } from 'got';

import { failedWith, type FailureKind } from './failure-kind.js';
import type { Route } from './proxy.js';
import type { Redactor } from './redact.js';

const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const connectPhases = new Set(['lookup', 'connect', 'secureConnect']);
/** Errors that, through a proxy, can only be about reaching the proxy itself. */
const proxyConnectCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Raised by the transport in place of a got error when a proxy does not open its tunnel in time. */
export const tunnelTimeout = Symbol('proxy tunnel timeout');
/** Raised by the transport in place of a got error when the body outgrew the byte cap. */
export const responseTooLarge = Symbol('response too large');

/** What the proxy's refusal (407 or 403) asks the administrator to do. */
export const proxyHint = (status: number, route: Route) =>
  status === 407
    ? `: the proxy asks for credentials; check the user and password in ${route.variable ?? 'the proxy URL'}`
    : status === 403
      ? ': the proxy does not allow this host; ask its administrator to allow it'
      : '';

/** What a network failure's message names: the provider, the limits, the route, the redactor. */
export type NetworkContext = {
  provider: string;
  connectMs: number;
  timeoutMs: number;
  maxBytes: number;
  route: Route;
  redact: Redactor;
};

type Described = { message: string; code: string; kind: FailureKind };

/** A timeout: in a connect phase (or before the request was written) nothing was sent. */
const timeoutOf = (error: TimeoutError | typeof tunnelTimeout, context: NetworkContext) => {
  const { provider, connectMs, timeoutMs, route } = context;
  const through = route.proxy ? ` through the proxy ${route.proxy}` : '';
  if (error === tunnelTimeout || connectPhases.has(error.event)) {
    return {
      message: `could not connect to ${provider}${through} within ${connectMs} ms`,
      code: 'ETIMEDOUT',
      kind: 'not-sent',
    } satisfies Described;
  }
  if (error.timings?.upload === undefined) {
    // The whole-request limit ran out before the request was written (a slow TLS handshake
    // whose phases each stayed under the connect limit): nothing reached the provider.
    return {
      message: `could not connect to ${provider}${through} within ${timeoutMs} ms`,
      code: 'ETIMEDOUT',
      kind: 'not-sent',
    } satisfies Described;
  }
  return {
    message: `${provider} did not answer within ${timeoutMs} ms; the request may still have been processed`,
    code: 'ETIMEDOUT',
    kind: 'maybe-sent',
  } satisfies Described;
};

const errorCodeOf = (error: unknown) =>
  error instanceof RequestError
    ? error.code
    : typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : 'EUNKNOWN';

/** Any other error, by its code: refused, unresolved or untrusted was not sent. */
const connectionFailureOf = (error: unknown, { provider, route }: NetworkContext): Described => {
  const { proxy } = route;
  const through = proxy ? ` through the proxy ${proxy}` : '';
  const code = errorCodeOf(error);
  if (code === 'ERR_PROXY_TUNNEL') {
    // The proxy did not open the tunnel (Node's built-in proxy support): nothing reached the provider.
    const status = (error as { cause?: { statusCode?: unknown } }).cause?.statusCode;
    const message =
      typeof status === 'number'
        ? `the proxy ${proxy ?? ''} refused the connection to ${provider} with HTTP ${status}${proxyHint(status, route)}`
        : `the proxy ${proxy ?? ''} did not open a connection to ${provider}`;
    return { message, code, kind: 'not-sent' };
  }
  if (notSentCodes.has(code)) {
    // Through a proxy, only the proxy is resolved and connected to; TLS is still the provider's.
    const message =
      proxy && proxyConnectCodes.has(code)
        ? `could not reach the proxy ${proxy} (${code}); check ${route.variable ?? 'the proxy setting'}`
        : `could not reach ${provider}${through} (${code})`;
    return { message, code, kind: 'not-sent' };
  }
  return {
    message: `connection to ${provider}${through} failed (${code}); the request may still have been processed`,
    code,
    kind: 'maybe-sent',
  };
};

/** The ConnectorError for a request that got no (complete) answer, with its failure kind. */
export const networkFailure = (error: unknown, context: NetworkContext): ConnectorError => {
  const { provider, redact } = context;
  if (error === responseTooLarge) {
    return failedWith(
      ConnectorErrorCodes.InvalidResponse,
      { provider, message: `${provider} sent a response larger than ${context.maxBytes} bytes` },
      'maybe-sent',
      redact,
    );
  }
  const { message, code, kind } =
    error === tunnelTimeout || error instanceof TimeoutError
      ? timeoutOf(error, context)
      : connectionFailureOf(error, context);
  return failedWith(ConnectorErrorCodes.General, { provider, code, message }, kind, redact);
};
