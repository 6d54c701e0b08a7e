// Moving bytes: one got instance per client with the connect-phase and whole-request limits, the
// byte cap on the answer, and the limit on a proxy's CONNECT tunnel. What comes back is the raw
// answer; what a failure means is for network-failure.ts, what an answer says for answer.ts.
import type { ClientRequest } from 'node:http';

import { got, type Method } from 'got';

import { responseTooLarge, tunnelTimeout } from './network-failure.js';
import { definedFields } from './objects.js';
import type { Route } from './proxy.js';

/** The parts of a request the transport sends. */
export type Outgoing = {
  method?: Method;
  url: string;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
  searchParams?: Record<string, string> | URLSearchParams;
};

/** An answer as it came off the wire. */
export type RawAnswer = {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
};

export type Transport = {
  /** The limit on each connect phase (half the request limit, at least 100 ms). */
  connectMs: number;
  /**
   * Sends and reads the whole answer. Rejects with got's error, or with `tunnelTimeout` or
   * `responseTooLarge` where those stopped the request.
   */
  send(request: Outgoing, route: Route): Promise<RawAnswer>;
};

export const createTransport = (timeoutMs: number, maxBytes: number): Transport => {
  const connectMs = Math.min(timeoutMs, Math.max(100, Math.round(timeoutMs / 2)));
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

  const send = async (request: Outgoing, route: Route): Promise<RawAnswer> => {
    let tooLarge = false;
    let tunnelTimer: NodeJS.Timeout | undefined;
    let tunnelTimedOut = false;
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
      const response = await call;
      // The client's responseType is 'buffer'; got's types do not carry it through extend().
      const body = response.body as unknown as Buffer;
      return { status: response.statusCode, body, headers: response.headers };
    } catch (error: unknown) {
      if (tunnelTimedOut) throw tunnelTimeout;
      if (tooLarge) throw responseTooLarge;
      throw error;
    } finally {
      clearTimeout(tunnelTimer);
    }
  };

  return { connectMs, send };
};
