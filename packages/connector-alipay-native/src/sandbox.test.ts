import { ConnectorError } from '@logto/connector-kit';
import { loadPrivateKey } from '@switchboard/core';
import { buildConnector, runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import { validConfig } from './__fixtures__/configs.js';
import createConnector from './index.js';
import { signParameters } from './signing.js';
import sandbox from './sandbox.js';

describe('sandbox scenarios against the Alipay fake on loopback', () => {
  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    // As in Logto (and `switchboard demo`): getConfig answers with the saved config.
    const result = await runSandboxScenario(sandbox, scenario, createConnector);
    expect(result.outcome).toBe(scenario.expect);
    if (scenario.expect === 'success') {
      expect(result.value).toMatchObject({ id: '2088102104794936', name: '沙箱用户' });
      // The Alipay app, then the token call, then the profile call; all accepted.
      expect(result.observations.map((observation) => observation.accepted)).toEqual([
        true,
        true,
        true,
      ]);
      expect(result.observations.map((observation) => observation.summary).join('\n')).toMatch(
        /alipay\.system\.oauth\.token[\s\S]*alipay\.user\.info\.share/,
      );
    } else {
      expect(result.error).toBeInstanceOf(ConnectorError);
      expect(result.observations.map((observation) => observation.accepted)).toEqual([false]);
    }
  });

  it('the fake turns down a correctly signed request whose timestamp is UTC, not Beijing time', async () => {
    const fake = await sandbox.start();
    try {
      const key = loadPrivateKey('alipay', 'privateKey', validConfig.privateKey);
      const utc = new Date().toISOString().slice(0, 19).replace('T', ' ');
      const signed = signParameters(
        {
          app_id: validConfig.appId,
          method: 'alipay.system.oauth.token',
          format: 'JSON',
          charset: 'utf-8',
          sign_type: 'RSA2',
          timestamp: utc,
          version: '1.0',
          grant_type: 'authorization_code',
          code: 'x',
        },
        key,
        'RSA2',
      );
      const reply = await fetch(`${fake.url}/gateway.do`, {
        method: 'POST',
        body: new URLSearchParams(signed),
      });
      expect(await reply.text()).toContain('isv.invalid-timestamp');
      expect(fake.observations[0]).toMatchObject({
        accepted: false,
        reason: 'isv.invalid-timestamp',
      });
    } finally {
      await fake.close();
    }
  });

  it('never shows an auth code or signature in full in what it observed', async () => {
    const fake = await sandbox.start();
    try {
      const [login] = sandbox.scenarios;
      const config = sandbox.config(fake.url);
      await login!.run(await buildConnector(createConnector, config), config);
      const summaries = fake.observations.map((observation) => observation.summary).join('\n');
      expect(summaries).not.toMatch(/auth_token=authusrB[0-9a-f]{32}/);
      expect(summaries).not.toMatch(/sign=[A-Za-z0-9+/]{40}/);
    } finally {
      await fake.close();
    }
  });
});
