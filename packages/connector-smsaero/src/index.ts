import { ConnectorType, type CreateConnector, type SmsConnector } from '@logto/connector-kit';
import {
  parsePhone,
  payloadLocale,
  renderTemplate,
  requireTemplate,
  resolveConfig,
  templateValues,
} from '@switchboard/core';

import { sendSms } from './api.js';
import { smsAeroConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

const createSmsAeroConnector: CreateConnector<SmsConnector> = async ({ getConfig }) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Sms,
  configGuard: smsAeroConfigGuard,
  sendMessage: async ({ to, type, payload }, inputConfig) => {
    const config = await resolveConfig(
      PROVIDER,
      smsAeroConfigGuard,
      getConfig,
      defaultMetadata.id,
      inputConfig,
    );
    const phone = parsePhone(PROVIDER, to);
    const template = requireTemplate(PROVIDER, config.templates, type, payloadLocale(payload));
    return sendSms(config, phone, renderTemplate(template.content, templateValues(payload)));
  },
});

export default createSmsAeroConnector;
