import { ConnectorError } from '@logto/connector-kit';
import { runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import sandbox from './sandbox.js';

describe('sandbox scenarios against the Twilio fake on loopback', () => {
  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    const result = await runSandboxScenario(sandbox, scenario, createConnector);
    expect(result.outcome).toBe(scenario.expect);
    if (scenario.expect === 'success') {
      expect(result.value).toMatchObject({ sid: expect.stringMatching(/^SM/) });
      expect(result.observations.map((observation) => observation.accepted)).toEqual([true]);
    } else {
      expect(result.error).toBeInstanceOf(ConnectorError);
      // Each error scenario reaches the fake, which turns the request down.
      expect(result.observations.map((observation) => observation.accepted)).toEqual([false]);
    }
  });
});
