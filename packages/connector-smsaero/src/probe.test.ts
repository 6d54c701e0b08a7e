import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { failureOf } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import probe from './probe.js';
import { bodies, validConfig } from './__fixtures__/configs.js';

const basic = `Basic ${Buffer.from(`${validConfig.email}:${validConfig.apiKey}`).toString('base64')}`;

describe('probe', () => {
  it('reads the balance with the configured credentials, failing over like a send', async () => {
    nock('https://gate.smsaero.ru').post('/v2/balance').reply(503, 'busy');
    const scope = nock('https://gate.smsaero.org', { reqheaders: { authorization: basic } })
      .post('/v2/balance')
      .reply(200, { success: true, data: { balance: 337.03 }, message: null });
    await expect(probe(validConfig)).resolves.toBe(
      'owner@example.com signs in at https://gate.smsaero.org; the balance is 337.03',
    );
    expect(scope.isDone()).toBe(true);
  });

  it('warns about an empty balance', async () => {
    nock('https://gate.smsaero.ru')
      .post('/v2/balance')
      .reply(200, { success: true, data: { balance: 0 } });
    await expect(probe(validConfig)).resolves.toMatch(/top it up/);
  });

  it('reports wrong credentials as invalid_config', async () => {
    nock('https://gate.smsaero.ru').post('/v2/balance').reply(401, bodies.badCredentials);
    const error = await failureOf(() => probe(validConfig));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: ConnectorErrorCodes.InvalidConfig });
  });
});
