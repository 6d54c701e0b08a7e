import { ConnectorType, type CreateConnector, type EmailConnector } from '@logto/connector-kit';
import { resolveConfig } from '@switchboard/core';

import { sendEmail } from './api.js';
import { mailgunConfigGuard } from './config.js';
import { composeEmail } from './message.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

const createMailgunConnector: CreateConnector<EmailConnector> = async ({
  getConfig,
  getI18nEmailTemplate,
}) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Email,
  configGuard: mailgunConfigGuard,
  sendMessage: async (data, inputConfig) => {
    const config = await resolveConfig(
      PROVIDER,
      mailgunConfigGuard,
      getConfig,
      defaultMetadata.id,
      inputConfig,
    );
    return sendEmail(config, await composeEmail(config, data, getI18nEmailTemplate));
  },
});

export default createMailgunConnector;
