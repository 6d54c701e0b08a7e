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
      const started = performance.now();
      const error = await failureOf(() =>
        connector.sendMessage(
          { to: '79990000000', type: 'SignIn' as never, payload: { code: '123456' } },
          { ...validConfig, gates, timeout: 600 },
        ),
      );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'general', data: { code: 'ETIMEDOUT' } });
      // Without the shared deadline each gate would spend its own 300 ms connect limit: 900 ms.
      expect(elapsed).toBeLessThan(880);
      expect((error as ConnectorError & { data: { message: string } }).data.message).toMatch(
        /could not connect .*\((all 3 gates failed|\d of 3 gates tried before the timeout ran out)\)/,
      );
    } finally {
      await Promise.all(servers.map(async (server) => server.close()));
    }
  });
});
