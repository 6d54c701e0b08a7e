import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import createTwilio from '../../connector-twilio-sms/src/index.js';
import twilioProbe from '../../connector-twilio-sms/src/probe.js';
import twilioSandbox, { whatsApp } from '../../connector-twilio-sms/sandbox/index.js';
import { check, send } from './commands/run.js';
import { main } from './main.js';
import type { ConnectorPackage } from './resolve.js';
import { captureConsole } from './test-support.js';

const twilio: ConnectorPackage = {
  dir: path.resolve('../connector-twilio-sms'),
  name: '@switchboard/connector-twilio-sms',
  short: 'twilio-sms',
  createConnector: createTwilio as never,
  loadProbe: async () => twilioProbe,
  loadAdvice: async () => undefined,
};

const token = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const folder = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-'));
const writeConfig = (name: string, config: unknown) => {
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify(config));
  return file;
};

let fake: Awaited<ReturnType<typeof twilioSandbox.start>>;
let output: string[];

beforeEach(async () => {
  fake = await twilioSandbox.start();
  output = captureConsole();
});

afterEach(async () => {
  await fake.close();
});

describe('switchboard send', () => {
  it('sends one message and prints what Twilio answered', async () => {
    const config = writeConfig('ok.json', twilioSandbox.config(fake.url));
    await expect(send(twilio, { config, to: '+14155550123', code: '246810' })).resolves.toBe(0);
    expect(fake.observations).toMatchObject([{ accepted: true }]);
    expect(fake.observations[0]?.summary).toContain('Body="Your verification code is 246810.');
    expect(output.join('\n')).toMatch(/sid: 'SM/);
  });

  it('--dry-run prints the signed request with secrets masked and sends nothing', async () => {
    const config = writeConfig('dry.json', twilioSandbox.config(fake.url));
    await expect(
      send(twilio, { config, to: '14155550123', 'dry-run': true, code: '1' }),
    ).resolves.toBe(0);
    const printed = output.join('\n');
    expect(fake.observations).toEqual([]);
    expect(printed).toContain(
      `POST ${fake.url}/2010-04-01/Accounts/AC11111111111111111111111111111111/Messages.json`,
    );
    expect(printed).toContain(
      'authorization: Basic <base64 of "AC11111111111111111111111111111111:[redacted]">',
    );
    expect(printed).toContain('To=%2B14155550123');
    expect(printed).not.toContain(token);
    expect(printed).not.toContain(
      Buffer.from(`AC11111111111111111111111111111111:${token}`).toString('base64'),
    );
  });

  it('--dry-run names the channel the connector chose for the number', async () => {
    const config = writeConfig('whatsapp.json', {
      ...twilioSandbox.config(fake.url),
      whatsAppCountries: ['BR'],
      whatsAppTemplates: [{ usageType: 'Generic', contentSid: whatsApp.contentSid }],
    });
    await expect(
      send(twilio, { config, to: '+5511987654321', 'dry-run': true, code: '482913' }),
    ).resolves.toBe(0);
    let printed = output.join('\n');
    expect(printed).toMatch(/^channel: whatsapp$/m);
    expect(printed).toContain('To=whatsapp%3A%2B5511987654321');
    expect(printed).toContain(`ContentSid=${whatsApp.contentSid}`);
    output.length = 0;
    await expect(
      send(twilio, { config, to: '+4915123456789', 'dry-run': true, json: true }),
    ).resolves.toBe(0);
    printed = output.join('\n');
    expect(JSON.parse(printed)).toMatchObject({ dryRun: true, channels: ['sms'] });
    expect(printed).toContain('To=%2B4915123456789');
    expect(fake.observations).toEqual([]);
  });

  it('exits 1 with the error code when the provider refuses, and --json prints it', async () => {
    const config = writeConfig('bad-number.json', twilioSandbox.config(fake.url));
    await expect(send(twilio, { config, to: '15005550001', json: true })).resolves.toBe(1);
    expect(JSON.parse(output.join('\n'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_request_parameters', data: { provider: 'twilio', code: '21211' } },
    });
  });

  it('prints the provider’s wait hint when it rate-limits', async () => {
    const { startFakeServer } = await import('@switchboard/core/sandbox');
    const limiting = await startFakeServer(() => ({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { code: 20429, message: 'Too Many Requests', status: 429 },
    }));
    try {
      const config = writeConfig('limited.json', twilioSandbox.config(limiting.url));
      await expect(send(twilio, { config, to: '14155550123' })).resolves.toBe(1);
      const printed = output.join('\n');
      expect(printed).toContain('failed: rate_limit_exceeded');
      expect(printed).toContain('retryAfter: 30');
      expect(printed).toContain('the provider asks to wait 30 s before trying again');
    } finally {
      await limiting.close();
    }
  });

  it('prints the route it took', async () => {
    const config = writeConfig('route.json', twilioSandbox.config(fake.url));
    await expect(send(twilio, { config, to: '14155550123' })).resolves.toBe(0);
    expect(output.join('\n')).toContain(`route: ${fake.url} direct`);
  });

  it('exits 3 when the provider rejects the credentials', async () => {
    const config = writeConfig('wrong-token.json', {
      ...twilioSandbox.config(fake.url),
      authToken: 'nope-nope',
    });
    await expect(send(twilio, { config, to: '14155550123' })).resolves.toBe(3);
  });
});

describe('switchboard check', () => {
  it('explains each problem with the field, the fault and a valid example, exiting 3', async () => {
    const config = writeConfig('invalid.json', {
      accountSID: 'AC123',
      fromMessagingServiceSID: 'MG1',
      region: 'eu',
      endpoint: 'http://proxy.example.com',
      templates: [{ usageType: 'Generic', content: '{{code}}' }],
      extra: true,
    });
    await expect(check(twilio, { config })).resolves.toBe(3);
    const printed = output.join('\n');
    expect(printed).toMatch(/✖ region: must be one of "us1", "ie1", "au1"$/m);
    expect(printed).toMatch(
      /✖ endpoint: endpoint must use https .*\(e\.g\. https:\/\/twilio-proxy\.example\.com\)/,
    );
    expect(printed).toMatch(/! extra: not a field of this connector/);
    // Twilio identifiers are two letters and 32 hex digits; a wrong one is caught before any send.
    expect(printed).toMatch(
      /✖ accountSID: accountSID must be a Twilio Account SID: AC followed by 32 hex digits/,
    );
    expect(printed).toMatch(
      /✖ fromMessagingServiceSID: fromMessagingServiceSID must be a Twilio Messaging Service SID: MG followed by 32 hex digits/,
    );
    expect(printed).not.toContain("'eu'");
  });

  it('names a missing sender once the fields themselves are valid', async () => {
    const { fromMessagingServiceSID: _unused, ...noSender } = twilioSandbox.config(fake.url);
    await expect(check(twilio, { config: writeConfig('no-sender.json', noSender) })).resolves.toBe(
      3,
    );
    expect(output.join('\n')).toMatch(/fromMessagingServiceSID: set a sender/);
  });

  it('--probe makes one read-only call that proves the credentials', async () => {
    const config = writeConfig('probe.json', twilioSandbox.config(fake.url));
    await expect(check(twilio, { config, probe: true })).resolves.toBe(0);
    expect(fake.observations).toMatchObject([
      { accepted: true, summary: expect.stringMatching(/^GET …\/Accounts\/AC1+\.json/) },
    ]);
    expect(output.join('\n')).toContain('probe: account "Sandbox account" is active');
  });

  it('--probe --dry-run prints the probe request with secrets masked and sends nothing', async () => {
    const config = writeConfig('probe-dry.json', twilioSandbox.config(fake.url));
    await expect(check(twilio, { config, probe: true, 'dry-run': true })).resolves.toBe(0);
    expect(fake.observations).toEqual([]);
    const printed = output.join('\n');
    expect(printed).toContain(
      `GET ${fake.url}/2010-04-01/Accounts/AC11111111111111111111111111111111.json`,
    );
    expect(printed).not.toContain(token);
  });

  it('--probe with a wrong token fails with invalid_config and exit 3', async () => {
    const config = writeConfig('probe-bad.json', {
      ...twilioSandbox.config(fake.url),
      authToken: 'wrong-token',
    });
    await expect(check(twilio, { config, probe: true, json: true })).resolves.toBe(3);
    expect(JSON.parse(output.join('\n'))).toMatchObject({
      ok: false,
      probeError: { code: 'invalid_config' },
    });
  });
});

describe('main', () => {
  it.each([
    [['bogus'], 2],
    [['send'], 2],
    [['send', 'twilio-sms', '--nope'], 2],
    [['send', 'no-such-connector', '--to', '1'], 2],
    [['help'], 0],
    [['check', '--help'], 0],
  ])('%j exits %i', async (argv, code) => {
    await expect(main(argv)).resolves.toBe(code);
  });

  it('reports an unreadable config file as a usage error', async () => {
    await expect(
      send(twilio, { config: path.join(folder, 'missing.json'), to: '1' }),
    ).rejects.toThrow(/cannot read/);
  });
});
