import type { ClientRequest } from 'node:http';

import { type ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { got, type Method, RequestError, TimeoutError } from 'got';
import type { ZodType, ZodTypeDef } from 'zod';

import { defaultTimeoutMs } from './config.js';
import { classifyStatus, connectorError, type ErrorData, type ProviderFailure } from './errors.js';
import { definedFields } from './objects.js';
import { type Route, routeOf } from './proxy.js';
import { createRedactor, type Redactor } from './redact.js';

const defaultMaxResponseBytes = 1024 * 1024;

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
const failedWith = (
  code: ConnectorErrorCodes,
  data: ErrorData,
  kind: FailureKind,
  redact: Redactor,
): ConnectorError => {
  const error = connectorError(code, data, redact);
  failureKinds.set(error, { kind, ...(data.status === undefined ? {} : { status: data.status }) });
  return error;
};

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
/** Raised in place of a got error when a proxy does not open its tunnel in time. */
const tunnelTimeout = Symbol('proxy tunnel timeout');
/** Errors that, through a proxy, can only be about reaching the proxy itself. */
const proxyConnectCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const proxyHint = (status: number, route: Route) =>
  status === 407
    ? `: the proxy asks for credentials; check the user and password in ${route.variable ?? 'the proxy URL'}`
    : status === 403
      ? ': the proxy does not allow this host; ask its administrator to allow it'
      : '';

export type ParsedErrorBody = ProviderFailure &
  Pick<ErrorData, 'requestId' | 'details' | 'retryAfter'>;

/** Response headers as Node gives them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

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
const decodeBody = (body: Buffer, headers: ResponseHeaders): string => {
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

export type HttpClientOptions = {
  /** The connector's PROVIDER constant, carried by every error. */
  provider: string;
  /** Whole-request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Config values that must never appear in an error: keys, tokens, passwords. */
  secrets?: ReadonlyArray<string | undefined>;
  /**
   * Reads the provider's error body (any non-2xx status) into code, message and request id. The
   * body is the parsed JSON, or the raw text when it is not JSON.
   */
  parseError?: (
    body: unknown,
    status: number,
    headers: ResponseHeaders,
  ) => ParsedErrorBody | undefined;
  /**
   * Reads a body that is not JSON (an XML answer) into the value the guards and `parseError` would
   * get from JSON; undefined when the text is not in that format either. Used for every status.
   */
  parseText?: (text: string, headers: ResponseHeaders) => unknown;
  /** Maps a failure to a Logto code; undefined falls back on the HTTP status. */
  classify?: (failure: ProviderFailure) => ConnectorErrorCodes | undefined;
  /** Largest response body read before the request is abandoned (default 1 MiB). */
  maxResponseBytes?: number;
};

export type RequestOptions<T> = {
  method?: Method;
  url: string;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
  searchParams?: Record<string, string> | URLSearchParams;
  /** Guard for a successful (2xx) JSON body. */
  guard: ZodType<T, ZodTypeDef, unknown>;
  /**
   * Hides what only this call knows (an auth code, a token) from its errors, on top of the
   * client's secrets.
   */
  redact?: Redactor;
};

export type HttpResponse<T> = {
  status: number;
  body: T;
  /** The body exactly as received, for signature checks over the raw text. */
  rawBody: string;
  headers: ResponseHeaders;
};

const tryParseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Secrets hidden inside an Authorization header (Basic user:password) count as secrets too. */
const headerSecrets = (headers: Record<string, string> | undefined): string[] => {
  const authorization = Object.entries(headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'authorization',
  )?.[1];
  if (!authorization) return [];
  const [scheme, token = ''] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'basic') return [token];
  const decoded = Buffer.from(token, 'base64').toString();
  const separator = decoded.indexOf(':');
  return [token, decoded, decoded.slice(separator + 1)];
};

export type HttpClient = {
  request<T>(options: RequestOptions<T>): Promise<HttpResponse<T>>;
  /** A provider-level failure found in a successful response ("200 but failed"). */
  fail(failure: ParsedErrorBody): ConnectorError;
};

export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const { provider } = options;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const connectMs = Math.min(timeoutMs, Math.max(100, Math.round(timeoutMs / 2)));
  const baseRedact = createRedactor(options.secrets ?? []);
  // The options every request of this client shares, normalised by got once.
  const client = got.extend({
    // Separate, shorter connect-phase limits tell "never reached the provider" (safe to try
    // another host) from "sent, no answer yet" (maybe delivered).
    timeout: {
      lookup: connectMs,
      connect: connectMs,
      secureConnect: connectMs,
      request: timeoutMs,
    },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'buffer',
    // No agent of our own: Node's global agents keep connections alive and carry the proxy
    // that NODE_USE_ENV_PROXY configures, as they do for Logto's official connectors.
  });

  const failure = (
    failure: ParsedErrorBody,
    kind: FailureKind,
    redact = baseRedact,
  ): ConnectorError => {
    const code =
      options.classify?.(failure) ??
      (failure.status === undefined ? ConnectorErrorCodes.General : classifyStatus(failure.status));
    return failedWith(
      code,
      {
        provider,
        message:
          failure.message ??
          (failure.status === undefined
            ? `${provider} request failed`
            : `${provider} answered HTTP ${failure.status}`),
        // connectorError keeps only the fields that are set.
        status: failure.status,
        code: failure.code,
        requestId: failure.requestId,
        retryAfter: failure.retryAfter,
        details: failure.details,
      },
      kind,
      redact,
    );
  };

  const networkFailure = (error: unknown, redact: Redactor, route: Route): ConnectorError => {
    const raise = (message: string, code: string, kind: FailureKind) =>
      failedWith(ConnectorErrorCodes.General, { provider, code, message }, kind, redact);
    const { proxy } = route;
    const through = proxy ? ` through the proxy ${proxy}` : '';
    if (
      error === tunnelTimeout ||
      (error instanceof TimeoutError && connectPhases.has(error.event))
    ) {
      return raise(
        `could not connect to ${provider}${through} within ${connectMs} ms`,
        'ETIMEDOUT',
        'not-sent',
      );
    }
    if (error instanceof TimeoutError && error.timings?.upload === undefined) {
      // The whole-request limit ran out before the request was written (a slow TLS handshake
      // whose phases each stayed under the connect limit): nothing reached the provider.
      return raise(
        `could not connect to ${provider}${through} within ${timeoutMs} ms`,
        'ETIMEDOUT',
        'not-sent',
      );
    }
    if (error instanceof TimeoutError) {
      return raise(
        `${provider} did not answer within ${timeoutMs} ms; the request may still have been processed`,
        'ETIMEDOUT',
        'maybe-sent',
      );
    }
    const code =
      error instanceof RequestError
        ? error.code
        : typeof error === 'object' && error !== null && 'code' in error
          ? String(error.code)
          : 'EUNKNOWN';
    if (code === 'ERR_PROXY_TUNNEL') {
      // The proxy did not open the tunnel (Node's built-in proxy support): nothing reached the provider.
      const status = (error as { cause?: { statusCode?: unknown } }).cause?.statusCode;
      return raise(
        typeof status === 'number'
          ? `the proxy ${proxy ?? ''} refused the connection to ${provider} with HTTP ${status}${proxyHint(status, route)}`
          : `the proxy ${proxy ?? ''} did not open a connection to ${provider}`,
        code,
        'not-sent',
      );
    }
    if (notSentCodes.has(code)) {
      // Through a proxy, only the proxy is resolved and connected to; TLS is still the provider's.
      return raise(
        proxy && proxyConnectCodes.has(code)
          ? `could not reach the proxy ${proxy} (${code}); check ${route.variable ?? 'the proxy setting'}`
          : `could not reach ${provider}${through} (${code})`,
        code,
        'not-sent',
      );
    }
    return raise(
      `connection to ${provider}${through} failed (${code}); the request may still have been processed`,
      code,
      'maybe-sent',
    );
  };

  const parseText = (text: string, headers: ResponseHeaders) => {
    try {
      return options.parseText?.(text, headers);
    } catch {
      // A reader that trips over a malformed body leaves it unread, like any other unknown format.
      return undefined;
    }
  };

  const request = async <T>(request: RequestOptions<T>): Promise<HttpResponse<T>> => {
    const route = routeOf(request.url);
    // Worked out only if an error needs them.
    const own = createRedactor(() => [
      ...(options.secrets ?? []),
      ...headerSecrets(request.headers),
      ...(route.credentials ?? []),
    ]);
    const extra = request.redact;
    const redact: Redactor = extra ? (text) => own(extra(text)) : own;
    let tooLarge = false;
    let tunnelTimer: NodeJS.Timeout | undefined;
    let tunnelTimedOut = false;
    let response;
    try {
      const call = client(request.url, {
        method: request.method ?? 'POST',
        headers: request.headers,
        ...definedFields({
          form: request.form,
          json: request.json,
          body: request.body,
          searchParams: request.searchParams,
        }),
      });
      call.on('downloadProgress', ({ transferred }) => {
        if (transferred > maxBytes && !tooLarge) {
          tooLarge = true;
          call.cancel();
        }
      });
      if (route.proxy) {
        // Node opens the proxy's CONNECT tunnel before it hands the request its socket, and got's
        // phase timers wait for that socket: without a limit of our own, a silent proxy would hold
        // the send for the agent's 5 s. No socket within the connect limit: nothing was sent.
        call.on('request', (outgoing: ClientRequest) => {
          tunnelTimer = setTimeout(() => {
            tunnelTimedOut = true;
            call.cancel();
          }, connectMs);
          outgoing.once('socket', () => clearTimeout(tunnelTimer));
        });
      }
      response = await call;
    } catch (error: unknown) {
      if (tunnelTimedOut) {
        throw networkFailure(tunnelTimeout, redact, route);
      }
      if (tooLarge) {
        throw failedWith(
          ConnectorErrorCodes.InvalidResponse,
          { provider, message: `${provider} sent a response larger than ${maxBytes} bytes` },
          'maybe-sent',
          redact,
        );
      }
      throw networkFailure(error, redact, route);
    } finally {
      clearTimeout(tunnelTimer);
    }

    const { statusCode: status } = response;
    // The client's responseType is 'buffer'; got's types do not carry it through extend().
    const rawBody = decodeBody(response.body as unknown as Buffer, response.headers);
    const parsed = tryParseJson(rawBody) ?? parseText(rawBody, response.headers);
    if (status === 407 && route.proxy) {
      // A plain-http request goes to the proxy as a whole; this answer is the proxy's own.
      throw failedWith(
        ConnectorErrorCodes.General,
        {
          provider,
          status,
          message: `the proxy ${route.proxy} refused the request to ${provider} with HTTP 407${proxyHint(status, route)}`,
        },
        'not-sent',
        redact,
      );
    }
    if (status < 200 || status >= 300) {
      // A body that is not JSON (a plain-text `Forbidden`, an HTML error page) arrives as its text.
      let fromBody: ParsedErrorBody | undefined;
      try {
        fromBody = options.parseError?.(parsed ?? rawBody, status, response.headers);
      } catch {
        // A parser that trips over an unexpected error body must not replace the HTTP error.
        fromBody = undefined;
      }
      const retryAfter = fromBody?.retryAfter ?? retryAfterOf(response.headers);
      throw failure({ ...fromBody, status, retryAfter }, 'answered', redact);
    }
    if (parsed === undefined) {
      throw failedWith(
        ConnectorErrorCodes.InvalidResponse,
        {
          provider,
          status,
          message: `${provider} answered HTTP ${status} with a body that is not JSON`,
        },
        'answered',
        redact,
      );
    }
    const checked = request.guard.safeParse(parsed);
    if (!checked.success) {
      const fields = [
        ...new Set(checked.error.issues.map((issue) => issue.path.join('.') || '(body)')),
      ];
      throw failedWith(
        ConnectorErrorCodes.InvalidResponse,
        {
          provider,
          status,
          message: `${provider} answered HTTP ${status} with an unexpected body (${fields.join(', ')})`,
        },
        'answered',
        redact,
      );
    }
    return { status, body: checked.data, rawBody, headers: response.headers };
  };

  return { request, fail: (parsed) => failure(parsed, 'answered') };
};
