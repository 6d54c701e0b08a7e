// WhatsApp by country: the request Twilio documents for a content template
// (https://www.twilio.com/docs/content/send-templates-created-with-the-content-template-builder),
// SMS for every other destination, and the config refusals.
import { collectMessageChannels } from '@switchboard/core';
import { buildConnector, failureOf } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { validConfig } from './__fixtures__/configs.js';
import createConnector from './index.js';

const path = `/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`;
const contentSid = 'HX0123456789abcdef0123456789abcdef';
const brazilianMobile = '5511987654321';
const germanMobile = '4915123456789';

const whatsAppConfig = {
  ...validConfig,
  whatsAppCountries: ['BR'],
  whatsAppTemplates: [{ usageType: 'Generic', contentSid }],
};

const send = async (
  config: Record<string, unknown>,
  to: string,
  type = 'SignIn',
  payload: Record<string, unknown> = { code: '123456' },
) => {
  const connector = await buildConnector(createConnector);
  return connector.sendMessage({ to, type: type as never, payload }, config);
};

/** The form body Twilio receives for one send. */
const sent = async (...args: Parameters<typeof send>) => {
  let body: Record<string, string> | undefined;
  nock('https://api.twilio.com')
    .post(path, (form: Record<string, string>) => {
      body = form;
      return true;
    })
    .reply(201, { sid: 'SM0123', status: 'accepted' });
  await send(...args);
  return body;
};

const messageOf = (error: unknown) => (error as { data: { message: string } }).data.message;

describe('WhatsApp countries', () => {
  it('sends a Brazilian mobile a content template over WhatsApp, without Body', async () => {
    expect(await sent(whatsAppConfig, brazilianMobile)).toEqual({
      To: 'whatsapp:+5511987654321',
      MessagingServiceSid: 'MG22222222222222222222222222222222',
      ContentSid: 'HX0123456789abcdef0123456789abcdef',
      ContentVariables: '{"1":"123456"}',
      ValidityPeriod: '600',
    });
  });

  it('sends a German number an SMS exactly as without WhatsApp', async () => {
    expect(await sent(whatsAppConfig, germanMobile)).toEqual({
      To: '+4915123456789',
      Body: 'Your sign-in verification code is 123456. It expires in 10 minutes.',
      MessagingServiceSid: 'MG22222222222222222222222222222222',
      ValidityPeriod: '600',
    });
  });

  it.each([[['*']], ['*']])('%j sends every destination over WhatsApp', async (countries) => {
    const config = { ...whatsAppConfig, whatsAppCountries: countries };
    expect(await sent(config, germanMobile)).toMatchObject({ To: 'whatsapp:+4915123456789' });
    expect(await sent(config, '14155550123')).toMatchObject({ To: 'whatsapp:+14155550123' });
  });

  it('reads the Console’s comma-separated text in any case', async () => {
    const config = { ...whatsAppConfig, whatsAppCountries: 'de, br' };
    expect(await sent(config, germanMobile)).toMatchObject({ To: 'whatsapp:+4915123456789' });
    expect(await sent(config, '14155550123')).toMatchObject({ To: '+14155550123' });
  });

  it('sends from whatsAppFrom alone, never from the SMS sender, when it is set', async () => {
    const config = {
      ...whatsAppConfig,
      from: '+14155550199',
      whatsAppFrom: 'whatsapp:+14155550100',
    };
    const whatsApp = await sent(config, brazilianMobile);
    expect(whatsApp).toMatchObject({ From: 'whatsapp:+14155550100' });
    expect(whatsApp).not.toHaveProperty('MessagingServiceSid');
    // SMS keeps its own sender and the Messaging Service.
    expect(await sent(config, germanMobile)).toMatchObject({
      From: '+14155550199',
      MessagingServiceSid: 'MG22222222222222222222222222222222',
    });
  });

  it('works without a Messaging Service when whatsAppFrom is set', async () => {
    const { fromMessagingServiceSID: _unused, ...withoutService } = whatsAppConfig;
    const config = { ...withoutService, from: 'MyBrand', whatsAppFrom: 'whatsapp:+14155550100' };
    expect(await sent(config, brazilianMobile)).toEqual({
      To: 'whatsapp:+5511987654321',
      From: 'whatsapp:+14155550100',
      ContentSid: 'HX0123456789abcdef0123456789abcdef',
      ContentVariables: '{"1":"123456"}',
      ValidityPeriod: '600',
    });
  });

  it('picks the template by usage type and language, falling back on Generic', async () => {
    const sid = (digit: string) => `HX${digit.repeat(32)}`;
    const config = {
      ...whatsAppConfig,
      whatsAppTemplates: [
        { usageType: 'Generic', contentSid: sid('a') },
        { usageType: 'Generic', locale: 'pt', contentSid: sid('b') },
        { usageType: 'Register', contentSid: sid('c') },
      ],
    };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['Register', { code: '1' }, sid('c')],
      ['SignIn', { code: '2' }, sid('a')],
      ['SignIn', { code: '3', locale: 'pt-BR' }, sid('b')],
    ];
    for (const [type, payload, expected] of cases) {
      expect((await sent(config, brazilianMobile, type, payload))?.ContentSid).toBe(expected);
    }
  });

  it('sends a message without a code (an invitation link) by SMS', async () => {
    const body = await sent(whatsAppConfig, brazilianMobile, 'OrganizationInvitation', {
      link: 'https://example.com/invite',
    });
    expect(body).toMatchObject({
      To: '+5511987654321',
      Body: 'You have been invited to join an organization: https://example.com/invite',
    });
  });

  it('announces the channel it chose, for switchboard send', async () => {
    nock('https://api.twilio.com').post(path).times(2).reply(201, { sid: 'SM1', status: 'queued' });
    const { channels } = await collectMessageChannels(async () => {
      await send(whatsAppConfig, brazilianMobile);
      await send(whatsAppConfig, germanMobile);
    });
    expect(channels).toEqual([
      { provider: 'twilio', channel: 'whatsapp' },
      { provider: 'twilio', channel: 'sms' },
    ]);
  });
});

describe('destination rules come first, for both channels', () => {
  it.each([
    ['blockedCountries', { blockedCountries: ['BR'] }, brazilianMobile, /in blockedCountries/],
    [
      'allowedCountries',
      { whatsAppCountries: '*', allowedCountries: ['DE'] },
      brazilianMobile,
      /not in allowedCountries/,
    ],
    ['blockedNumberTypes', { whatsAppCountries: '*' }, '449012345678', /PREMIUM_RATE/],
  ])('%s refuses a WhatsApp destination before any request', async (_field, rules, to, message) => {
    const scope = nock('https://api.twilio.com').post(path).reply(201, { sid: 'SM1' });
    const error = await failureOf(() => send({ ...whatsAppConfig, ...rules }, to));
    expect(error).toMatchObject({ code: 'invalid_request_parameters' });
    expect(messageOf(error)).toMatch(message);
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });
});

describe('WhatsApp config', () => {
  const { fromMessagingServiceSID: _unused, ...withoutService } = validConfig;

  it.each([
    [
      'whatsAppCountries without whatsAppTemplates',
      { ...validConfig, whatsAppCountries: ['BR'] },
      /whatsAppTemplates: whatsAppCountries is set: add whatsAppTemplates with at least a Generic entry/,
    ],
    [
      'whatsAppCountries with the Console’s default, an empty template list',
      { ...validConfig, whatsAppCountries: ['BR'], whatsAppTemplates: [] },
      /whatsAppTemplates: whatsAppCountries is set: add whatsAppTemplates with at least a Generic entry/,
    ],
    [
      'whatsAppTemplates without Generic',
      { ...whatsAppConfig, whatsAppTemplates: [{ usageType: 'SignIn', contentSid }] },
      /whatsAppTemplates: a template with usageType "Generic" is required/,
    ],
    [
      'an unknown country code',
      { ...whatsAppConfig, whatsAppCountries: ['BR', 'XX'] },
      /whatsAppCountries\[1\]: must be ISO 3166-1 alpha-2 country codes/,
    ],
    [
      '* among country codes',
      { ...whatsAppConfig, whatsAppCountries: ['*', 'BR'] },
      /whatsAppCountries\[0\]: must be ISO 3166-1 alpha-2 country codes/,
    ],
    [
      'a malformed contentSid',
      { ...whatsAppConfig, whatsAppTemplates: [{ usageType: 'Generic', contentSid: 'HX123' }] },
      /whatsAppTemplates\[0\]\.contentSid: contentSid must be a Twilio Content SID/,
    ],
    [
      'a whatsAppFrom without the whatsapp: prefix',
      { ...whatsAppConfig, whatsAppFrom: '+14155550100' },
      /whatsAppFrom: whatsAppFrom must be a WhatsApp sender such as whatsapp:\+14155550123/,
    ],
    [
      'WhatsApp with neither a Messaging Service nor whatsAppFrom',
      {
        ...withoutService,
        from: '+14155550199',
        whatsAppCountries: ['BR'],
        whatsAppTemplates: [{ usageType: 'Generic', contentSid }],
      },
      /whatsAppFrom: whatsAppCountries is set: WhatsApp needs a sender/,
    ],
  ])('refuses %s with invalid_config naming the field', async (_name, config, message) => {
    const error = await failureOf(() => send(config, brazilianMobile));
    expect(error).toMatchObject({ code: 'invalid_config', data: { provider: 'twilio' } });
    expect(messageOf(error)).toMatch(message);
  });

  it('sends SMS with the Console form’s defaults: no WhatsApp countries and an empty template list', async () => {
    // The Console shows whatsAppTemplates at its default [] and submits it as it is.
    const config = { ...validConfig, whatsAppCountries: '', whatsAppTemplates: [] };
    const body = await sent(config, brazilianMobile);
    expect(body).toMatchObject({ To: '+5511987654321' });
    expect(body?.Body).toMatch(/^Your sign-in verification code is 123456\./);
    expect(body).not.toHaveProperty('ContentSid');
  });

  it('leaves a config without whatsAppCountries on SMS, templates or not', async () => {
    const { whatsAppCountries: _unused2, ...templatesOnly } = whatsAppConfig;
    expect(await sent(templatesOnly, brazilianMobile)).toMatchObject({ To: '+5511987654321' });
  });
});
