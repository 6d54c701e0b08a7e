import { ConnectorError } from '@logto/connector-kit';
import { buildConnector, failureOf } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import sandbox from './sandbox.js';

describe('sandbox scenarios against the Twilio fake on loopback', () => {
  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    const fake = await sandbox.start();
    try {
      const config = (scenario.config ?? sandbox.config)(fake.url);
      const connector = await buildConnector(createConnector);
      if (scenario.expect === 'success') {
        await expect(scenario.run(connector, config)).resolves.toMatchObject({
          sid: expect.stringMatching(/^SM/),
        });
        expect(fake.observations.map((observation) => observation.accepted)).toEqual([true]);
      } else {
        const error = await failureOf(() => scenario.run(connector, config));
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error).toMatchObject({ code: scenario.expect });
        // Each error scenario reaches the fake, which turns the request down.
        expect(fake.observations.map((observation) => observation.accepted)).toEqual([false]);
      }
    } finally {
      await fake.close();
    }
  });
});
