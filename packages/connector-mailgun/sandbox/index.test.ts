import { readFileSync } from 'node:fs';

import { TemplateType } from '@logto/connector-kit';
import { describeIntermediaryReplies, runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from '../src/index.js';
import probe from '../src/probe.js';
import sandbox, { awkwardRecipients, parseMultipart, sandboxApiKey } from './index.js';

describe('mailgun sandbox', () => {
  it.each(sandbox.scenarios)('$name → $expect', async (scenario) => {
    const result = await runSandboxScenario(sandbox, scenario, createConnector);
    expect(result.outcome).toBe(scenario.expect);
    expect(result.observations).toHaveLength(1);
    expect(result.observations[0]?.accepted).toBe(scenario.expect === 'success');
    // Nothing leaked into a header recipients can read, and no key in what the demo prints.
    expect(result.observations[0]?.reason ?? '').not.toMatch(/visible to recipients/);
    expect(JSON.stringify(result.observations)).not.toContain(sandboxApiKey);
  });

  it('flags X-Mailgun-Variables and rejects a request without content, like Mailgun', async () => {
    const server = await sandbox.start();
    try {
      const post = (form: Record<string, string>) =>
        fetch(`${server.url}/v3/mg.sandbox.example/messages`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`api:${sandboxApiKey}`).toString('base64')}`,
          },
          body: new URLSearchParams(form),
        });
      const leaky = await post({
        from: 'a@b.example',
        to: 'c@d.example',
        template: 't',
        'h:X-Mailgun-Variables': '{}',
      });
      expect(leaky.status).toBe(200);
      expect(server.observations[0]?.reason).toMatch(
        /visible to recipients: h:X-Mailgun-Variables/,
      );

      const empty = await post({ from: 'a@b.example', to: 'c@d.example' });
      expect(empty.status).toBe(400);
      expect(await empty.json()).toEqual({
        message: "Need at least one of 'text', 'html' or 'template' parameters specified",
      });
    } finally {
      await server.close();
    }
  });

  it('is written from Mailgun’s documentation: it imports none of the connector’s own code', () => {
    const source = readFileSync(new URL('index.ts', import.meta.url), 'utf8');
    const local = [...source.matchAll(/from '(\.[^']*)'/g)].map((match) => match[1]);
    expect(local.filter((path) => !path?.startsWith('../src/__fixtures__/'))).toEqual([]);
  });

  it('reads multipart bodies', async () => {
    const body = new FormData();
    body.set('from', 'a@b.example');
    body.set('subject', 'Hi\r\nthere');
    const request = new Request('http://x', { method: 'POST', body });
    const boundary = /boundary=(.+)$/.exec(request.headers.get('content-type') ?? '')?.[1] ?? '';
    expect(parseMultipart(await request.text(), boundary)).toEqual({
      from: 'a@b.example',
      subject: 'Hi\r\nthere',
    });
  });
});

describe('probe against the fake', () => {
  it('reads the sandbox domain, and refuses a wrong key', async () => {
    const server = await sandbox.start();
    try {
      await expect(probe(sandbox.config(server.url))).resolves.toMatch(
        /^domain "mg.sandbox.example" is active/,
      );
      await expect(
        probe({ ...sandbox.config(server.url), apiKey: 'key-wrong-000000' }),
      ).rejects.toMatchObject({
        code: 'invalid_config',
      });
      expect(server.observations.map((observation) => observation.accepted)).toEqual([true, false]);
    } finally {
      await server.close();
    }
  });
});

describeIntermediaryReplies({
  providerName: 'Mailgun',
  provider: 'mailgun',
  sandbox,
  createConnector,
  cases: [
    ['html502', 502, /^text\/html/, /<title>502 Bad Gateway<\/title>/, 'general'],
    ['html503', 503, /^text\/html/, /<h1>503 Service Unavailable<\/h1>/, 'general'],
    ['text401', 401, /^text\/plain/, /^Forbidden$/, 'invalid_config'],
    ['empty200', 200, undefined, /^$/, 'invalid_response'],
  ],
  request: (baseUrl, name) =>
    fetch(`${baseUrl}/v3/mg.sandbox.example/messages`, {
      method: 'POST',
      body: new URLSearchParams({ from: 'a@b.example', to: awkwardRecipients[name] }),
    }),
  message: (name) => ({
    to: awkwardRecipients[name],
    type: TemplateType.Generic,
    payload: { code: '123456' },
  }),
  secrets: [sandboxApiKey],
  users: ['api'],
});
