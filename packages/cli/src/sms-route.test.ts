// What `switchboard send` says about the SMS router: the route chosen for the number, the request
// its first provider would get (dry run), and which provider delivered after which failures.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import nock from 'nock';
import { beforeEach, describe, expect, it } from 'vitest';

import { providerConfigs } from '../../connector-sms-router/src/__fixtures__/configs.js';
import createRouter from '../../connector-sms-router/src/index.js';
import { send } from './commands/run.js';
import type { ConnectorPackage } from './resolve.js';
import { captureConsole } from './test-support.js';

const router: ConnectorPackage = {
  dir: path.resolve('../connector-sms-router'),
  name: '@switchboard/connector-sms-router',
  short: 'sms-router',
  createConnector: createRouter as never,
  loadProbe: async () => undefined,
  loadAdvice: async () => undefined,
};

const { authToken, ...twilio } = providerConfigs.twilio;
const { apiKey, ...smsaero } = providerConfigs.smsaero;
const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'switchboard-cli-router-')), 'c.json');
writeFileSync(
  configFile,
  JSON.stringify({
    providers: { smsaero, twilio },
    twilioAuthToken: authToken,
    smsaeroApiKey: apiKey,
    routes: [
      { countries: ['RU'], providers: ['smsaero', 'twilio'] },
      { countries: ['*'], providers: ['twilio'] },
    ],
  }),
);

let output: string[];
beforeEach(() => {
  output = captureConsole();
});

describe('switchboard send with the SMS router', () => {
  it('--dry-run prints the route and the first provider’s request, secrets masked', async () => {
    const code = await send(router, {
      config: configFile,
      to: '79123456789',
      code: '123456',
      'dry-run': true,
    });
    const text = output.join('\n');
    expect(code).toBe(0);
    expect(text).toContain('sms route: RU → smsaero, twilio');
    expect(text).toContain('POST https://gate.smsaero.ru/v2/sms/send');
    expect(text).not.toContain('api.twilio.com');
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(authToken);
  });

  it('says which provider delivered, after which failure', async () => {
    nock('https://gate.smsaero.ru')
      .post('/v2/sms/send')
      .replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    nock('https://api.twilio.com')
      .post(/Messages\.json$/)
      .reply(201, { sid: 'SM1', status: 'accepted' });
    const code = await send(router, { config: configFile, to: '79123456789', code: '123456' });
    const text = output.join('\n');
    expect(code).toBe(0);
    expect(text).toContain('sms route: RU → smsaero, twilio');
    expect(text).toContain(
      'smsaero failed (not-sent: smsaero: could not reach smsaero (ECONNREFUSED) [general ECONNREFUSED])',
    );
    expect(text).toContain('delivered by twilio');
  });
});
