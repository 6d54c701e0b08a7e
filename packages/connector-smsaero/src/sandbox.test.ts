import { ConnectorError } from '@logto/connector-kit';
import { runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import sandbox, { deadGate } from './sandbox.js';
import { validConfig } from './__fixtures__/configs.js';

describe('sandbox scenarios against the SMS Aero fake on loopback', () => {
  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    const result = await runSandboxScenario(sandbox, scenario, createConnector);
    expect(result.outcome).toBe(scenario.expect);
    if (scenario.expect === 'success') {
      expect(result.value).toMatchObject({ id: expect.any(Number) });
      expect(result.observations.map((observation) => observation.accepted)).toEqual([true]);
    } else {
      expect(result.error).toBeInstanceOf(ConnectorError);
      expect(result.observations).toHaveLength(1);
    }
    // The fake's address is known only once it runs: the dead gate comes first, then the fake.
    expect((scenario.config ?? sandbox.config)(result.fake.url).gates).toEqual([
      deadGate,
      result.fake.url,
    ]);
  });

  it('the fake refuses what SMS Aero refuses: a number with a plus sign, an unapproved sender name', async () => {
    const fake = await sandbox.start();
    try {
      const response = await fetch(`${fake.url}/v2/sms/send`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${validConfig.email}:${validConfig.apiKey}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ number: '+79990000000', sign: 'Other', text: 'hi' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        success: false,
        data: { number: expect.any(Array), sign: expect.any(Array) },
      });
      expect(fake.observations[0]).toMatchObject({
        accepted: false,
        reason: 'invalid number, sign',
      });
      expect(fake.observations[0]?.summary).not.toContain(validConfig.apiKey);
    } finally {
      await fake.close();
    }
  });
});
