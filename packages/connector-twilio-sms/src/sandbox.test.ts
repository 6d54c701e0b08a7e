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
import sandbox, { awkwardRecipients } from './sandbox.js';
import { validConfig } from './__fixtures__/configs.js';

describe('sandbox scenarios against the Twilio fake on loopback', () => {
  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    const result = await runSandboxScenario(sandbox, scenario, createConnector);
    expect(result.outcome).toBe(scenario.expect);
    if (scenario.expect === 'success') {
      expect(result.value).toMatchObject({ sid: expect.stringMatching(/^SM/) });
      expect(result.observations.map((observation) => observation.accepted)).toEqual([true]);
    } else {
      expect(result.error).toBeInstanceOf(ConnectorError);
      // Each error scenario reaches the fake, which turns the request down, except a destination
      // the connector refuses itself (SMS pumping protection): then Twilio hears nothing.
      expect(result.observations.map((observation) => observation.accepted)).toEqual(
        scenario.name.includes('refused before any request') ? [] : [false],
      );
    }
  });

  it('is written from Twilio’s documentation: it imports none of the connector’s own code', () => {
    const source = readFileSync(new URL('sandbox.ts', import.meta.url), 'utf8');
    const local = [...source.matchAll(/from '(\.[^']*)'/g)].map((match) => match[1]);
    expect(local.filter((path) => !path?.startsWith('./__fixtures__/'))).toEqual([]);
  });
});

describe('answers from the path in front of Twilio', () => {
  const awkward = [
    ['html502', 502, /^text\/html/, /<title>502 Bad Gateway<\/title>/, 'general'],
    ['html503', 503, /^text\/html/, /<h1>503 Service Unavailable<\/h1>/, 'general'],
    ['text401', 401, /^text\/plain/, /^Forbidden$/, 'invalid_config'],
    ['empty201', 201, undefined, /^$/, 'invalid_response'],
  ] as const;

  it.each(awkward)(
    'the fake answers %s with HTTP %i in that format',
    async (name, status, contentType, body) => {
      const fake = await sandbox.start();
      try {
        const response = await fetch(
          `${fake.url}/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`,
          {
            method: 'POST',
            body: new URLSearchParams({ To: `+${awkwardRecipients[name]}`, Body: 'hi' }),
          },
        );
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
            { to: awkwardRecipients[name], type: 'SignIn' as never, payload: { code: '482913' } },
            sandbox.config(fake.url),
          ),
        );
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error).toMatchObject({ code, data: { provider: 'twilio', status } });
        const { data } = error as ConnectorError;
        expect(findSecrets(error, [validConfig.authToken], [validConfig.accountSID])).toEqual([]);
        // Neither the page nor its markup ends up in what Logto shows.
        expect(JSON.stringify(data)).not.toMatch(/[<>]|nginx|Service Unavailable/);
      } finally {
        await fake.close();
      }
    },
  );
});
