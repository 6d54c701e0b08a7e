import { ConnectorType, type CreateConnector, type SmsConnector } from '@logto/connector-kit';
import { parsePhone, payloadLocale, requireTemplate, resolveConfig } from '@switchboard/core';

import { buildCall, sendSms } from './api.js';
import { aliyunSmsConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

const createAliyunSmsConnector: CreateConnector<SmsConnector> = async ({ getConfig }) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Sms,
  configGuard: aliyunSmsConfigGuard,
  sendMessage: async ({ to, type, payload }, inputConfig) => {
    const config = await resolveConfig(
      PROVIDER,
      aliyunSmsConfigGuard,
      getConfig,
      defaultMetadata.id,
      inputConfig,
    );
    const phone = parsePhone(PROVIDER, to, { fallbackCountry: 'CN' });
    const template = requireTemplate(PROVIDER, config.templates, type, payloadLocale(payload));
    return sendSms(config, buildCall(config, template, phone, payload));
  },
});

export default createAliyunSmsConnector;
