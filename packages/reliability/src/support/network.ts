// The network guard for test files that talk to loopback servers.
//
// nock's interceptor is switched off in these files: its pass-through socket is not the one a
// connector uses in production, and it breaks the very faults under test (a timeout after the
// response headers becomes an unhandled rejection, a TLS handshake timeout an uncaught ECANCELED, a
// slowly streamed large body an mswjs "Invariant Violation"). Instead every DNS lookup is stubbed:
// a host name never reaches a real resolver or host, while the loopback servers are addressed by
// IP (127.0.0.1), which Node answers without a resolver.
import dns from 'node:dns';
import { isIP } from 'node:net';

import nock from 'nock';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';

export type LookupCallback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;

export const notFound = (hostname: string, callback: LookupCallback) =>
  process.nextTick(() =>
    callback(
      Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        errno: -3008,
        syscall: 'getaddrinfo',
        hostname,
      }),
    ),
  );

/** What the stubbed resolver does with a host name, and every name it was asked for. */
export const resolver = { answer: notFound, looked: [] as string[] };

const realLookup = dns.lookup;

export const guardNetwork = () => {
  beforeAll(() => {
    nock.restore();
  });
  afterAll(() => {
    nock.activate();
  });
  beforeEach(() => {
    resolver.answer = notFound;
    resolver.looked = [];
    // Re-installed for every test: the shared config restores mocks after each one.
    vi.spyOn(dns, 'lookup').mockImplementation(((
      hostname: string,
      options: unknown,
      callback?: LookupCallback,
    ) => {
      if (isIP(hostname)) {
        return (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
      }
      resolver.looked.push(hostname);
      resolver.answer(
        hostname,
        (typeof options === 'function' ? options : callback) as LookupCallback,
      );
    }) as unknown as typeof dns.lookup);
  });
};
