import { describe, expect, it } from 'vitest';

import { announceMessageChannel, collectMessageChannels } from './announcements.js';

describe('message channel announcements', () => {
  it('are collected while the call runs, whether it succeeds or fails', async () => {
    const ok = await collectMessageChannels(async () => {
      announceMessageChannel({ provider: 'acme', channel: 'whatsapp' });
      return 'sent';
    });
    expect(ok).toEqual({
      outcome: { status: 'fulfilled', value: 'sent' },
      channels: [{ provider: 'acme', channel: 'whatsapp' }],
    });
    const failed = await collectMessageChannels(async () => {
      announceMessageChannel({ provider: 'acme', channel: 'sms' });
      throw new Error('refused');
    });
    expect(failed.outcome.status).toBe('rejected');
    expect(failed.channels).toEqual([{ provider: 'acme', channel: 'sms' }]);
  });

  it('reach no one after the call, and announcing without a listener is harmless', async () => {
    const { channels } = await collectMessageChannels(async () => undefined);
    announceMessageChannel({ provider: 'acme', channel: 'sms' });
    expect(channels).toEqual([]);
  });
});
