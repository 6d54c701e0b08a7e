// SMS Aero tries its gates in turn when nothing was sent. The configured timeout must bound the
// whole send, not each gate. Real TLS handshakes on loopback, so nock is off here (its
// pass-through raises a stray ECANCELED when a TLS socket that never completed is destroyed).
import { ConnectorError } from '@logto/connector-kit';
import { buildConnector, failureOf, startSilentServer } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import { validConfig } from '../../connector-smsaero/src/__fixtures__/configs.js';
import createConnector from '../../connector-smsaero/src/index.js';
import { guardNetwork } from './support/network.js';

guardNetwork();

describe('SMS Aero gate failover within one timeout', () => {
  it('keeps the whole send within the timeout when every gate hangs before TLS completes', async () => {
    // Three gates that accept TCP and never answer the TLS handshake: nothing is sent, so each
    // failure moves on, but later gates only get what is left of the timeout.
    const servers = await Promise.all([0, 1, 2].map(async () => startSilentServer()));
    try {
      const gates = servers.map((server) => `https://127.0.0.1:${server.port}`);
      const connector = await buildConnector(createConnector);
      const error = await failureOf(() =>
        connector.sendMessage(
          { to: '79990000000', type: 'SignIn' as never, payload: { code: '123456' } },
          { ...validConfig, gates, timeout: 600 },
        ),
      );
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'general', data: { code: 'ETIMEDOUT' } });
      const { message } = (error as ConnectorError & { data: { message: string } }).data;
      // Which limit of a hanging gate runs out first is the machine's choice: its connect limit
      // ("could not connect …", then the next gate), or, when the connection itself came late on
      // a busy machine, its whole-request limit ("did not answer …", which ends the failover).
      expect(message).toMatch(
        /could not connect .*\((all 3 gates failed|\d of 3 gates tried before the timeout ran out)\)|did not answer within \d+ ms/,
      );
      // Read from the message, not from a clock. With a timeout per gate, each of the three would
      // get its own 300 ms connect limit (half of 600 ms, 900 ms in all) and all three would fail:
      // the last names 300 ms. With one deadline for the send, a gate after the first has less
      // than 300 ms left, or the deadline stops the failover before the last gate.
      const limit = Number(/within (\d+) ms/.exec(message)?.[1]);
      expect(limit).toBeLessThanOrEqual(600);
      expect(/all 3 gates failed/.test(message) && limit >= 300, message).toBe(false);
    } finally {
      await Promise.all(servers.map(async (server) => server.close()));
    }
  });
});
