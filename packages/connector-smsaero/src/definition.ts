// What the SMS Aero connector is, declared once: its factory (index.ts) and the SMS router build on it.
import { renderTemplate, type SmsConnectorOptions, templateValues } from '@switchboard/core';

import { sendSms } from './api.js';
import { type SmsAeroConfig, smsAeroConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

export const smsAero: SmsConnectorOptions<SmsAeroConfig> = {
  provider: PROVIDER,
  metadata: defaultMetadata,
  configGuard: smsAeroConfigGuard,
  send: async (config, { phone, template, payload, timeoutMs }) =>
    sendSms(config, phone, renderTemplate(template.content, templateValues(payload)), timeoutMs),
};
