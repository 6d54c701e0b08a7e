// Twilio's documented error codes (https://www.twilio.com/docs/api/errors), each answered the way
// Twilio answers it, sent through the connector, with the Logto code a user should see. Written
// out here from Twilio's error dictionary, never read from errors.ts.
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { validConfig } from './__fixtures__/configs.js';
import createConnector from './index.js';

const path = `/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`;

/** Sends by WhatsApp to Brazil. */
const whatsAppConfig = {
  ...validConfig,
  whatsAppCountries: ['BR'],
  whatsAppTemplates: [{ usageType: 'Generic', contentSid: 'HX0123456789abcdef0123456789abcdef' }],
};

const sendAgainst = async (
  status: number,
  body: unknown,
  { to, config }: { to: string; config: Record<string, unknown> } = {
    to: '14155550123',
    config: validConfig,
  },
) => {
  nock('https://api.twilio.com')
    .post(path)
    .reply(status, body as nock.Body);
  const connector = await buildConnector(createConnector);
  const error = await failureOf(() =>
    connector.sendMessage({ to, type: 'SignIn' as never, payload: { code: '1' } }, config),
  );
  expect(findSecrets(error, [validConfig.authToken], [validConfig.accountSID])).toEqual([]);
  return error;
};

describe('Twilio error codes', () => {
  // Each answered with HTTP 400, whose own default is `general`: the code alone decides.
  it.each([
    // Credentials, account and region.
    [20003, 'Authenticate', 'invalid_config'],
    [20404, 'The requested resource was not found', 'invalid_config'],
    [20005, 'Account not active', 'usage_limit_exceeded'],
    [21603, "A 'From' or 'MessagingServiceSid' parameter is required", 'invalid_config'],
    [
      21606,
      "The 'From' phone number provided is not a valid message-capable Twilio phone number",
      'invalid_config',
    ],
    [21659, "'From' is not a Twilio phone number or Short Code country mismatch", 'invalid_config'],
    [21660, "Mismatch between the 'From' number and the account", 'invalid_config'],
    [21701, 'The Messaging Service does not exist', 'invalid_config'],
    [21703, 'The Messaging Service does not have a phone number available', 'invalid_config'],
    [21705, 'The Messaging Service is invalid', 'invalid_config'],
    [
      21408,
      "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
      'invalid_config',
    ],
    // The recipient.
    [21211, "Invalid 'To' Phone Number", 'invalid_request_parameters'],
    [21614, "'To' number is not a valid mobile number", 'invalid_request_parameters'],
    [21610, 'Attempt to send to unsubscribed recipient', 'invalid_request_parameters'],
    [
      21612,
      "The 'To' phone number is not currently reachable via SMS",
      'invalid_request_parameters',
    ],
    [
      21608,
      "The 'to' phone number provided is not yet verified for this account",
      'invalid_request_parameters',
    ],
    // Throttling and quota.
    [20429, 'Too Many Requests', 'rate_limit_exceeded'],
    [14107, 'SMS send rate limit exceeded', 'rate_limit_exceeded'],
    [30001, 'Queue overflow', 'rate_limit_exceeded'],
    [30022, 'US A2P 10DLC - Rate Limits Exceeded', 'rate_limit_exceeded'],
    // SMS Pumping Protection refused the destination.
    [30450, 'Message delivery blocked', 'invalid_request_parameters'],
    [30453, 'Message delivery blocked', 'invalid_request_parameters'],
    // Not one the connector names: the HTTP status decides.
    [30008, 'Unknown error', 'general'],
  ])('Twilio %i ("%s") → %s', async (code, message, expected) => {
    const error = await sendAgainst(400, {
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status: 400,
    });
    expect(error).toMatchObject({
      code: expected,
      data: { provider: 'twilio', code: String(code), status: 400 },
    });
    expect((error as { data: { message: string } }).data.message).toContain(message);
  });

  it.each([
    [20003, 401, 'invalid_config'],
    [20404, 404, 'invalid_config'],
    [20429, 429, 'rate_limit_exceeded'],
  ])(
    'Twilio %i with the HTTP status Twilio sends it with (%i) → %s',
    async (code, status, expected) => {
      const error = await sendAgainst(status, { code, message: 'from Twilio', status });
      expect(error).toMatchObject({ code: expected, data: { code: String(code), status } });
    },
  );

  it('hints at the usual cause of the common ones', async () => {
    const hinted = async (code: number, status: number) =>
      (
        (await sendAgainst(status, { code, message: 'from Twilio', status })) as {
          data: { message: string };
        }
      ).data.message;
    expect(await hinted(20003, 401)).toMatch(/check accountSID and authToken/);
    expect(await hinted(21211, 400)).toMatch(/not a valid phone number/);
    expect(await hinted(21408, 400)).toMatch(/Messaging > Settings > Geo permissions/);
    expect(await hinted(30450, 400)).toMatch(/SMS Pumping Protection in the Twilio Console/);
    expect(await hinted(30453, 400)).toMatch(/SMS Pumping Protection in the Twilio Console/);
    expect(await hinted(21608, 400)).toMatch(/trial accounts can only send to verified numbers/);
  });

  // WhatsApp and content templates, sent to a Brazilian mobile (by WhatsApp), and the validity
  // period codes, sent by SMS; each answered with HTTP 400 and with the hint a user needs.
  it.each([
    [
      63007,
      "Twilio could not find a Channel with the specified 'From' address",
      'invalid_config',
      /check whatsAppFrom/,
    ],
    [
      63003,
      'Channel could not find To address',
      'invalid_request_parameters',
      /not on WhatsApp: leave its country out of whatsAppCountries/,
    ],
    [
      63016,
      'Outside messaging window. For WhatsApp, use a Message Template instead',
      'invalid_config',
      /use an approved WhatsApp content template/,
    ],
    [
      21655,
      'The ContentSid is Invalid',
      'invalid_config',
      /copy the HX… SID of the template from the Content Template Builder/,
    ],
    [
      21656,
      'The ContentVariables Parameter is invalid',
      'invalid_config',
      /use a WhatsApp authentication template/,
    ],
    [
      30016,
      "'To' and 'From' channel types are incompatible",
      'invalid_config',
      /different channels: for WhatsApp set whatsAppFrom/,
    ],
    [
      21910,
      "Invalid 'From' and 'To' pair. 'From' and 'To' should be of the same channel",
      'invalid_config',
      /different channels: for WhatsApp set whatsAppFrom/,
    ],
  ])(
    'Twilio %i ("%s") on a WhatsApp send → %s with a hint',
    async (code, message, expected, hint) => {
      const error = await sendAgainst(
        400,
        { code, message, status: 400 },
        { to: '5511987654321', config: whatsAppConfig },
      );
      expect(error).toMatchObject({ code: expected, data: { code: String(code), status: 400 } });
      const { message: shown } = (error as { data: { message: string } }).data;
      expect(shown).toContain(message);
      expect(shown).toMatch(hint);
    },
  );

  it.each([
    [
      21624,
      'Invalid validity period value',
      'invalid_config',
      /set validityPeriod to a whole number of seconds from 1 to 36000/,
    ],
    [
      90007,
      'Invalid validity period value',
      'invalid_config',
      /set validityPeriod to 1 to 36000 seconds/,
    ],
  ])('Twilio %i ("%s") → %s with a hint', async (code, message, expected, hint) => {
    const error = await sendAgainst(400, { code, message, status: 400 });
    expect(error).toMatchObject({ code: expected, data: { code: String(code), status: 400 } });
    const { message: shown } = (error as { data: { message: string } }).data;
    expect(shown).toContain(message);
    expect(shown).toMatch(hint);
  });

  it.each([
    [401, 'invalid_config'],
    [403, 'invalid_config'],
    [429, 'rate_limit_exceeded'],
    [400, 'general'],
    [500, 'general'],
  ])('an unlisted code with HTTP %i → %s', async (status, expected) => {
    const error = await sendAgainst(status, { code: 99999, message: 'something new', status });
    expect(error).toMatchObject({ code: expected, data: { status, code: '99999' } });
  });

  it.each(['toString', 'constructor', '__proto__'])(
    'a code named like an Object property (%s) is not a known code',
    async (code) => {
      const error = await sendAgainst(400, { code, message: 'odd', status: 400 });
      expect(error).toMatchObject({ code: 'general', data: { status: 400, code } });
    },
  );

  it('keeps Retry-After of a 429 as retryAfter', async () => {
    nock('https://api.twilio.com')
      .post(path)
      .reply(
        429,
        { code: 20429, message: 'Too Many Requests', status: 429 },
        { 'Retry-After': '5' },
      );
    const connector = await buildConnector(createConnector);
    const error = await failureOf(() =>
      connector.sendMessage(
        { to: '14155550123', type: 'SignIn' as never, payload: { code: '1' } },
        validConfig,
      ),
    );
    expect(error).toMatchObject({
      code: 'rate_limit_exceeded',
      data: { code: '20429', retryAfter: 5 },
    });
  });
});
