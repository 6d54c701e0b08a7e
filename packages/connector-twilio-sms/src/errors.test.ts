import { buildConnector, failureOf } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { validConfig } from './__fixtures__/configs.js';
import { twilioErrors } from './errors.js';
import createConnector from './index.js';

const path = `/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`;

const sendAgainst = async (status: number, body: unknown) => {
  nock('https://api.twilio.com')
    .post(path)
    .reply(status, body as nock.Body);
  const connector = await buildConnector(createConnector);
  return failureOf(() =>
    connector.sendMessage(
      { to: '14155550123', type: 'SignIn' as never, payload: { code: '1' } },
      validConfig,
    ),
  );
};

describe('Twilio error table', () => {
  it.each(Object.entries(twilioErrors))('Twilio %s → %s', async (code, expected) => {
    const error = await sendAgainst(400, {
      code: Number(code),
      message: 'from Twilio',
      status: 400,
    });
    expect(error).toMatchObject({ code: expected, data: { code, status: 400 } });
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

  it('the issue’s required mappings hold', () => {
    expect(twilioErrors).toMatchObject({
      '20003': 'invalid_config',
      '21211': 'invalid_request_parameters',
      '21614': 'invalid_request_parameters',
      '20429': 'rate_limit_exceeded',
    });
  });
});
