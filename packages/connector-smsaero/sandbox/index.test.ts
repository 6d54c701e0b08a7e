import { readFileSync } from 'node:fs';

import { ConnectorError, TemplateType } from '@logto/connector-kit';
import { describeIntermediaryReplies, runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from '../src/index.js';
import { validConfig } from '../src/__fixtures__/configs.js';
import sandbox, { awkwardNumbers, deadGate } from './index.js';

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

  it('is written from SMS Aero’s documentation: it imports none of the connector’s own code', () => {
    const source = readFileSync(new URL('index.ts', import.meta.url), 'utf8');
    const local = [...source.matchAll(/from '(\.[^']*)'/g)].map((match) => match[1]);
    expect(local.filter((path) => !path?.startsWith('../src/__fixtures__/'))).toEqual([]);
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

// The dead gate comes first in the sandbox config and refuses the connection: the fake still hears
// the request exactly once.
describeIntermediaryReplies({
  providerName: 'SMS Aero',
  provider: 'smsaero',
  sandbox,
  createConnector,
  cases: [
    ['html502', 502, /^text\/html/, /<title>502 Bad Gateway<\/title>/, 'general'],
    ['html503', 503, /^text\/html/, /<h1>503 Service Unavailable<\/h1>/, 'general'],
    ['text401', 401, /^text\/plain/, /^Forbidden$/, 'invalid_config'],
    ['empty200', 200, undefined, /^$/, 'invalid_response'],
  ],
  request: (baseUrl, name) =>
    fetch(`${baseUrl}/v2/sms/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: awkwardNumbers[name], sign: 'SMS Aero', text: 'hi' }),
    }),
  message: (name) => ({
    to: awkwardNumbers[name],
    type: TemplateType.SignIn,
    payload: { code: '482913' },
  }),
  secrets: [validConfig.apiKey],
  users: [validConfig.email],
});
