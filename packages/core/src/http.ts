// The HTTP client a connector calls its provider with: one request, never retried, through the
// transport (transport.ts), with what went wrong on the way told apart (network-failure.ts) and
// the answer read, failures included (answer.ts). Every error it throws is a redacted
// ConnectorError whose failure kind (failure-kind.ts) says whether the request can have arrived.
import { type ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import type { ZodType, ZodTypeDef } from 'zod';

import {
  answeredFailure,
  checkedBody,
  type ClassifyFailure,
  decodeBody,
  isSuccessStatus,
  type ParsedErrorBody,
  parseBody,
  type ReadFailure,
  type ResponseHeaders,
  retryAfterOf,
  tryRead,
} from './answer.js';
import { defaultTimeoutMs } from './config.js';
import { failedWith } from './failure-kind.js';
import { networkFailure, proxyHint } from './network-failure.js';
import { type Route, routeOf } from './proxy.js';
import { createRedactor, type Redactor } from './redact.js';
import { createTransport, type Outgoing, type RawAnswer } from './transport.js';

export {
  isSuccessStatus,
  type ParsedErrorBody,
  type ReadFailure,
  type ResponseHeaders,
  retryAfterOf,
} from './answer.js';
export { carryFailureKind, type FailureKind, failureKindOf } from './failure-kind.js';

const defaultMaxResponseBytes = 1024 * 1024;

export type HttpClientOptions = {
  /** The connector's PROVIDER constant, carried by every error. */
  provider: string;
  /** Whole-request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Config values that must never appear in an error: keys, tokens, passwords. */
  secrets?: ReadonlyArray<string | undefined>;
  /** Reads a failure from an answer of any status (see `ReadFailure`). */
  readFailure?: ReadFailure;
  /**
   * Reads a body that is not JSON (an XML answer) into the value the guards and `readFailure`
   * would get from JSON; undefined when the text is not in that format either. Used for every status.
   */
  parseText?: (text: string, headers: ResponseHeaders) => unknown;
  /** Maps a failure to a Logto code; undefined falls back on the HTTP status. */
  classify?: ClassifyFailure;
  /** Largest response body read before the request is abandoned (default 1 MiB). */
  maxResponseBytes?: number;
};

export type RequestOptions<T> = Outgoing & {
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

export type FailOptions = {
  /** Hides what only this call knows, on top of the client's secrets. */
  redact?: Redactor;
  /** The Logto code when the caller knows it (an answer that is not what was asked for). */
  code?: ConnectorErrorCodes;
};

export type HttpClient = {
  request<T>(options: RequestOptions<T>): Promise<HttpResponse<T>>;
  /**
   * The error for a failure the caller found in an answer itself (a signed node that says no),
   * classified and redacted like one the client read.
   */
  fail(failure: ParsedErrorBody, options?: FailOptions): ConnectorError;
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

/** One call's redactor: the client's secrets, the request's credentials, the call's own redactor. */
const redactorFor = (
  secrets: ReadonlyArray<string | undefined>,
  request: RequestOptions<unknown>,
  route: Route,
): Redactor => {
  // Worked out only if an error needs them.
  const own = createRedactor(() => [
    ...secrets,
    ...headerSecrets(request.headers),
    ...(route.credentials ?? []),
  ]);
  const extra = request.redact;
  return extra ? (text) => own(extra(text)) : own;
};

export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const { provider, classify, readFailure } = options;
  const secrets = options.secrets ?? [];
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const transport = createTransport(timeoutMs, maxBytes);
  const baseRedact = createRedactor(secrets);

  /** An answer read: a failure (the proxy's, the provider's, or a body not as expected) throws. */
  const read = <T>(
    answer: RawAnswer,
    request: RequestOptions<T>,
    route: Route,
    redact: Redactor,
  ) => {
    const { status, headers } = answer;
    const rawBody = decodeBody(answer.body, headers);
    const parsed = parseBody(rawBody, headers, options.parseText);
    if (status === 407 && route.proxy) {
      // A plain-http request goes to the proxy as a whole; this answer is the proxy's own.
      const message = `the proxy ${route.proxy} refused the request to ${provider} with HTTP 407${proxyHint(status, route)}`;
      throw failedWith(
        ConnectorErrorCodes.General,
        { provider, status, message },
        'not-sent',
        redact,
      );
    }
    if (!isSuccessStatus(status)) {
      // A body that is not JSON (a plain-text `Forbidden`, an HTML error page) arrives as its text.
      const failure = tryRead(readFailure, parsed ?? rawBody, status, headers);
      const retryAfter = failure?.retryAfter ?? retryAfterOf(headers);
      throw answeredFailure(provider, { ...failure, status, retryAfter }, classify, redact);
    }
    const checked = checkedBody(provider, status, parsed, request.guard);
    if ('error' in checked) {
      throw failedWith(ConnectorErrorCodes.InvalidResponse, checked.error, 'answered', redact);
    }
    const failure = tryRead(readFailure, checked.data, status, headers);
    if (failure) throw answeredFailure(provider, { ...failure, status }, classify, redact);
    return { status, body: checked.data, rawBody, headers };
  };

  const request = async <T>(request: RequestOptions<T>): Promise<HttpResponse<T>> => {
    const route = routeOf(request.url);
    const redact = redactorFor(secrets, request, route);
    let answer: RawAnswer;
    try {
      answer = await transport.send(request, route);
    } catch (error: unknown) {
      const { connectMs } = transport;
      throw networkFailure(error, { provider, connectMs, timeoutMs, maxBytes, route, redact });
    }
    return read(answer, request, route, redact);
  };

  const fail = (failure: ParsedErrorBody, { redact, code }: FailOptions = {}) =>
    answeredFailure(
      provider,
      failure,
      code === undefined ? classify : () => code,
      redact ? (text) => baseRedact(redact(text)) : baseRedact,
    );

  return { request, fail };
};
