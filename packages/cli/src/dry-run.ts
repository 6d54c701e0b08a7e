import {
  collectMessageChannels,
  createRedactor,
  type MessageChannelEvent,
} from '@switchboard/core';
import type { ReplyFnContext, ReplyFnResult } from 'nock';

export type CapturedRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
};

const masked = '[redacted]';

/**
 * Names whose value authenticates or authorises a request wherever they appear (parameters, JSON
 * members, headers; `-` and `_` alike): tokens, secrets, passwords, API keys, signatures, auth
 * codes. Printing one would let whoever reads the output replay or complete the request.
 */
const credentialName = /(?:token|secret|passw(?:or)?d|api_?key|signature)$|^auth_?code$/i;
/**
 * Parameter names that carry a signature or an OAuth code in URL-encoded parameters (a query
 * string or a form body): Alipay's `sign`, OAuth's `code`. Not in JSON bodies, where `sign` is
 * SMS Aero's sender name.
 */
const signedParameterName = /^(?:sign|code)$/i;

const isCredential = (name: string, urlEncoded: boolean) => {
  const normalised = name.replaceAll('-', '_');
  return credentialName.test(normalised) || (urlEncoded && signedParameterName.test(normalised));
};

/** `a=1&sign=…` with every credential value masked, the rest left as it was encoded. */
const maskParameters = (text: string) =>
  text.replace(/(^|&)([^=&]*)=([^&]*)/g, (pair, separator: string, rawName: string) => {
    let name = rawName;
    try {
      name = decodeURIComponent(rawName.replaceAll('+', ' '));
    } catch {
      // Not percent-encoded text: the raw name is judged.
    }
    return isCredential(name, true) ? `${separator}${rawName}=${masked}` : pair;
  });

const maskUrl = (url: string) => {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  return `${url.slice(0, query + 1)}${maskParameters(url.slice(query + 1, end))}${url.slice(end)}`;
};

const maskJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => maskJson(item));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name,
      isCredential(name, false) && item !== null && typeof item !== 'object'
        ? masked
        : maskJson(item),
    ]),
  );
};

const maskBody = (body: string, contentType: string) => {
  if (/application\/x-www-form-urlencoded/i.test(contentType)) return maskParameters(body);
  if (/json/i.test(contentType)) {
    try {
      return JSON.stringify(maskJson(JSON.parse(body)));
    } catch {
      return body;
    }
  }
  return body;
};

/**
 * An Authorization header: Basic keeps its user name, so support can read it; a scheme with
 * `name=value` parameters (Aliyun's `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`)
 * keeps the parameters that are no credential; any other (Bearer …) keeps only its scheme.
 */
const maskAuthorization = (value: string, redact: (text: string) => string) => {
  const [scheme = '', ...rest] = value.trim().split(/\s+/);
  const parameters = rest.join(' ');
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(parameters, 'base64').toString();
    const user = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
    return `Basic <base64 of "${redact(user)}:${masked}">`;
  }
  if (/^[\w-]+=/.test(parameters)) {
    return redact(
      `${scheme} ${parameters.replace(
        /(^|,\s*)([\w-]+)=([^,]*)/g,
        (pair, separator: string, name: string) =>
          isCredential(name, true) ? `${separator}${name}=${masked}` : pair,
      )}`,
    );
  }
  return `${scheme} ${masked}`;
};

/**
 * Hides what would let someone replay the captured request or act as its sender: every secret
 * of the config (in every encoding), Authorization and Cookie headers, and every header,
 * parameter or JSON member that carries a token, key, password, signature or auth code.
 */
export const maskRequest = (
  request: CapturedRequest,
  secrets: readonly string[],
): CapturedRequest => {
  const redact = createRedactor(secrets);
  const contentType =
    Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ??
    '';
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => {
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'proxy-authorization')
        return [name, maskAuthorization(value, redact)];
      if (lower === 'cookie' || isCredential(lower, false)) return [name, masked];
      return [name, redact(value)];
    }),
  );
  return {
    ...request,
    url: redact(maskUrl(request.url)),
    headers,
    body: redact(maskBody(request.body, contentType)),
  };
};

export const formatRequest = (request: CapturedRequest): string =>
  [
    `${request.method} ${request.url}`,
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    '',
    request.body,
  ].join('\n');

/** `channel: whatsapp`, for connectors that choose the channel of each message. */
export const formatChannels = (channels: readonly MessageChannelEvent[]): string =>
  channels.map(({ channel }) => `channel: ${channel}`).join('\n');

/**
 * Runs `call` with every outgoing HTTP request, to any host, captured and answered locally with
 * HTTP 418, so nothing leaves the machine. The requests are built, signed and encoded exactly as for real; a
 * flow of several calls (a token, then a profile) stops after the first one. `channels` lists the
 * channel each message would have gone by, when the connector announces one.
 */
export const captureRequests = async (
  call: () => Promise<unknown>,
): Promise<{ requests: CapturedRequest[]; channels: MessageChannelEvent[]; error?: unknown }> => {
  const { default: nock } = await import('nock');
  const requests: CapturedRequest[] = [];
  const reply = function (this: ReplyFnContext, _uri: string, body: unknown): ReplyFnResult {
    const { req } = this;
    const headers = Object.fromEntries(
      Object.entries(req.headers)
        .filter(([name]) => !['connection', 'accept-encoding', 'user-agent'].includes(name))
        .map(([name, value]) => [name, String(value)]),
    );
    requests.push({
      method: req.method ?? 'GET',
      url: (req as unknown as { options: { href: string } }).options.href,
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body ?? ''),
    });
    return [418, { dryRun: 'nothing was sent' }];
  };
  const scope = nock(/.*/).persist();
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const)
    scope[method](/.*/).reply(reply);
  try {
    const { outcome, channels } = await collectMessageChannels(call);
    return outcome.status === 'fulfilled'
      ? { requests, channels }
      : { requests, channels, error: outcome.reason };
  } finally {
    // Drop the catch-all interceptors; the caller's own nock set-up (tests) stays as it was.
    nock.cleanAll();
  }
};
