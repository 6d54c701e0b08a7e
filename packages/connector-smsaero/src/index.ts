import { createSmsConnector, renderTemplate, templateValues } from '@switchboard/core';

import { sendSms } from './api.js';
import { smsAeroConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

export default createSmsConnector({
  provider: PROVIDER,
  metadata: defaultMetadata,
  configGuard: smsAeroConfigGuard,
  send: async (config, { phone, template, payload }) =>
    sendSms(config, phone, renderTemplate(template.content, templateValues(payload))),
});
