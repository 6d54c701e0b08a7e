import { describe, expect, it } from 'vitest';

import { mailgunConfigGuard } from './config.js';
import { defaultDeliveries } from './fields.js';
import { defaultMetadata } from './metadata.js';
import { validConfig } from './__fixtures__/configs.js';

const parse = (overrides: Record<string, unknown>) =>
  mailgunConfigGuard.safeParse({ ...validConfig, ...overrides });

describe('mailgunConfigGuard', () => {
  // Configs an official @logto/connector-mailgun installation may hold.
  it.each([
    [
      'the official default form',
      { deliveries: { SignIn: { subject: 'Code {{code}}', html: 'Code {{code}}' } } },
    ],
    ['the EU endpoint', { endpoint: 'https://api.eu.mailgun.net' }],
    ['the US endpoint', { endpoint: 'https://api.mailgun.net' }],
    [
      'a template with variables',
      { deliveries: { Generic: { template: 'otp', variables: { a: 1, b: { c: true } } } } },
    ],
    [
      'html with text, subject and replyTo',
      { deliveries: { Generic: { html: 'x', text: 'y', subject: 's', replyTo: 'r@example.com' } } },
    ],
    ['partial deliveries', { deliveries: { ForgotPassword: { html: '{{code}}' } } }],
    ['no deliveries at all', { deliveries: {} }],
    ['a missing deliveries key (Logto drops empty objects)', { deliveries: undefined }],
    ['an empty endpoint', { endpoint: '' }],
  ])('accepts %s unchanged', (_name, overrides) => {
    const result = parse(overrides);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('applies the defaults: region us, payloadVariables code and link', () => {
    const result = mailgunConfigGuard.parse(validConfig);
    expect(result.region).toBe('us');
    expect(result.endpoint).toBeUndefined();
    expect(result.payloadVariables).toEqual(['code', 'link']);
  });

  it.each([
    ['https://api.mailgun.net/', 'https://api.mailgun.net'],
    [' https://mailgun-proxy.example.com:8443/ ', 'https://mailgun-proxy.example.com:8443'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:3000/', 'http://localhost:3000'],
  ])('accepts the endpoint %s as %s', (endpoint, parsed) => {
    expect(mailgunConfigGuard.parse({ ...validConfig, endpoint }).endpoint).toBe(parsed);
  });

  it.each([
    'https://evil.example/.mailgun.net',
    'https://evil.example/#.mailgun.net',
    'https://evil.example/?.mailgun.net',
    'https://evil.example/v3/.mailgun.net',
    'http://api.mailgun.net',
    'ftp://x.mailgun.net',
    'https://api:key@api.mailgun.net',
    'api.mailgun.net',
  ])('rejects the endpoint %s', (endpoint) => {
    const result = parse({ endpoint });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['endpoint']);
  });

  it.each(['https://mg.example.com', 'mg.example.com/v3', 'mg', 'mg example.com', ''])(
    'rejects the domain %j',
    (domain) => {
      expect(parse({ domain }).success).toBe(false);
    },
  );

  it.each([
    ['a delivery with neither html, text nor template', { Generic: { subject: 'x' } }],
    ['an empty template name', { Generic: { template: '' } }],
    ['a delivery that is not an object', { Generic: 'Your code {{code}}' }],
  ])('rejects %s', (_name, deliveries) => {
    expect(parse({ deliveries }).success).toBe(false);
  });

  it.each([
    { apiKey: '' },
    { apiKey: '  ' },
    { from: '' },
    { region: 'ap' },
    { payloadVariables: ['user.__proto__ x'] },
  ])('rejects %j', (overrides) => {
    expect(parse(overrides).success).toBe(false);
  });

  it('keeps html when a delivery has both html and template, like the official connector', () => {
    const result = mailgunConfigGuard.parse({
      ...validConfig,
      deliveries: { Generic: { html: 'x', template: 't' } },
    });
    expect(result.deliveries.Generic).toEqual({ html: 'x' });
  });

  it('accepts its own form defaults, which cover every usage type', () => {
    expect(Object.keys(defaultDeliveries)).toHaveLength(9);
    const defaults = Object.fromEntries(
      (defaultMetadata.formItems ?? []).flatMap((item) =>
        item.defaultValue === undefined ? [] : [[item.key, item.defaultValue]],
      ),
    );
    expect(parse(defaults).success).toBe(true);
  });
});

describe('from', () => {
  it.each([
    'no-reply@mg.example.com',
    'Acme <no-reply@mg.example.com>',
    '"Acme, Inc." <a@mg.example.com>',
  ])('accepts %s', (from) => {
    expect(mailgunConfigGuard.safeParse({ ...validConfig, from }).success).toBe(true);
  });

  it.each(['Acme', 'no-reply', 'Acme <no-reply>', 'a@b'])('refuses %s, naming from', (from) => {
    const result = mailgunConfigGuard.safeParse({ ...validConfig, from });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['from']);
  });
});
