import nock from 'nock';
import { describe, expect, it } from 'vitest';

import probe from './probe.js';
import { validConfig } from './__fixtures__/configs.js';

const domainPath = '/v4/domains/mg.example.com';

describe('probe', () => {
  it('reads the domain in the configured region with Basic api:apiKey', async () => {
    nock('https://api.eu.mailgun.net', {
      reqheaders: {
        authorization: `Basic ${Buffer.from(`api:${validConfig.apiKey}`).toString('base64')}`,
      },
    })
      .get(domainPath)
      .reply(200, { domain: { name: 'mg.example.com', state: 'active' }, sending_dns_records: [] });
    await expect(probe({ ...validConfig, region: 'eu' })).resolves.toBe(
      'domain "mg.example.com" is active in region eu; the API key can read it',
    );
  });

  it('explains a domain that is not in the region', async () => {
    nock('https://api.mailgun.net').get(domainPath).reply(404, { message: 'Domain not found' });
    await expect(probe(validConfig)).rejects.toMatchObject({
      code: 'invalid_config',
      data: { status: 404, message: expect.stringMatching(/^Domain not found \(check domain/) },
    });
  });
});
