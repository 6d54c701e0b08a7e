import {
  ConnectorErrorCodes,
  ConnectorType,
  type CreateConnector,
  type EmailConnector,
} from '@logto/connector-kit';
import { connectorError, payloadLocale, resolveConfig, templateValues } from '@switchboard/core';

import { sendEmail } from './api.js';
import { mailgunConfigGuard } from './config.js';
import { fromDelivery, fromLogtoTemplate, headerValue, requireDelivery } from './message.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

const emailAddress = /^[^\s@<>]+@[^\s@<>]+$/;

const createMailgunConnector: CreateConnector<EmailConnector> = async ({
  getConfig,
  getI18nEmailTemplate,
}) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Email,
  configGuard: mailgunConfigGuard,
  sendMessage: async ({ to, type, payload }, inputConfig) => {
    const config = await resolveConfig(
      PROVIDER,
      mailgunConfigGuard,
      getConfig,
      defaultMetadata.id,
      inputConfig,
    );
    const recipient = headerValue(to);
    if (!emailAddress.test(recipient)) {
      throw connectorError(ConnectorErrorCodes.InvalidRequestParameters, {
        provider: PROVIDER,
        message: 'the recipient is not an email address',
      });
    }
    const values = templateValues(payload);
    // Logto's own email templates come first; the host already falls back to its Generic one. If
    // the lookup fails, a configured delivery still goes out; without one, its error surfaces.
    let lookupError: unknown;
    const logtoTemplate = await Promise.resolve(
      getI18nEmailTemplate?.(type, payloadLocale(payload)),
    ).catch((error: unknown) => {
      lookupError = error;
      return undefined;
    });
    const message = logtoTemplate
      ? fromLogtoTemplate(logtoTemplate, values)
      : fromDelivery(requireDelivery(config, type, lookupError), values, config.payloadVariables);
    return sendEmail(config, {
      ...message,
      from: message.from ?? headerValue(config.from),
      to: recipient,
    });
  },
});

export default createMailgunConnector;
