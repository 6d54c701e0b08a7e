// Fault injection against loopback servers only: every fault ends within the configured timeout
// with a clean ConnectorError, the client closes every connection it opened, and no socket, server
// or timer is left behind. DNS failures are simulated with a stubbed dns.lookup.
// See support/network.ts: nock is off here, every DNS lookup is stubbed.
import { failureOf } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import {
  allSecrets,
  allUsers,
  configFor,
  invoke,
  loadSubjects,
  withoutOverrides,
} from './support/connectors.js';
import { createCounts } from './support/counts.js';
import { faults, faultTimeoutMs } from './support/faults.js';
import { guardNetwork, notFound, resolver } from './support/network.js';
import { expectCleanConnectorError } from './support/scanner.js';
import { activeResources, grownResources } from './support/servers.js';

const subjects = await loadSubjects();
const counts = createCounts('fault injection', ['faults injected', 'connectors']);
counts.connectors = subjects.length;

/**
 * The limit an error says ran out ("within 400 ms"): the configured timeout or its connect phase,
 * never the 10 s default. Read from the message, so no clock on a busy machine decides the test.
 */
const limitOf = (failure: { data?: unknown }) =>
  Number(/within (\d+) ms/.exec((failure.data as { message?: string }).message ?? '')?.[1]);
const loopbackOnly = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
const placeholderBase = 'http://127.0.0.1:9';

/** Lets closed handles leave Node's list. */
const settle = async () => {
  for (let round = 0; round < 5; round++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
};

guardNetwork();

describe.each(subjects)('$folder', (subject) => {
  const secrets = allSecrets(subject);
  const users = allUsers(subject);

  it.each(faults)('$name', async (fault) => {
    await settle();
    const before = activeResources();
    const server = await fault.start();
    let elapsed: number;
    let error: unknown;
    try {
      const config = subject.sandbox.single?.(server.url, { timeout: faultTimeoutMs }) ?? {
        ...configFor(subject, server.url),
        timeout: faultTimeoutMs,
      };
      const started = performance.now();
      error = await failureOf(() => invoke(subject, config));
      elapsed = performance.now() - started;
      counts['faults injected'] += 1;
      // The client, not the server, must have closed what it opened. Waits for the close events
      // themselves: a connection the client left open fails this test by the test's timeout.
      await server.connections.allClosed();
      // One attempt: nothing was sent again after the fault.
      expect(server.connections.accepted).toBeLessThanOrEqual(1);
    } finally {
      await server.close();
    }
    const failure = expectCleanConnectorError(error, { secrets, users, label: fault.name });
    expect(failure.data).toMatchObject({ code: expect.stringMatching(fault.code) });
    expect(failure.code).toBe('general');
    if (fault.waits) {
      // Ended by the configured timeout: not before its connect phase (half the timeout) ran
      // out, and by a limit no longer than the configured one. (A fault that does not wait ends
      // on an event, and `data.code` above names it.)
      expect(elapsed).toBeGreaterThanOrEqual(faultTimeoutMs / 2 - 25);
      expect((failure.data as { message: string }).message).toMatch(/within \d+ ms/);
      expect(limitOf(failure)).toBeLessThanOrEqual(faultTimeoutMs);
    }
    expect(resolver.looked).toEqual([]);
    await settle();
    expect(grownResources(before, activeResources())).toEqual([]);
  });

  const dnsFaults: Array<{ name: string; code: string; answer: typeof notFound }> = [
    { name: 'DNS: the lookup answers ENOTFOUND', code: 'ENOTFOUND', answer: notFound },
    { name: 'DNS: the lookup never answers', code: 'ETIMEDOUT', answer: () => undefined },
  ];

  it.each(dnsFaults)('$name (provider hosts, no resolver queried)', async (fault) => {
    resolver.answer = fault.answer;
    await settle();
    const before = activeResources();
    const config = subject.sandbox.single?.(undefined, { timeout: faultTimeoutMs }) ?? {
      ...withoutOverrides(subject.sandbox.config(placeholderBase), placeholderBase),
      timeout: faultTimeoutMs,
    };
    const started = performance.now();
    const error = await failureOf(() => invoke(subject, config));
    const elapsed = performance.now() - started;
    counts['faults injected'] += 1;

    const { looked } = resolver;
    expect(looked.length, 'dns.lookup was called').toBeGreaterThan(0);
    expect(looked.filter((host) => loopbackOnly.test(host))).toEqual([]);
    const failure = expectCleanConnectorError(error, { secrets, users, label: fault.name });
    expect(failure.data).toMatchObject({ code: fault.code });
    if (fault.code === 'ETIMEDOUT') {
      // Ended by the configured timeout (its lookup phase, or the whole request when the lookup
      // timer started late); a connector with several hosts (SMS Aero's gates) gives later hosts
      // only what is left of it.
      expect(elapsed).toBeGreaterThanOrEqual(faultTimeoutMs / 2 - 25);
      expect(limitOf(failure)).toBeLessThanOrEqual(faultTimeoutMs);
    }
    await settle();
    expect(grownResources(before, activeResources())).toEqual([]);
  });
});
