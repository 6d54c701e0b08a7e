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

/** Hides secrets in a captured request; a Basic header keeps its user name, so support can read it. */
export const maskRequest = (
  request: CapturedRequest,
  secrets: readonly string[],
): CapturedRequest => {
  const redact = createRedactor(secrets);
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => {
      if (name.toLowerCase() === 'authorization' && /^basic\s/i.test(value)) {
        const decoded = Buffer.from(value.replace(/^basic\s+/i, ''), 'base64').toString();
        const user = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
        return [name, `Basic <base64 of "${redact(user)}:[redacted]">`];
      }
      return [name, redact(value)];
    }),
  );
  return { ...request, url: redact(request.url), headers, body: redact(request.body) };
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
