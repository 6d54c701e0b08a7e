import { createServer, type AddressInfo } from 'node:net';

import type { EmailTemplateDetails, GetI18nEmailTemplate } from '@logto/connector-kit';
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';

import createConnector from './index.js';
import { validConfig } from './__fixtures__/configs.js';

const queued = { id: '<20261121051700.1.ABC@mg.example.com>', message: 'Queued. Thank you.' };

type Captured = { form: Record<string, string>; keys: string[]; headers: Record<string, unknown> };

/** Intercepts one send and records the decoded form body and headers. */
const expectSend = (host = 'https://api.mailgun.net', path = '/v3/mg.example.com/messages') => {
  const captured: Captured = { form: {}, keys: [], headers: {} };
  const scope = nock(host)
    .post(path)
    .reply(function (_uri, body) {
      const params = new URLSearchParams(String(body));
      captured.form = Object.fromEntries(params);
      captured.keys = [...params.keys()];
      captured.headers = this.req.headers;
      return [200, queued];
    });
  return { scope, captured };
};

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

type I18n = (
  ...args: Parameters<GetI18nEmailTemplate>
) => Promise<EmailTemplateDetails | undefined>;

const connectorWith = async (getI18nEmailTemplate?: I18n, stored: unknown = validConfig) =>
  createConnector({
    getConfig: async () => stored,
    ...(getI18nEmailTemplate
      ? { getI18nEmailTemplate: getI18nEmailTemplate as GetI18nEmailTemplate }
      : {}),
  });

const send = async (
  data: { to?: string; type?: string; payload?: Record<string, unknown> } = {},
  config: unknown = validConfig,
  getI18nEmailTemplate?: I18n,
) => {
  const connector = await connectorWith(getI18nEmailTemplate);
  return connector.sendMessage(
    {
      to: data.to ?? 'jane@example.com',
      type: (data.type ?? 'Generic') as never,
      payload: data.payload ?? { code: '123456' },
    },
    config,
  );
};

describe('sending with a delivery from the config', () => {
  it('posts the rendered HTML delivery to the US host with Basic api:apiKey', async () => {
    const { scope, captured } = expectSend();
    const result = await send({ payload: { code: '123456', user: { name: 'Jane <b>&' } } });

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual(queued);
    expect(captured.headers.authorization).toBe(basic('api', validConfig.apiKey));
    expect(captured.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(captured.form).toEqual({
      from: 'Example <no-reply@mg.example.com>',
      to: 'jane@example.com',
      subject: 'Your code 123456',
      'h:Reply-To': 'support@example.com',
      html: '<p>Your code is <b>123456</b>, Jane &lt;b&gt;&amp;.</p>',
      text: 'Your code is 123456, Jane <b>&.',
      // Mailgun's per-message options: tracking off by default (sign-in links stay as they are).
      'o:tracking': 'no',
      'o:tracking-clicks': 'no',
      'o:tracking-opens': 'no',
    });
  });

  it('tracking: true leaves the account’s tracking in force; testMode sends o:testmode=yes', async () => {
    const { captured } = expectSend();
    await send({}, { ...validConfig, tracking: true, testMode: true });
    expect(captured.keys).not.toContain('o:tracking');
    expect(captured.keys).not.toContain('o:tracking-clicks');
    expect(captured.keys).not.toContain('o:tracking-opens');
    expect(captured.form['o:testmode']).toBe('yes');
  });

  it('sends no o:testmode unless testMode is on', async () => {
    const { captured } = expectSend();
    await send({}, { ...validConfig, testMode: false });
    expect(captured.keys).not.toContain('o:testmode');
    expect(captured.form['o:tracking']).toBe('no');
  });

  it('sends to the EU host when region is eu', async () => {
    const { scope } = expectSend('https://api.eu.mailgun.net');
    await send({}, { ...validConfig, region: 'eu' });
    expect(scope.isDone()).toBe(true);
  });

  it('sends to an endpoint override, trailing slash and all, and encodes the domain', async () => {
    const { scope } = expectSend(
      'https://mailgun-proxy.example.com',
      '/v3/mg.example.com/messages',
    );
    await send(
      {},
      { ...validConfig, region: 'eu', endpoint: 'https://mailgun-proxy.example.com/' },
    );
    expect(scope.isDone()).toBe(true);
  });

  it('uses the delivery of the usage type and falls back on Generic for the others', async () => {
    const signIn = expectSend();
    await send({ type: 'SignIn' });
    expect(signIn.captured.form.template).toBe('sign-in');

    const forgot = expectSend();
    await send({ type: 'ForgotPassword' });
    expect(forgot.captured.form.template).toBeUndefined();
    expect(forgot.captured.form.subject).toBe('Your code 123456');
  });

  it('renders replyTo from the payload and strips line breaks from header values', async () => {
    const { captured } = expectSend();
    const config = {
      ...validConfig,
      from: 'Example\r\nBcc: victim@example.com <no-reply@mg.example.com>',
      deliveries: {
        Generic: {
          subject: 'Hello {{user.name}}',
          html: '<p>{{code}}</p>',
          replyTo: '{{user.primaryEmail}}',
        },
      },
    };
    await send(
      {
        payload: {
          code: '1',
          user: { name: 'Jane\r\nBcc: x@evil.example', primaryEmail: 'jane@corp.example' },
        },
      },
      config,
    );
    expect(captured.form.from).toBe('Example Bcc: victim@example.com <no-reply@mg.example.com>');
    expect(captured.form.subject).toBe('Hello Jane Bcc: x@evil.example');
    expect(captured.form['h:Reply-To']).toBe('jane@corp.example');
    expect(Object.values(captured.form).join('')).not.toMatch(/[\r\n]/);
  });

  it('sends a text-only delivery without html', async () => {
    const { captured } = expectSend();
    await send(
      {},
      { ...validConfig, deliveries: { Generic: { subject: 'Code', text: 'Code {{code}} <x>' } } },
    );
    expect(captured.form.text).toBe('Code 123456 <x>');
    expect(captured.keys).not.toContain('html');
  });

  it('answers template_not_found when neither the usage type nor Generic has a delivery', async () => {
    const config = { ...validConfig, deliveries: { SignIn: validConfig.deliveries.SignIn } };
    for (const type of ['Register', 'toString', '__proto__', 'Generic']) {
      const error = await failureOf(() => send({ type }, config));
      expect(error, type).toMatchObject({ code: 'template_not_found' });
    }
  });
});

describe('Mailgun-hosted templates', () => {
  const payload = {
    code: '654321',
    link: 'https://auth.example.com/invite?x=1',
    locale: 'fr',
    uiLocales: 'fr en',
    application: { name: 'Acme <App>' },
    user: { primaryEmail: 'jane@example.com', name: 'Jane' },
    inviter: { primaryEmail: 'boss@example.com', phone: '14155550123' },
  };

  it('passes variables as t:variables, only the allowed payload values, never X-Mailgun-Variables', async () => {
    const { captured } = expectSend();
    await send({ type: 'SignIn', payload });

    expect(captured.form.template).toBe('sign-in');
    expect(captured.form.subject).toBe('Sign in to Acme <App>');
    expect(JSON.parse(captured.form['t:variables'] ?? '')).toEqual({
      product: 'Example',
      code: '654321',
      link: 'https://auth.example.com/invite?x=1',
    });
    expect(captured.keys.filter((key) => /^(h:X-Mailgun-Variables|v:)/i.test(key))).toEqual([]);
    expect(captured.keys).not.toContain('html');
    const body = JSON.stringify(captured.form);
    for (const leaked of ['boss@example.com', '14155550123', 'uiLocales', 'Jane']) {
      expect(body).not.toContain(leaked);
    }
  });

  it('sends the payload values listed in payloadVariables, nested, and lets them win over variables', async () => {
    const { captured } = expectSend();
    const config = {
      ...validConfig,
      payloadVariables: ['code', 'locale', 'application.name', 'missing.value'],
      deliveries: {
        Generic: { template: 'otp', variables: { code: 'configured', brand: { color: 'red' } } },
      },
    };
    await send({ payload }, config);
    expect(JSON.parse(captured.form['t:variables'] ?? '')).toEqual({
      code: '654321',
      brand: { color: 'red' },
      locale: 'fr',
      application: { name: 'Acme <App>' },
    });
    expect(captured.keys).not.toContain('subject');
  });
});

describe('Logto email templates', () => {
  const template: EmailTemplateDetails = {
    subject: 'Code for {{application.name}}',
    content: '<p>{{code}} for {{application.name}}</p>',
    replyTo: '{{user.primaryEmail}}',
    sendFrom: '{{application.name}}\n<no-reply@mg.example.com>',
  };
  const payload = {
    code: '111222',
    locale: 'de',
    application: { name: 'Acme & <Co>' },
    user: { primaryEmail: 'jane@example.com' },
  };

  it('come first, by usage type and payload locale; values in HTML are escaped', async () => {
    const lookup = vi.fn<I18n>(async () => template);
    const { captured } = expectSend();
    await send({ type: 'SignIn', payload }, validConfig, lookup);

    expect(lookup).toHaveBeenCalledWith('SignIn', 'de');
    expect(captured.form).toEqual({
      from: 'Acme & Co <no-reply@mg.example.com>',
      to: 'jane@example.com',
      subject: 'Code for Acme & <Co>',
      'h:Reply-To': 'jane@example.com',
      html: '<p>111222 for Acme &amp; &lt;Co&gt;</p>',
      'o:tracking': 'no',
      'o:tracking-clicks': 'no',
      'o:tracking-opens': 'no',
    });
  });

  it('keep substituted values from adding addresses to from and replyTo', async () => {
    const { captured } = expectSend();
    await send(
      {
        payload: {
          code: '1',
          application: { name: 'Eve <eve@evil.example>, x' },
          user: { primaryEmail: 'a@b.example, c@evil.example' },
        },
      },
      validConfig,
      async () => template,
    );
    expect(captured.form.from).toBe('Eve eve@evil.example x <no-reply@mg.example.com>');
    expect(captured.form['h:Reply-To']).toBe('a@b.example c@evil.example');
  });

  it('send text/plain content as text only, unescaped', async () => {
    const { captured } = expectSend();
    await send({ payload }, validConfig, async () => ({
      subject: 'Code',
      content: 'Code {{code}} for {{application.name}}',
      contentType: 'text/plain',
    }));
    expect(captured.form.text).toBe('Code 111222 for Acme & <Co>');
    expect(captured.keys).not.toContain('html');
    expect(captured.form.from).toBe(validConfig.from);
  });

  it('use the first uiLocales tag when the payload has no locale', async () => {
    const lookup = vi.fn<I18n>(async () => undefined);
    expectSend();
    await send({ payload: { code: '1', uiLocales: 'pt-BR en' } }, validConfig, lookup);
    expect(lookup).toHaveBeenCalledWith('Generic', 'pt-BR');
  });

  it('fall back on the deliveries when Logto has no template', async () => {
    const { captured } = expectSend();
    await send({ type: 'SignIn' }, validConfig, async () => undefined);
    expect(captured.form.template).toBe('sign-in');
  });

  it('fall back on a delivery when the lookup fails, and surface its error when there is none', async () => {
    const broken = async () => {
      throw new Error('email_templates table is missing');
    };
    const { captured } = expectSend();
    await send({}, validConfig, broken);
    expect(captured.form.subject).toBe('Your code 123456');

    const error = await failureOf(() => send({}, { ...validConfig, deliveries: {} }, broken));
    expect(error).toMatchObject({ message: 'email_templates table is missing' });
  });

  it('serve a usage type the deliveries do not cover', async () => {
    const { captured } = expectSend();
    await send({ type: 'BindMfa' }, { ...validConfig, deliveries: {} }, async () => template);
    expect(captured.form.html).toContain('<p>123456 for');
  });
});

describe('config', () => {
  it('uses the config passed by the Test button over the stored one', async () => {
    const connector = await connectorWith(undefined, {
      ...validConfig,
      domain: 'stored.example.com',
    });
    const { scope } = expectSend('https://api.mailgun.net', '/v3/test.example.com/messages');
    await connector.sendMessage(
      { to: 'jane@example.com', type: 'Generic' as never, payload: { code: '1' } },
      { ...validConfig, domain: 'test.example.com' },
    );
    expect(scope.isDone()).toBe(true);

    const stored = expectSend('https://api.mailgun.net', '/v3/stored.example.com/messages');
    await connector.sendMessage({
      to: 'jane@example.com',
      type: 'Generic' as never,
      payload: { code: '1' },
    });
    expect(stored.scope.isDone()).toBe(true);
  });

  // The Console stores "" after an administrator clears the field: that is no endpoint at all.
  it.each([
    ['', 'us', 'https://api.mailgun.net'],
    ['  ', 'us', 'https://api.mailgun.net'],
    ['', 'eu', 'https://api.eu.mailgun.net'],
    ['  ', 'eu', 'https://api.eu.mailgun.net'],
  ])('takes the endpoint %j as unset in region %s: sends to %s', async (endpoint, region, host) => {
    const { scope } = expectSend(host);
    await send({}, { ...validConfig, region, endpoint });
    expect(scope.isDone()).toBe(true);
  });

  it('rejects a lookalike endpoint before any request, naming the field', async () => {
    const error = await failureOf(() =>
      send({}, { ...validConfig, endpoint: 'https://evil.example/.mailgun.net' }),
    );
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect((error as { data: { message: string } }).data.message).toMatch(
      /^invalid config: endpoint/,
    );
  });

  it('rejects a recipient that is not an email address before any request', async () => {
    const error = await failureOf(() => send({ to: 'jane@example.com\r\nBcc: x' }));
    expect(error).toMatchObject({ code: 'invalid_request_parameters' });
  });
});

describe('errors', () => {
  const failWith = async (status: number, body: string | Record<string, unknown>) => {
    nock('https://api.mailgun.net').post('/v3/mg.example.com/messages').reply(status, body);
    const error = await failureOf(() => send());
    expect(findSecrets(error, [validConfig.apiKey], ['api'])).toEqual([]);
    return error as { code: string; data: Record<string, unknown> };
  };

  it('maps 400 to invalid_request_parameters with Mailgun’s message', async () => {
    const error = await failWith(400, {
      message: "'to' parameter is not a valid address. please check documentation",
    });
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data).toEqual({
      provider: 'mailgun',
      status: 400,
      message: "'to' parameter is not a valid address. please check documentation",
    });
  });

  it('maps a 400 about the sender to invalid_config with a hint on from', async () => {
    const error = await failWith(400, {
      message: "'from' parameter is not a valid address. please check documentation",
    });
    expect(error.code).toBe('invalid_config');
    expect(error.data.message).toBe(
      "'from' parameter is not a valid address. please check documentation (check from in the connector config: an address on your Mailgun domain, or Name <address>)",
    );
  });

  it('reads an { "error": … } body, as mailgun.js does', async () => {
    const error = await failWith(400, { error: 'to parameter is missing' });
    expect(error.data.message).toBe('to parameter is missing');
  });

  it('keeps Retry-After of a 429 as retryAfter', async () => {
    nock('https://api.mailgun.net')
      .post('/v3/mg.example.com/messages')
      .reply(429, { message: 'Too many requests' }, { 'Retry-After': '60' });
    const error = (await failureOf(() => send())) as { code: string; data: unknown };
    expect(error).toMatchObject({ code: 'rate_limit_exceeded', data: { retryAfter: 60 } });
  });

  it('maps 401 (plain-text Forbidden) to invalid_config with a hint about the key and region', async () => {
    const error = await failWith(401, 'Forbidden');
    expect(error.code).toBe('invalid_config');
    expect(error.data.message).toMatch(/apiKey.*region/);
  });

  it('maps 403 to invalid_config with Mailgun’s message and the hint', async () => {
    const error = await failWith(403, { message: 'Domain mg.example.com is not allowed to send' });
    expect(error.code).toBe('invalid_config');
    expect(error.data.message).toMatch(/^Domain mg.example.com is not allowed to send \(.*region/);
  });

  it('maps 404 (unknown domain) to invalid_config', async () => {
    const error = await failWith(404, { message: 'Domain not found: mg.example.com' });
    expect(error.code).toBe('invalid_config');
    expect(error.data.message).toMatch(/^Domain not found: mg.example.com \(check domain/);
  });

  it('maps 429 to rate_limit_exceeded', async () => {
    const error = await failWith(429, { message: 'Too many requests' });
    expect(error.code).toBe('rate_limit_exceeded');
  });

  it('never shows the API key, even when it is echoed back or the connection resets', async () => {
    const echoed = await failWith(400, { message: `bad key ${validConfig.apiKey}` });
    expect(echoed.data.message).toBe('bad key [redacted]');

    const server = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const error = await failureOf(() =>
        send({}, { ...validConfig, endpoint: `http://127.0.0.1:${port}` }),
      );
      expect(error).toMatchObject({ code: 'general', data: { code: 'ECONNRESET' } });
      expect(findSecrets(error, [validConfig.apiKey], ['api'])).toEqual([]);
      expect(JSON.stringify(error)).not.toContain('127.0.0.1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

it('builds without reading config', async () => {
  await expect(buildConnector(createConnector)).resolves.toMatchObject({ type: 'Email' });
});
