import { readFileSync } from 'node:fs';

import { ConnectorError } from '@logto/connector-kit';
import {
  buildConnector,
  failureOf,
  findSecrets,
  runSandboxScenario,
} from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import sandbox, { awkwardNumbers, deadGate } from './sandbox.js';
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

  it('is written from SMS Aero’s documentation: it imports none of the connector’s own code', () => {
    const source = readFileSync(new URL('sandbox.ts', import.meta.url), 'utf8');
    const local = [...source.matchAll(/from '(\.[^']*)'/g)].map((match) => match[1]);
    expect(local.filter((path) => !path?.startsWith('./__fixtures__/'))).toEqual([]);
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

describe('answers from the path in front of SMS Aero', () => {
  const awkward = [
    ['html502', 502, /^text\/html/, /<title>502 Bad Gateway<\/title>/, 'general'],
    ['html503', 503, /^text\/html/, /<h1>503 Service Unavailable<\/h1>/, 'general'],
    ['text401', 401, /^text\/plain/, /^Forbidden$/, 'invalid_config'],
    ['empty200', 200, undefined, /^$/, 'invalid_response'],
  ] as const;

  it.each(awkward)(
    'the fake answers %s with HTTP %i in that format',
    async (name, status, contentType, body) => {
      const fake = await sandbox.start();
      try {
        const response = await fetch(`${fake.url}/v2/sms/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ number: awkwardNumbers[name], sign: 'SMS Aero', text: 'hi' }),
        });
        expect(response.status).toBe(status);
        if (contentType) expect(response.headers.get('content-type')).toMatch(contentType);
        expect(await response.text()).toMatch(body);
        expect(fake.observations).toEqual([expect.objectContaining({ accepted: false })]);
      } finally {
        await fake.close();
      }
    },
  );

  it.each(awkward)(
    'the connector turns %s (HTTP %i) into a clean ConnectorError',
    async (name, status, _contentType, _body, code) => {
      const fake = await sandbox.start();
      try {
        const connector = await buildConnector(createConnector);
        const error = await failureOf(() =>
          connector.sendMessage(
            { to: awkwardNumbers[name], type: 'SignIn' as never, payload: { code: '482913' } },
            sandbox.config(fake.url),
          ),
        );
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error).toMatchObject({ code, data: { provider: 'smsaero', status } });
        const { data } = error as ConnectorError;
        expect(findSecrets(error, [validConfig.apiKey], [validConfig.email])).toEqual([]);
        // Neither the page nor its markup ends up in what Logto shows.
        expect(JSON.stringify(data)).not.toMatch(/[<>]|nginx|Service Unavailable/);
        // The dead gate first, then the fake: it answered once.
        expect(fake.observations).toHaveLength(1);
      } finally {
        await fake.close();
      }
    },
  );
});
