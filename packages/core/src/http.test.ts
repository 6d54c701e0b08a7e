import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createHttpClient, failureKindOf, type HttpClientOptions, retryAfterOf } from './http.js';
import { createRedactor } from './redact.js';

const provider = 'acme';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

type TestServer = { url: string; seen: Seen[]; close(): Promise<void> };

const servers: TestServer[] = [];

/** A real HTTP server on 127.0.0.1 that records every request it receives. */
const startServer = async (handler: Handler): Promise<TestServer> => {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const result: TestServer = {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(result);
  return result;
};

const json = (response: ServerResponse, status: number, body: unknown, headers = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map(async (server) => server.close()));
});

/** A loopback port that nothing listens on. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const failureOf = async (call: Promise<unknown>): Promise<ConnectorError> => {
  try {
    await call;
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected the request to fail, but it succeeded');
};

/** Every text an error shows once it is logged, serialised or returned. */
const textsOf = (error: ConnectorError) => [
  JSON.stringify(error),
  inspect(error, { depth: Infinity, showHidden: true }),
  error.message,
  error.stack ?? '',
];

const messageGuard = z.object({ id: z.string(), status: z.string() });

const client = (options: Partial<HttpClientOptions> = {}) =>
  createHttpClient({ provider, timeoutMs: 2000, ...options });

describe('createHttpClient, success', () => {
  it('POSTs the form, parses the body with the guard and returns raw body and headers', async () => {
    const server = await startServer((_request, response) => {
      json(response, 201, { id: 'SM1', status: 'queued', extra: true }, { 'x-request-id': 'r-1' });
    });
    const result = await client().request({
      url: `${server.url}/v1/messages`,
      headers: { 'x-api-version': '2' },
      form: { To: '+14155550123', Body: 'Code 123456' },
      guard: messageGuard,
    });
    expect(result).toMatchObject({
      status: 201,
      body: { id: 'SM1', status: 'queued' },
      rawBody: '{"id":"SM1","status":"queued","extra":true}',
      headers: { 'x-request-id': 'r-1' },
    });
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]).toMatchObject({
      method: 'POST',
      url: '/v1/messages',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-api-version': '2',
      },
      body: 'To=%2B14155550123&Body=Code+123456',
    });
  });

  it('sends JSON bodies and query parameters with the method given', async () => {
    const server = await startServer((_request, response) => json(response, 200, { ok: true }));
    await client().request({
      method: 'PUT',
      url: `${server.url}/v2/send`,
      json: { to: '79001234567', text: 'Код 1' },
      searchParams: { channel: 'DIRECT' },
      guard: z.object({ ok: z.literal(true) }),
    });
    expect(server.seen[0]).toMatchObject({
      method: 'PUT',
      url: '/v2/send?channel=DIRECT',
      headers: { 'content-type': 'application/json' },
      body: '{"to":"79001234567","text":"Код 1"}',
    });
  });

  it('reaches an https provider (nock) with the headers given', async () => {
    const scope = nock('https://api.acme.example', {
      reqheaders: { authorization: `Basic ${Buffer.from('api:key-1234').toString('base64')}` },
    })
      .post('/v3/mg.example.com/messages', 'to=a%40example.com')
      .reply(200, { id: '<1@mg>', message: 'Queued. Thank you.' });
    const result = await client().request({
      url: 'https://api.acme.example/v3/mg.example.com/messages',
      headers: { Authorization: `Basic ${Buffer.from('api:key-1234').toString('base64')}` },
      form: { to: 'a@example.com' },
      guard: z.object({ id: z.string() }),
    });
    expect(result.body).toEqual({ id: '<1@mg>' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('createHttpClient, answered with an error', () => {
  it('answers a 2xx body that fails the guard with invalid_response naming the fields', async () => {
    const server = await startServer((_request, response) =>
      json(response, 200, { id: 42, detail: 'x' }),
    );
    const error = await failureOf(
      client().request({ url: server.url, guard: messageGuard, form: {} }),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.data).toEqual({
      provider,
      status: 200,
      message: 'acme answered HTTP 200 with an unexpected body (id, status)',
    });
    expect(failureKindOf(error)).toEqual({ kind: 'answered', status: 200 });
  });

  it('names the whole body when it has the wrong shape', async () => {
    const server = await startServer((_request, response) => json(response, 200, ['a']));
    const error = await failureOf(client().request({ url: server.url, guard: messageGuard }));
    expect(error.code).toBe('invalid_response');
    expect((error.data as { message: string }).message).toContain('(body)');
  });

  it('answers a 200 body that is not JSON with invalid_response', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>Welcome to nginx</html>');
    });
    const error = await failureOf(client().request({ url: server.url, guard: messageGuard }));
    expect(error.code).toBe('invalid_response');
    expect(error.data).toEqual({
      provider,
      status: 200,
      message: 'acme answered HTTP 200 with a body that is not JSON',
    });
    expect(failureKindOf(error)).toEqual({ kind: 'answered', status: 200 });
  });

  describe('retryAfter: the wait a provider asked for', () => {
    it.each([
      [{ 'retry-after': '120' }, 120],
      [{ 'retry-after': ' 7 ' }, 7],
      // RFC 9110 §10.2.3: an HTTP date, counted from now.
      [{ 'retry-after': 'Wed, 02 Dec 2026 06:01:30 GMT' }, 90],
      [{ 'retry-after': 'Wed, 02 Dec 2026 05:59:00 GMT' }, undefined],
      [{ 'retry-after': '0' }, undefined],
      [{ 'retry-after': 'soon' }, undefined],
      // Alibaba Cloud's x-acs-retry-after is in milliseconds (its SDKs wait that long).
      [{ 'x-acs-retry-after': '2000' }, 2],
      [{ 'x-acs-retry-after': '1500' }, 2],
      [{ 'x-acs-retry-after': '0' }, undefined],
      [{}, undefined],
    ])('%j → %s seconds', (headers, seconds) => {
      expect(retryAfterOf(headers, Date.parse('2026-12-02T06:00:00Z'))).toBe(seconds);
    });

    it('keeps Retry-After of an error answer in the error data', async () => {
      const server = await startServer((_request, response) =>
        json(response, 429, { message: 'slow down' }, { 'retry-after': '30' }),
      );
      const error = await failureOf(client().request({ url: server.url, guard: messageGuard }));
      expect(error.code).toBe('rate_limit_exceeded');
      expect(error.data).toEqual({
        provider,
        status: 429,
        retryAfter: 30,
        message: 'acme answered HTTP 429',
      });
    });
  });

  describe('charsets', () => {
    it('decodes a body in the charset its Content-Type declares', async () => {
      // "支付宝" in GBK, as Alipay's gateway can answer.
      const gbk = Buffer.from([0xd6, 0xa7, 0xb8, 0xb6, 0xb1, 0xa6]);
      const server = await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html;charset=GBK' });
        response.end(Buffer.concat([Buffer.from('{"id":"'), gbk, Buffer.from('","status":"ok"}')]));
      });
      const response = await client().request({ url: server.url, guard: messageGuard });
      expect(response.body.id).toBe('支付宝');
      expect(response.rawBody).toBe('{"id":"支付宝","status":"ok"}');
    });

    it('reads UTF-8 when the charset is missing or unknown', async () => {
      const server = await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=x-made-up' });
        response.end('{"id":"ä","status":"ok"}');
      });
      const response = await client().request({ url: server.url, guard: messageGuard });
      expect(response.body.id).toBe('ä');
    });
  });

  describe('parseText, for providers that may answer in another format', () => {
    // A toy reader for `<a><id>…</id><status>…</status></a>`; the connectors bring their own.
    const readToy = (text: string) => {
      const match = /^<a><id>([^<]*)<\/id><status>([^<]*)<\/status><\/a>$/.exec(text);
      return match ? { id: match[1], status: match[2] } : undefined;
    };
    const xml = (status: number, text: string) => async () =>
      startServer((_request, response) => {
        response.writeHead(status, { 'content-type': 'text/xml' });
        response.end(text);
      });

    it('reads a 200 answer that is not JSON through parseText and the guard', async () => {
      const server = await xml(200, '<a><id>m1</id><status>sent</status></a>')();
      const response = await client({ parseText: readToy }).request({
        url: server.url,
        guard: messageGuard,
      });
      expect(response.body).toEqual({ id: 'm1', status: 'sent' });
      expect(response.rawBody).toBe('<a><id>m1</id><status>sent</status></a>');
    });

    it('hands readFailure what parseText read from an error answer', async () => {
      const server = await xml(400, '<a><id>m2</id><status>bad number</status></a>')();
      const bodies: unknown[] = [];
      await failureOf(
        client({
          parseText: readToy,
          readFailure: (body) => {
            bodies.push(body);
            return undefined;
          },
        }).request({ url: server.url, guard: messageGuard }),
      );
      expect(bodies).toEqual([{ id: 'm2', status: 'bad number' }]);
    });

    it('treats text parseText cannot read, or throws on, as a body that is not JSON', async () => {
      const server = await xml(200, '<html>gateway</html>')();
      for (const parseText of [
        readToy,
        () => {
          throw new Error('reader bug');
        },
      ]) {
        const error = await failureOf(
          client({ parseText }).request({ url: server.url, guard: messageGuard }),
        );
        expect(error.data).toEqual({
          provider,
          status: 200,
          message: 'acme answered HTTP 200 with a body that is not JSON',
        });
      }
    });
  });

  it('reads a 4xx body with readFailure and maps it with classify', async () => {
    const server = await startServer((_request, response) =>
      json(
        response,
        400,
        { code: 21211, message: "The 'To' number is not valid", more_info: 'https://e.x/21211' },
        { 'twilio-request-id': 'RQ123' },
      ),
    );
    const seenByParser: unknown[] = [];
    const error = await failureOf(
      client({
        readFailure: (body, status, headers) => {
          seenByParser.push(status);
          const parsed = z
            .object({ code: z.number(), message: z.string(), more_info: z.string() })
            .parse(body);
          return {
            code: String(parsed.code),
            message: parsed.message,
            requestId: String(headers['twilio-request-id']),
            details: { more_info: parsed.more_info },
          };
        },
        classify: ({ code }) =>
          code === '21211' ? ConnectorErrorCodes.InvalidRequestParameters : undefined,
      }).request({ url: server.url, guard: messageGuard }),
    );
    expect(seenByParser).toEqual([400]);
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data).toEqual({
      provider,
      status: 400,
      code: '21211',
      message: "The 'To' number is not valid",
      requestId: 'RQ123',
      details: { more_info: 'https://e.x/21211' },
    });
    expect(failureKindOf(error)).toEqual({ kind: 'answered', status: 400 });
  });

  it('falls back on the status when classify does not know the code', async () => {
    const server = await startServer((_request, response) =>
      json(response, 429, { code: 'unlisted', message: 'slow down' }),
    );
    const error = await failureOf(
      client({
        readFailure: (body) => body as { code: string; message: string },
        classify: () => undefined,
      }).request({ url: server.url, guard: messageGuard }),
    );
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data).toMatchObject({ status: 429, code: 'unlisted', message: 'slow down' });
  });

  it.each([
    [429, 'rate_limit_exceeded'],
    [401, 'invalid_config'],
    [403, 'invalid_config'],
    [402, 'usage_limit_exceeded'],
    [404, 'general'],
  ])('maps HTTP %i to %s without a parser', async (status, code) => {
    const server = await startServer((_request, response) =>
      json(response, status, { message: 'no' }),
    );
    const error = await failureOf(client().request({ url: server.url, guard: messageGuard }));
    expect(error.code).toBe(code);
    expect(error.data).toEqual({ provider, status, message: `acme answered HTTP ${status}` });
  });

  it('maps 429 from an https provider (nock) to rate_limit_exceeded', async () => {
    nock('https://api.acme.example').post('/send').reply(429, { message: 'Too many requests' });
    const error = await failureOf(
      client().request({ url: 'https://api.acme.example/send', guard: messageGuard }),
    );
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data).toMatchObject({ status: 429 });
  });

  it.each([500, 502, 503, 504])(
    'maps HTTP %i with an HTML body to general, keeping the status',
    async (status) => {
      const server = await startServer((_request, response) => {
        response.writeHead(status, { 'content-type': 'text/html' });
        response.end('<html>upstream error</html>');
      });
      const bodies: unknown[] = [];
      const error = await failureOf(
        client({
          readFailure: (body) => {
            bodies.push(body);
            return undefined;
          },
        }).request({ url: server.url, guard: messageGuard }),
      );
      expect(error.code).toBe('general');
      expect(error.data).toEqual({ provider, status, message: `acme answered HTTP ${status}` });
      // A body that is not JSON reaches the parser as its text.
      expect(bodies).toEqual(['<html>upstream error</html>']);
      expect(failureKindOf(error)).toEqual({ kind: 'answered', status });
    },
  );

  it('never retries a POST: one request after a 503', async () => {
    const server = await startServer((_request, response) =>
      json(response, 503, { message: 'busy' }, { 'retry-after': '0' }),
    );
    await failureOf(client().request({ url: server.url, form: { a: '1' }, guard: messageGuard }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.seen).toHaveLength(1);
  });

  it('never retries a GET either', async () => {
    const server = await startServer((_request, response) => json(response, 502, {}));
    await failureOf(client().request({ method: 'GET', url: server.url, guard: messageGuard }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.seen).toHaveLength(1);
  });

  it.each([301, 302, 303, 307, 308])('does not follow a %i redirect', async (status) => {
    const target = await startServer((_request, response) =>
      json(response, 200, { id: '1', status: 'sent' }),
    );
    const server = await startServer((_request, response) => {
      response.writeHead(status, { location: `${target.url}/elsewhere` });
      response.end();
    });
    const error = await failureOf(
      client().request({ url: server.url, form: { a: '1' }, guard: messageGuard }),
    );
    expect(error.code).toBe('general');
    expect(error.data).toMatchObject({ status });
    expect(target.seen).toHaveLength(0);
  });
});

describe('createHttpClient, network failures', () => {
  it('gives up after timeoutMs when the provider never answers: ETIMEDOUT, maybe sent', async () => {
    const server = await startServer(() => {
      // Reads the request and never answers.
    });
    const started = performance.now();
    const error = await failureOf(
      client({ timeoutMs: 200 }).request({
        url: server.url,
        form: { a: '1' },
        guard: messageGuard,
      }),
    );
    // A lower bound only: timers never fire early, but a busy machine may run them late.
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(error.code).toBe('general');
    expect(error.data).toEqual({
      provider,
      code: 'ETIMEDOUT',
      message: expect.stringMatching(/^acme did not answer within 200 ms; .*may still/),
    });
    expect(failureKindOf(error)).toEqual({ kind: 'maybe-sent' });
    expect(server.seen).toHaveLength(1);
  });

  it('reports a whole-request timeout before the request was written as not sent', async () => {
    // The connection takes longer than the whole-request limit (a slow TLS handshake, say). With
    // a 100 ms limit the connect phase gets 100 ms too, started later, so the whole-request
    // limit runs out first, before anything was written.
    nock('https://api.acme.test')
      .post('/send')
      .delayConnection(2000)
      .reply(200, { id: '1', status: 'sent' });
    const error = await failureOf(
      client({ timeoutMs: 100 }).request({
        url: 'https://api.acme.test/send',
        form: { a: '1' },
        guard: messageGuard,
      }),
    );
    expect(error.data).toEqual({
      provider,
      code: 'ETIMEDOUT',
      message: 'could not connect to acme within 100 ms',
    });
    expect(failureKindOf(error)).toEqual({ kind: 'not-sent' });
  });

  it('reports a refused connection as general ECONNREFUSED, not sent', async () => {
    const port = await closedPort();
    const error = await failureOf(
      client().request({ url: `http://127.0.0.1:${port}/send`, guard: messageGuard }),
    );
    expect(error.code).toBe('general');
    expect(error.data).toEqual({
      provider,
      code: 'ECONNREFUSED',
      message: 'could not reach acme (ECONNREFUSED)',
    });
    expect(failureKindOf(error)).toEqual({ kind: 'not-sent' });
  });

  it('reports a connection reset after the request as general ECONNRESET, maybe sent', async () => {
    const server = await startServer((request) => request.socket.resetAndDestroy());
    const error = await failureOf(
      client().request({ url: server.url, form: { a: '1' }, guard: messageGuard }),
    );
    expect(server.seen).toHaveLength(1);
    expect(error.code).toBe('general');
    expect(error.data).toMatchObject({ provider, code: 'ECONNRESET' });
    expect((error.data as { message: string }).message).toMatch(
      /^connection to acme failed \(ECONNRESET\); .*may still/,
    );
    expect(failureKindOf(error)).toEqual({ kind: 'maybe-sent' });
  });

  it.each([
    ['with a content-length', false],
    ['chunked', true],
  ])(
    'abandons a response larger than maxResponseBytes (%s) with invalid_response',
    async (_case, chunked) => {
      const big = JSON.stringify({ id: '1', status: 'sent', padding: 'x'.repeat(64 * 1024) });
      const server = await startServer((_request, response) => {
        if (chunked) {
          response.writeHead(200, { 'content-type': 'application/json' });
          for (let start = 0; start < big.length; start += 4096) {
            response.write(big.slice(start, start + 4096));
          }
          response.end();
        } else {
          json(response, 200, JSON.parse(big));
        }
      });
      const error = await failureOf(
        client({ maxResponseBytes: 1024 }).request({ url: server.url, guard: messageGuard }),
      );
      expect(error.code).toBe('invalid_response');
      expect(error.data).toEqual({
        provider,
        message: 'acme sent a response larger than 1024 bytes',
      });
      expect(failureKindOf(error)).toEqual({ kind: 'maybe-sent' });
    },
  );

  it('accepts a response exactly at maxResponseBytes', async () => {
    const body = JSON.stringify({ id: '1', status: 'x'.repeat(100) });
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    const result = await client({ maxResponseBytes: Buffer.byteLength(body) }).request({
      url: server.url,
      guard: messageGuard,
    });
    expect(result.rawBody).toBe(body);
  });
});

describe('createHttpClient, secrets', () => {
  const user = 'AC0123456789abcdef';
  const password = 'auth-token-5f3c9a1e7b2d';
  const apiKey = 'key-9d8c7b6a5f4e3d2c';
  const basic = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const forms = [
    password,
    apiKey,
    encodeURIComponent(apiKey),
    Buffer.from(`${user}:${password}`).toString('base64'),
    `${user}:${password}`,
    Buffer.from(password).toString('base64'),
    Buffer.from(apiKey).toString('base64'),
  ];

  const expectClean = (error: ConnectorError) => {
    for (const text of textsOf(error)) {
      for (const form of forms) expect(text).not.toContain(form);
    }
  };

  it('keeps the Basic password and configured secrets out of an error the provider echoes them in', async () => {
    const server = await startServer((request, response, body) =>
      json(response, 401, {
        message: `Authorization ${request.headers.authorization ?? ''} rejected; decoded ${Buffer.from(
          (request.headers.authorization ?? '').slice(6),
          'base64',
        ).toString()}; password ${password}; body ${body}; key ${apiKey}; b64 ${Buffer.from(
          apiKey,
        ).toString('base64')}`,
        code: `E_${password}`,
        request_id: `rid-${apiKey}`,
      }),
    );
    const error = await failureOf(
      client({
        secrets: [apiKey],
        readFailure: (body) => {
          const parsed = body as { message: string; code: string; request_id: string };
          return {
            message: parsed.message,
            code: parsed.code,
            requestId: parsed.request_id,
            details: { echo: parsed.message },
          };
        },
      }).request({
        url: server.url,
        headers: { Authorization: basic },
        form: { api_key: apiKey, To: '+14155550123' },
        guard: messageGuard,
      }),
    );
    expect(server.seen[0]?.headers.authorization).toBe(basic);
    expect(error.code).toBe('invalid_config');
    expect(error.data).toMatchObject({ code: 'E_[redacted]', requestId: 'rid-[redacted]' });
    expect((error.data as { message: string }).message).toContain('To=%2B14155550123');
    expectClean(error);
  });

  it('redacts a Bearer token taken from the request headers', async () => {
    const token = 'bearer-token-0f1e2d3c4b5a';
    const server = await startServer((request, response) =>
      json(response, 403, { message: `bad token ${request.headers.authorization ?? ''}` }),
    );
    const error = await failureOf(
      client({ readFailure: (body) => body as { message: string } }).request({
        url: server.url,
        headers: { authorization: `Bearer ${token}` },
        guard: messageGuard,
      }),
    );
    expect(error.data).toMatchObject({ message: 'bad token Bearer [redacted]' });
  });

  it('hides what only the call knows with its own redactor, and the client’s secrets too', async () => {
    const authCode = 'auth-code-7a6b5c4d3e2f';
    const server = await startServer((_request, response) =>
      json(response, 400, { message: `code ${authCode} refused for key-SECRET-0123` }),
    );
    const error = await failureOf(
      client({
        secrets: ['key-SECRET-0123'],
        readFailure: (body) => body as { message: string },
      }).request({
        url: server.url,
        form: { auth_code: authCode },
        guard: messageGuard,
        redact: createRedactor([authCode]),
      }),
    );
    expect(error.data).toMatchObject({ message: 'code [redacted] refused for [redacted]' });
    expectClean(error);
  });

  it('keeps secrets in the URL and headers out of a network error', async () => {
    const port = await closedPort();
    const error = await failureOf(
      client({ secrets: [apiKey] }).request({
        url: `http://${user}:${password}@127.0.0.1:${port}/v1/${apiKey}`,
        headers: { Authorization: basic },
        searchParams: { key: apiKey },
        guard: messageGuard,
      }),
    );
    expect(error.data).toMatchObject({ code: 'ECONNREFUSED' });
    expect(JSON.stringify(error)).not.toContain(String(port));
    expectClean(error);
  });

  it('holds no raw got error, request or response', async () => {
    const server = await startServer((_request, response) => json(response, 500, {}));
    const error = await failureOf(
      client().request({ url: server.url, headers: { Authorization: basic }, guard: messageGuard }),
    );
    expect(error.cause).toBeUndefined();
    expect(Object.keys(error).sort()).toEqual(['code', 'data']);
    expect(inspect(error, { depth: Infinity, showHidden: true })).not.toMatch(
      /RequestError|IncomingMessage|ClientRequest|127\.0\.0\.1/,
    );
  });
});

describe('createHttpClient, fail()', () => {
  it('classifies a 200-but-failed body with classify, as answered', () => {
    const http = client({
      secrets: ['access-secret-0001'],
      classify: ({ code }) =>
        code === 'isv.BUSINESS_LIMIT_CONTROL' ? ConnectorErrorCodes.RateLimitExceeded : undefined,
    });
    const error = http.fail({
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      message: 'throttled for access-secret-0001',
      requestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
    });
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data).toEqual({
      provider,
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      message: 'throttled for [redacted]',
      requestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
    });
    expect(failureKindOf(error)).toEqual({ kind: 'answered' });
  });

  it('falls back on general without a status, and on the status when one is given', () => {
    const http = client();
    expect(http.fail({ code: 'unknown' })).toMatchObject({
      code: 'general',
      data: { provider, code: 'unknown', message: 'acme request failed' },
    });
    expect(http.fail({ status: 429 })).toMatchObject({
      code: 'rate_limit_exceeded',
      data: { status: 429, message: 'acme answered HTTP 429' },
    });
  });

  it('knows nothing about errors it did not create', () => {
    expect(failureKindOf(new ConnectorError(ConnectorErrorCodes.General))).toBeUndefined();
    expect(failureKindOf(new Error('x'))).toBeUndefined();
    expect(failureKindOf(undefined)).toBeUndefined();
    expect(failureKindOf('text')).toBeUndefined();
  });
});

describe('createHttpClient, regressions', () => {
  it("hides a secret with !'()*~ that the provider echoes from a form body", async () => {
    const secret = "Pa!ss'w(o)rd*~";
    const server = await startServer((_request, response, body) =>
      json(response, 400, { message: `bad request ${body}` }),
    );
    const error = await failureOf(
      client({
        secrets: [secret],
        readFailure: (body) => ({ message: (body as { message: string }).message }),
      }).request({ url: server.url, form: { password: secret }, guard: messageGuard }),
    );
    expect((error.data as { message: string }).message).toContain('[redacted]');
    for (const text of textsOf(error)) {
      expect(text).not.toContain('Pa%21ss%27w%28o%29rd');
      expect(text).not.toContain(encodeURIComponent(secret));
    }
  });

  it('keeps the HTTP error when the connector’s readFailure throws on an unexpected body', async () => {
    const server = await startServer((_request, response) =>
      json(response, 503, { unexpected: true }),
    );
    const error = await failureOf(
      client({
        readFailure: (body) => z.object({ message: z.string() }).parse(body),
      }).request({ url: server.url, guard: messageGuard }),
    );
    expect(error).toMatchObject({ code: ConnectorErrorCodes.General, data: { status: 503 } });
  });
});
