import { readFileSync } from 'node:fs';

import { ConnectorError, TemplateType } from '@logto/connector-kit';
import { describeIntermediaryReplies, runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from '../src/index.js';
import { validConfig } from '../src/__fixtures__/configs.js';
import sandbox, { awkwardRecipients, whatsApp } from './index.js';

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
    const source = readFileSync(new URL('index.ts', import.meta.url), 'utf8');
    const local = [...source.matchAll(/from '(\.[^']*)'/g)].map((match) => match[1]);
    expect(local.filter((path) => !path?.startsWith('../src/__fixtures__/'))).toEqual([]);
  });
});

describeIntermediaryReplies({
  providerName: 'Twilio',
  provider: 'twilio',
  sandbox,
  createConnector,
  cases: [
    ['html502', 502, /^text\/html/, /<title>502 Bad Gateway<\/title>/, 'general'],
    ['html503', 503, /^text\/html/, /<h1>503 Service Unavailable<\/h1>/, 'general'],
    ['text401', 401, /^text\/plain/, /^Forbidden$/, 'invalid_config'],
    ['empty201', 201, undefined, /^$/, 'invalid_response'],
  ],
  request: (baseUrl, name) =>
    fetch(`${baseUrl}/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`, {
      method: 'POST',
      body: new URLSearchParams({ To: `+${awkwardRecipients[name]}`, Body: 'hi' }),
    }),
  message: (name) => ({
    to: awkwardRecipients[name],
    type: TemplateType.SignIn,
    payload: { code: '482913' },
  }),
  secrets: [validConfig.authToken],
  users: [validConfig.accountSID],
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
