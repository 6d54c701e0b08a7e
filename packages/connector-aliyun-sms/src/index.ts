import { createSmsConnector } from '@switchboard/core';

import { buildCall, sendSms } from './api.js';
import { aliyunSmsConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

export default createSmsConnector({
  provider: PROVIDER,
  metadata: defaultMetadata,
  configGuard: aliyunSmsConfigGuard,
  // Mainland numbers are often stored without +86: an 11-digit number valid only in China is Chinese.
  phone: { fallbackCountry: 'CN' },
  send: async (config, { phone, template, payload }) =>
    sendSms(config, buildCall(config, template, phone, payload)),
});
