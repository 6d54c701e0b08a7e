// Dev-only helpers for the sandbox demo: a fake provider on 127.0.0.1 and the types a connector's
// `sandbox/index.ts` exports. That folder sits beside the connector's `src/`, outside the package's
// `files`; neither it nor this module is ever bundled into a published connector.
import { createServer, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';

import type {
  ConnectorErrorCodes,
  GetAuthorizationUri,
  GetUserInfo,
  SendMessageData,
  SendMessageFunction,
} from '@logto/connector-kit';

export type RecordedRequest = {
  method: string;
  /** Path with query string. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
};

export type FakeReply = {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: string | Record<string, unknown>;
};

/** What a fake says about one request: what it saw (secrets masked) and whether it accepted it. */
export type Observation = {
  summary: string;
  accepted: boolean;
  reason?: string;
};

/** How a fake reports what it saw; `verdicts` wraps it for the usual refuse-or-accept rules. */
export type Observe = (observation: Observation) => void;

export type FakeHandler = (
  request: RecordedRequest,
  observe: Observe,
) => FakeReply | Promise<FakeReply>;

export type FakeServer = {
  url: string;
  observations: Observation[];
  close(): Promise<void>;
};

/** A reply of the kind a fake answers with, and why, for its observation. */
export type ReasonedReply = FakeReply & { reason: string };

/**
 * What stands in front of a real provider answers in formats of its own: nginx's 502 page, a load
 * balancer's 503 page, a proxy's plain-text 401, and an empty success. Every fake offers these.
 */
export const intermediaryReplies = {
  html502: {
    reason: 'answered as a load balancer: 502 HTML page',
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  },
  html503: {
    reason: 'answered as a load balancer: 503 HTML page',
    status: 503,
    headers: { 'content-type': 'text/html', 'cache-control': 'no-cache' },
    body: '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n',
  },
  text401: {
    reason: 'answered 401 in plain text',
    status: 401,
    headers: { 'content-type': 'text/plain' },
    body: 'Forbidden',
  },
} satisfies Record<string, ReasonedReply>;

/** A success status with an empty body. */
export const emptyReply = (status: number): ReasonedReply => ({
  reason: `answered ${status} with an empty body`,
  status,
  body: '',
});

/** The three ways a fake answers one request, each recorded as an observation under `summary`. */
export type Verdicts = {
  /** One of the provider's rules turns the request down: records why, answers with `reply`. */
  refuse<Reply extends FakeReply>(reason: string, reply: Reply): Reply;
  /** The provider takes the request; `note` is shown beside it (something worth knowing even so). */
  accept<Reply extends FakeReply>(reply: Reply, note?: string): Reply;
  /** Whatever stands in front of the provider answers instead (see `intermediaryReplies`). */
  intercept(reply: ReasonedReply): FakeReply;
};

/**
 * Binds a fake's `observe` to the summary of one request, so each rule reads as the provider's
 * rule, `return refuse('no sender (21603)', twilioError(400, 21603, ...))`, and nothing is
 * answered without being recorded.
 */
export const verdicts = (observe: Observe, summary: string): Verdicts => ({
  refuse: (reason, reply) => {
    observe({ summary, accepted: false, reason });
    return reply;
  },
  accept: (reply, note) => {
    observe(
      note === undefined ? { summary, accepted: true } : { summary, accepted: true, reason: note },
    );
    return reply;
  },
  intercept: ({ reason, ...reply }) => {
    observe({ summary, accepted: false, reason });
    return reply;
  },
});

/** Starts an HTTP server on 127.0.0.1 with a random port. */
export const startFakeServer = async (handler: FakeHandler): Promise<FakeServer> => {
  const observations: Observation[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        text: body.toString('utf8'),
      };
      Promise.resolve()
        .then(() => handler(request, (observation) => observations.push(observation)))
        .then(
          (reply) => {
            const isJson = typeof reply.body === 'object';
            outgoing.writeHead(reply.status, {
              ...(isJson ? { 'content-type': 'application/json' } : {}),
              ...reply.headers,
            });
            outgoing.end(isJson ? JSON.stringify(reply.body) : (reply.body ?? ''));
          },
          (error: unknown) => {
            observations.push({ summary: 'fake crashed', accepted: false, reason: String(error) });
            outgoing.writeHead(500).end();
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    observations,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export const parseBasicAuth = (
  header: string | undefined,
): { user: string; password: string } | undefined => {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
};

export const parseForm = (text: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(text));

/** Shows enough of a secret to recognise it: `sk_l…89`. */
export const mask = (value: string): string =>
  value.length <= 6 ? '***' : `${value.slice(0, 4)}…${value.slice(-2)}`;

/** The connector calls a scenario may make (a built connector from any kit version fits). */
export type SandboxConnector = {
  sendMessage?: SendMessageFunction;
  getAuthorizationUri?: GetAuthorizationUri;
  getUserInfo?: GetUserInfo;
};

export type SandboxScenario = {
  name: string;
  /** Overrides the sandbox's config for this scenario. */
  config?: (baseUrl: string) => Record<string, unknown>;
  run: (connector: SandboxConnector, config: Record<string, unknown>) => Promise<unknown>;
  /** `success`, or the ConnectorError code the connector must answer with. */
  expect: 'success' | `${ConnectorErrorCodes}`;
};

/** What each connector's `sandbox/index.ts` default-exports. */
export type Sandbox = {
  /** The fake provider; one per demo run. */
  start(): Promise<FakeServer>;
  /** A config that points the connector at the fake. */
  config(baseUrl: string): Record<string, unknown>;
  scenarios: SandboxScenario[];
  /**
   * For a connector whose config holds other connectors' configs (the SMS router): a config that
   * sends through one provider alone, at `baseUrl` (its own hosts when undefined) with `timeout`
   * ms. The reliability suite's fault and load tests use it where a flat config takes `endpoint`
   * and `timeout` at its top level.
   */
  single?: (baseUrl: string | undefined, options: { timeout: number }) => Record<string, unknown>;
};

export const defineSandbox = (sandbox: Sandbox) => sandbox;

/** A scenario's `run` that sends one message, with the scenario's config as the Console's Test does. */
export const sends =
  (message: SendMessageData): SandboxScenario['run'] =>
  async (connector, config) => {
    if (!connector.sendMessage) throw new TypeError('this connector does not send messages');
    return connector.sendMessage(message, config);
  };

/**
 * What a connector's `src/probe.ts` default-exports for `switchboard check --probe`: one free,
 * read-only provider call with the given config, answering a sentence on what it proved.
 */
export type Probe = (config: Record<string, unknown>) => Promise<string>;

/**
 * What a connector's `src/advice.ts` default-exports for `switchboard check` and `doctor`: warnings
 * about a config its guard accepts but that leaves something open, and the same warning for an
 * installed package, whose config the doctor cannot see.
 */
export type Advice = {
  /** Warnings for a config (already accepted by the guard); none when it leaves nothing open. */
  config: (config: Record<string, unknown>) => string[];
  /** What `doctor` says about every installed copy of the package. */
  installed?: string;
};

export type ScenarioResult = {
  /** `success`, the ConnectorError code, or `crash: <what was thrown>`. */
  outcome: string;
  value?: unknown;
  error?: unknown;
  /** What the fake saw during this scenario. */
  observations: Observation[];
  latencyMs: number;
};

/** A ConnectorError from any copy of connector-kit (a built connector brings the host's). */
const outcomeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && 'data' in error
    ? String(error.code)
    : `crash: ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`;

/**
 * Runs one scenario against a running fake: builds the connector as Logto does for a saved one
 * (`getConfig` answers with the scenario's config), runs it, and reports the outcome, the value or
 * error, what the fake observed and how long it took. Shared by `switchboard demo` and the tests.
 */
export const runScenario = async (options: {
  sandbox: Sandbox;
  fake: FakeServer;
  scenario: SandboxScenario;
  createConnector: (options: { getConfig: (id: string) => Promise<unknown> }) => Promise<unknown>;
}): Promise<ScenarioResult> => {
  const { sandbox, fake, scenario } = options;
  const config = (scenario.config ?? sandbox.config)(fake.url);
  const seenBefore = fake.observations.length;
  const connector = (await options.createConnector({
    getConfig: async () => config,
  })) as SandboxConnector;
  const started = performance.now();
  try {
    const value = await scenario.run(connector, config);
    return {
      outcome: 'success',
      value,
      observations: fake.observations.slice(seenBefore),
      latencyMs: performance.now() - started,
    };
  } catch (error: unknown) {
    return {
      outcome: outcomeOf(error),
      error,
      observations: fake.observations.slice(seenBefore),
      latencyMs: performance.now() - started,
    };
  }
};

export type SilentServer = { url: string; port: number; close(): Promise<void> };

/**
 * A TCP server on 127.0.0.1 that accepts connections, reads whatever arrives and never answers:
 * over http the request is sent and no reply comes; over https the TLS handshake never completes.
 */
export const startSilentServer = async (): Promise<SilentServer> => {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

/**
 * Several fakes seen as one, for a connector that talks to several providers (the SMS router):
 * every observation of each, in the order they arrive, its summary led by the fake's name.
 */
export const combineFakes = (fakes: Record<string, FakeServer>): FakeServer => {
  const observations: Observation[] = [];
  for (const [name, fake] of Object.entries(fakes)) {
    const own = fake.observations;
    own.push = (...added: Observation[]) => {
      for (const observation of added) {
        observations.push({ ...observation, summary: `${name}: ${observation.summary}` });
      }
      return Array.prototype.push.apply(own, added);
    };
  }
  return {
    url: Object.values(fakes)[0]?.url ?? '',
    observations,
    close: async () => {
      await Promise.all(Object.values(fakes).map(async (fake) => fake.close()));
    },
  };
};

/**
 * One address in front of several fakes, for a connector that talks to several providers (the
 * SMS router): each request goes, unchanged (Host header included, which signatures cover), to
 * the first fake whose prefix starts its path; a path under a `hold` prefix gets no answer at all,
 * like a provider that took the request and went silent.
 */
export const startDispatcher = async (
  targets: ReadonlyArray<{ prefix: string; fake: FakeServer }>,
  hold?: string,
): Promise<{ url: string; close(): Promise<void> }> => {
  const server = createServer((incoming, outgoing) => {
    const url = incoming.url ?? '/';
    if (hold && url.startsWith(hold)) {
      incoming.resume();
      return;
    }
    const target = targets.find(({ prefix }) => url.startsWith(prefix));
    if (!target) {
      outgoing.writeHead(404).end();
      return;
    }
    const { port } = new URL(target.fake.url);
    const forwarded = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: incoming.method,
        path: url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
