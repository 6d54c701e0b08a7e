import { type CreateConnector, ConnectorType, type SmsConnector } from '@logto/connector-kit';
import { resolveConfig } from '@switchboard/core';

import { smsRouterConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';
import { sendRouted } from './send.js';

const createConnector: CreateConnector<SmsConnector> = async ({ getConfig }) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Sms,
  configGuard: smsRouterConfigGuard,
  sendMessage: async (data, inputConfig) =>
    sendRouted(
      await resolveConfig(
        PROVIDER,
        smsRouterConfigGuard,
        getConfig,
        defaultMetadata.id,
        inputConfig,
      ),
      data,
    ),
});

export default createConnector;
