// Loopback servers only (127.0.0.1): a recording proxy in front of a sandbox fake, a scripted
// server that replays or mutates provider answers, and the fault servers. Every server counts its
// connections and can tell whether the client has closed each one.
import { once } from 'node:events';
import http, { type IncomingHttpHeaders } from 'node:http';
import net, { type AddressInfo, type Server, type Socket } from 'node:net';
import tls from 'node:tls';

export type Recorded = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
};

export type Reply = {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
};

/** Tracks the sockets a server accepted, and which of them the other side has closed. */
export class Connections {
  readonly sockets = new Set<Socket>();
  accepted = 0;
  closed = 0;
  private readonly waiting: Array<() => void> = [];

  track(socket: Socket) {
    this.accepted += 1;
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.closed += 1;
      this.sockets.delete(socket);
      if (this.open === 0) for (const resolve of this.waiting.splice(0)) resolve();
    });
  }

  get open() {
    return this.sockets.size;
  }

  /**
   * Resolves on the close event of the last open socket: no deadline, no polling. A client that
   * leaves a connection open fails the test by the test's own timeout.
   */
  async allClosed(): Promise<void> {
    if (this.open === 0) return;
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
    });
  }

  destroyAll() {
    for (const socket of this.sockets) socket.destroy();
  }
}

export type LoopbackServer = {
  url: string;
  port: number;
  connections: Connections;
  close(): Promise<void>;
};

const listen = async (server: Server, connections: Connections, scheme = 'http') => {
  server.on('connection', (socket: Socket) => connections.track(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    connections,
    close: async () => {
      connections.destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies LoopbackServer;
};

const readBody = async (request: http.IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** An HTTP server whose answers come from `handle`. */
export const startHttpServer = async (
  handle: (
    request: Recorded,
    response: http.ServerResponse,
    socket: Socket,
  ) => void | Promise<void>,
): Promise<LoopbackServer> => {
  const connections = new Connections();
  const server = http.createServer(async (incoming, outgoing) => {
    const recorded: Recorded = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: incoming.headers,
      body: await readBody(incoming),
    };
    try {
      await handle(recorded, outgoing, incoming.socket);
    } catch {
      if (!outgoing.headersSent) outgoing.writeHead(599);
      outgoing.end();
    }
  });
  server.keepAliveTimeout = 500;
  return listen(server, connections);
};

const sendReply = (outgoing: http.ServerResponse, reply: Reply) => {
  outgoing.writeHead(reply.status, reply.headers);
  outgoing.end(reply.body);
};

/** A request as one text: what a provider that echoes requests back would quote. */
export const requestText = (request: Recorded) =>
  [
    `${request.method} ${request.url}`,
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`),
    '',
    request.body,
  ].join('\n');

/** Decoded URL and body (query strings and forms percent-decoded), for finding values in them. */
export const decodedText = (request: Recorded) => {
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text.replaceAll('+', ' '));
    } catch {
      return text;
    }
  };
  return `${decode(request.url)}\n${decode(request.body)}`;
};

export type Exchange = { request: Recorded; reply: Reply };

/**
 * A proxy in front of a fake provider that records the exchanges made while `recording` is on.
 * `tamper` may change a request before it goes on, or the answer before it comes back.
 */
export const startRecorder = async (
  target: string,
  tamper: {
    request?: (request: Recorded) => Recorded;
    reply?: (reply: Reply, request: Recorded) => Reply;
  } = {},
) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const exchanges: Exchange[] = [];
  const state = { recording: true };
  const server = await startHttpServer(async (incoming, outgoing) => {
    const request = tamper.request?.(incoming) ?? incoming;
    const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const headers = { ...request.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      const call = http.request(`${target}${request.url}`, {
        method: request.method,
        headers: { ...headers, 'content-length': Buffer.byteLength(request.body) },
        agent,
      });
      call.on('response', resolve).on('error', reject);
      call.end(request.body);
    });
    const body = await readBody(upstream);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (
        typeof value === 'string' &&
        !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)
      ) {
        headers[name] = value;
      }
    }
    let reply: Reply = { status: upstream.statusCode ?? 502, headers, body };
    if (state.recording) exchanges.push({ request, reply });
    reply = tamper.reply?.(reply, request) ?? reply;
    sendReply(outgoing, reply);
  });
  return {
    ...server,
    exchanges,
    state,
    close: async () => {
      agent.destroy();
      await server.close();
    },
  };
};

/** A raw TCP server: `onConnection` decides what the socket sees. */
export const startTcpServer = async (
  onConnection: (socket: Socket) => void,
  scheme = 'http',
): Promise<LoopbackServer> => {
  const connections = new Connections();
  const server = net.createServer(onConnection);
  return listen(server, connections, scheme);
};

/** A TLS server with the given certificate: every handshake fails for a client that checks it. */
export const startTlsServer = async (key: string, cert: string): Promise<LoopbackServer> => {
  const connections = new Connections();
  const server = tls.createServer({ key, cert }, (socket) => {
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
  });
  server.on('tlsClientError', () => undefined);
  return listen(server, connections, 'https');
};

/** A loopback port nothing listens on: bound, then released. */
export const closedPort = async () => {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/** Active resources by type (sockets, servers, timers…), as Node counts them. */
export const activeResources = () => {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
};

/** The resource types whose count grew between two snapshots. */
export const grownResources = (before: Record<string, number>, after: Record<string, number>) =>
  Object.entries(after)
    .filter(([type, count]) => count > (before[type] ?? 0))
    .map(([type, count]) => `${type}: ${before[type] ?? 0} → ${count}`);
