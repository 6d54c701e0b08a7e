import { defaultSmsTemplates } from '@switchboard/core';
import { describe, expect, it } from 'vitest';

import { smsAeroConfigGuard } from './config.js';
import { defaultGates } from './fields.js';
import { officialConfig, validConfig } from './__fixtures__/configs.js';

describe('smsAeroConfigGuard', () => {
  it('accepts the official connector’s config unchanged and fills in SMS Aero’s gates', () => {
    expect(smsAeroConfigGuard.parse(officialConfig)).toEqual({
      ...officialConfig,
      gates: [
        'https://gate.smsaero.ru',
        'https://gate.smsaero.org',
        'https://gate.smsaero.net',
        'https://gate.smsaero.uz',
      ],
      blockedNumberTypes: ['PREMIUM_RATE', 'SHARED_COST'],
    });
  });

  it.each([
    [
      'a multiline string',
      'https://a.example\nhttps://b.example/v2',
      ['https://a.example', 'https://b.example'],
    ],
    [
      'a JSON array',
      ['https://a.example/', 'http://127.0.0.1:8080'],
      ['https://a.example', 'http://127.0.0.1:8080'],
    ],
    ['a blank string', '  ', [...defaultGates]],
    ['an empty array', [], [...defaultGates]],
  ])('reads gates given as %s', (_name, gates, expected) => {
    expect(smsAeroConfigGuard.parse({ ...validConfig, gates }).gates).toEqual(expected);
  });

  it.each([
    ['plain http to a public host', { gates: 'http://gate.smsaero.ru' }],
    ['a gate that is not a URL', { gates: 'gate.smsaero.ru' }],
    ['plain http endpoint', { endpoint: 'http://proxy.example.com' }],
    ['an empty API key', { apiKey: ' ' }],
    ['an empty sender name', { senderName: '' }],
    [
      'templates without Generic',
      { templates: defaultSmsTemplates.filter((t) => t.usageType !== 'Generic') },
    ],
  ])('rejects %s', (_name, change) => {
    expect(smsAeroConfigGuard.safeParse({ ...validConfig, ...change }).success).toBe(false);
  });

  it('treats a blank endpoint as unset', () => {
    expect(smsAeroConfigGuard.parse({ ...validConfig, endpoint: '' }).endpoint).toBeUndefined();
  });
});
