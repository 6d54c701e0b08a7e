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
import sandbox, { awkwardRecipients, whatsApp } from './sandbox.js';
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

describe('the fake checks WhatsApp sends the way Twilio documents them', () => {
  const template = {
    To: 'whatsapp:+5511987654321',
    MessagingServiceSid: validConfig.fromMessagingServiceSID,
    ContentSid: whatsApp.contentSid,
    ContentVariables: '{"1":"482913"}',
    ValidityPeriod: '600',
  };
  const post = async (form: Record<string, string | undefined>) => {
    const fake = await sandbox.start();
    try {
      const fields = Object.entries(form).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      );
      const response = await fetch(
        `${fake.url}/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${validConfig.accountSID}:${validConfig.authToken}`).toString('base64')}`,
          },
          body: new URLSearchParams(fields),
        },
      );
      return { status: response.status, body: (await response.json()) as { code?: number } };
    } finally {
      await fake.close();
    }
  };

  it.each([
    ['through the Messaging Service', template],
    [
      'from the WhatsApp sender',
      { ...template, MessagingServiceSid: undefined, From: whatsApp.sender },
    ],
  ])('accepts a content template %s', async (_name, form) => {
    expect(await post(form)).toMatchObject({
      status: 201,
      body: { to: 'whatsapp:+5511987654321' },
    });
  });

  it.each([
    [
      'a free-form Body',
      { ...template, ContentSid: undefined, ContentVariables: undefined, Body: 'code 1' },
      63016,
    ],
    [
      'an unknown ContentSid',
      { ...template, ContentSid: 'HX00000000000000000000000000000000' },
      21655,
    ],
    ['a Body beside the template', { ...template, Body: 'code 1' }, 63030],
    ['ContentVariables that are not JSON', { ...template, ContentVariables: '1=482913' }, 21656],
    [
      'ContentVariables without variable 1',
      { ...template, ContentVariables: '{"2":"482913"}' },
      21656,
    ],
    ['an empty variable', { ...template, ContentVariables: '{"1":""}' }, 21656],
    ['an SMS From', { ...template, MessagingServiceSid: undefined, From: '+14155550100' }, 21910],
    [
      'a WhatsApp From to an SMS number',
      { To: '+4915123456789', From: whatsApp.sender, Body: 'code 1' },
      21910,
    ],
    [
      'an unknown WhatsApp From',
      { ...template, MessagingServiceSid: undefined, From: 'whatsapp:+14155550199' },
      63007,
    ],
    ['ValidityPeriod 0', { ...template, ValidityPeriod: '0' }, 21624],
    ['ValidityPeriod 36001', { ...template, ValidityPeriod: '36001' }, 21624],
  ])('refuses %s with Twilio’s code', async (_name, form, code) => {
    expect(await post(form)).toMatchObject({ status: 400, body: { code } });
  });
});
