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

/** Slack for a busy CI machine on top of the configured timeout. */
const marginMs = 1500;
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
      const config = { ...configFor(subject, server.url), timeout: faultTimeoutMs };
      const started = performance.now();
      error = await failureOf(() => invoke(subject, config));
      elapsed = performance.now() - started;
      counts['faults injected'] += 1;
      // The client, not the server, must have closed what it opened.
      expect(await server.connections.settle(1000), 'connections left open by the client').toBe(0);
    } finally {
      await server.close();
    }
    const failure = expectCleanConnectorError(error, { secrets, users, label: fault.name });
    expect(failure.data).toMatchObject({ code: expect.stringMatching(fault.code) });
    expect(failure.code).toBe('general');
    expect(elapsed).toBeLessThan((fault.waits ? faultTimeoutMs : 0) + marginMs);
    if (fault.waits) {
      // Ended by the timeout: not before its connect phase (half the timeout) ran out.
      expect(elapsed).toBeGreaterThanOrEqual(faultTimeoutMs / 2 - 25);
      expect((failure.data as { message: string }).message).toMatch(/within \d+ ms/);
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
    const config = {
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
    // A connector with several hosts (SMS Aero's gates) tries each: one connect phase per host.
    expect(elapsed).toBeLessThan(looked.length * faultTimeoutMs + marginMs);
    await settle();
    expect(grownResources(before, activeResources())).toEqual([]);
  });
});
