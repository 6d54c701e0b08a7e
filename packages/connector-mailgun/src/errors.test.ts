// Mailgun's documented error statuses (https://documentation.mailgun.com/docs/mailgun/api-reference,
// "API Response Codes"), each answered with the body Mailgun sends, through the connector, with
// the Logto code a user should see. Written out here, never read from errors.ts.
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import { validConfig } from './__fixtures__/configs.js';

const send = async () => {
  const connector = await buildConnector(createConnector, validConfig);
  const error = await failureOf(() =>
    connector.sendMessage({
      to: 'jane@example.com',
      type: 'Generic' as never,
      payload: { code: '123456' },
    }),
  );
  expect(findSecrets(error, [validConfig.apiKey], ['api'])).toEqual([]);
  return error as { code: string; data: { message: string; status?: number } };
};

const answer = (status: number, body: string | Record<string, unknown>) =>
  nock('https://api.mailgun.net').post('/v3/mg.example.com/messages').reply(status, body);

describe('Mailgun error statuses', () => {
  it.each([
    [
      400,
      { message: "'to' parameter is not a valid address. please check documentation" },
      'invalid_request_parameters',
    ],
    // A wrong key: plain text, not JSON.
    [401, 'Forbidden', 'invalid_config'],
    [
      403,
      {
        message:
          'Domain mg.example.com is not allowed to send: Free accounts are for test purposes only',
      },
      'invalid_config',
    ],
    [404, { message: 'Domain not found: mg.example.com' }, 'invalid_config'],
    [429, { message: 'Too many requests' }, 'rate_limit_exceeded'],
    [413, 'Request Entity Too Large', 'general'],
    [500, { message: 'Internal Server Error' }, 'general'],
    [503, '', 'general'],
  ] as const)('HTTP %i %j → %s', async (status, body, expected) => {
    answer(status, body);
    const error = await send();
    expect(error.code).toBe(expected);
    expect(error.data).toMatchObject({ provider: 'mailgun', status });
    if (typeof body === 'object') expect(error.data.message).toContain(body.message);
  });

  it('shows no HTML error page from a load balancer as Mailgun’s message', async () => {
    answer(
      502,
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
    );
    const error = await send();
    expect(error.code).toBe('general');
    expect(error.data.message).toBe('Mailgun answered HTTP 502');
  });

  it.each([401, 403, 404])('names the region as a likely cause for HTTP %i', async (status) => {
    answer(status, status === 401 ? 'Forbidden' : { message: 'from Mailgun' });
    expect((await send()).data.message).toMatch(/region/);
  });

  it('answers general, with no status, when no answer came (connection reset)', async () => {
    nock('https://api.mailgun.net')
      .post('/v3/mg.example.com/messages')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await send();
    expect(error.code).toBe('general');
    expect(error.data.status).toBeUndefined();
  });
});
