// What the Aliyun connector is, declared once: its factory (index.ts) and the SMS router build on it.
import type { SmsConnectorOptions } from '@switchboard/core';

import { buildCall, sendSms } from './api.js';
import { type AliyunSmsConfig, aliyunSmsConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

export const aliyunSms: SmsConnectorOptions<AliyunSmsConfig> = {
  provider: PROVIDER,
  metadata: defaultMetadata,
  configGuard: aliyunSmsConfigGuard,
  // Mainland numbers are often stored without +86: an 11-digit number valid only in China is Chinese.
  phone: { fallbackCountry: 'CN' },
  send: async (config, { phone, template, payload, timeoutMs }) =>
    sendSms(config, buildCall(config, template, phone, payload), timeoutMs),
};
