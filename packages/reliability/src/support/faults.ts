// The network faults, each a loopback server that misbehaves in one way. Shared by faults.test.ts
// and the child process of exit.test.ts, so it imports nothing from vitest.
import type { Socket } from 'node:net';

import { selfSignedCert, selfSignedKey } from './self-signed.js';
import {
  closedPort,
  Connections,
  type LoopbackServer,
  startTcpServer,
  startTlsServer,
} from './servers.js';

export type Fault = {
  name: string;
  /** True when only the connector's timeout can end the call. */
  waits: boolean;
  /** What `data.code` of the ConnectorError must match. */
  code: RegExp;
  start(): Promise<LoopbackServer>;
};

const headers = (extra: string) =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${extra}\r\n`;

/** Runs `onRequest` once the first bytes of a request arrived. */
const onFirstData = (onRequest: (socket: Socket) => void) => (socket: Socket) => {
  socket.on('error', () => undefined);
  socket.once('data', () => onRequest(socket));
};

export const faults: Fault[] = [
  {
    name: 'no answer (request read, nothing sent back)',
    waits: true,
    code: /^ETIMEDOUT$/,
    start: () => startTcpServer(onFirstData(() => undefined)),
  },
  {
    name: 'headers, then silence',
    waits: true,
    code: /^ETIMEDOUT$/,
    start: () =>
      startTcpServer(onFirstData((socket) => socket.write(headers('content-length: 4096\r\n')))),
  },
  {
    name: 'a slow drip (one byte every 50 ms, never ending)',
    waits: true,
    code: /^ETIMEDOUT$/,
    start: () =>
      startTcpServer(
        onFirstData((socket) => {
          socket.write(`${headers('transfer-encoding: chunked\r\n')}1\r\n{\r\n`);
          const drip = setInterval(() => socket.write('1\r\n \r\n'), 50);
          socket.once('close', () => clearInterval(drip));
        }),
      ),
  },
  {
    name: 'a reset in the middle of the body',
    waits: false,
    code: /^(ECONNRESET|ERR_STREAM_PREMATURE_CLOSE|EPIPE)$/,
    start: () =>
      startTcpServer(
        onFirstData((socket) => {
          socket.write(`${headers('content-length: 5000\r\n')}{"sid":"SM`);
          setTimeout(() => socket.resetAndDestroy(), 20);
        }),
      ),
  },
  {
    name: 'the connection closed before any answer',
    waits: false,
    code: /^(ECONNRESET|ERR_STREAM_PREMATURE_CLOSE)$/,
    start: () => startTcpServer(onFirstData((socket) => socket.end())),
  },
  {
    name: 'connection refused',
    waits: false,
    code: /^ECONNREFUSED$/,
    start: async () => {
      const port = await closedPort();
      return {
        url: `http://127.0.0.1:${port}`,
        port,
        connections: new Connections(),
        close: async () => undefined,
      };
    },
  },
  {
    name: 'TLS: a plain-text answer to the ClientHello',
    waits: false,
    code: /^(EPROTO|ECONNRESET|ERR_SSL_WRONG_VERSION_NUMBER)$/,
    start: () =>
      startTcpServer(
        onFirstData((socket) =>
          socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'),
        ),
        'https',
      ),
  },
  {
    name: 'TLS: a self-signed certificate',
    waits: false,
    code: /^DEPTH_ZERO_SELF_SIGNED_CERT$/,
    start: () => startTlsServer(selfSignedKey, selfSignedCert),
  },
  {
    name: 'TLS: the handshake never completes',
    waits: true,
    code: /^ETIMEDOUT$/,
    start: () =>
      startTcpServer(
        onFirstData(() => undefined),
        'https',
      ),
  },
];

/** Connector timeout used against the faults, in ms. */
export const faultTimeoutMs = 400;
