import { type ConnectorConfigFormItem, ConnectorConfigFormItemType } from '@logto/connector-kit';

import { defaultTimeoutMs } from './config.js';

/** The `endpoint` override field every connector offers (proxies, the sandbox). */
export const endpointFormItem = (
  placeholder: string,
  description: string,
): ConnectorConfigFormItem => ({
  key: 'endpoint',
  label: 'Endpoint override',
  type: ConnectorConfigFormItemType.Text,
  placeholder,
  description,
});

/** The `timeout` field every connector offers, in milliseconds. */
export const timeoutFormItem = (
  providerName: string,
  defaultMs: number = defaultTimeoutMs,
  what = providerName,
): ConnectorConfigFormItem => ({
  key: 'timeout',
  label: 'Request timeout (ms)',
  type: ConnectorConfigFormItemType.Number,
  placeholder: String(defaultMs),
  description: `How long to wait for ${what} before giving up. Default ${defaultMs}.`,
});

/**
 * The `templates` field every SMS connector offers: one entry per usage type, Generic required.
 * `description` says what an entry holds for this provider; without one, an entry is a message
 * text with {{code}} and an optional language (`example`, such as "fr").
 */
export const templatesFormItem = (
  defaultValue: unknown,
  description: string | { example: string },
): ConnectorConfigFormItem => ({
  key: 'templates',
  label: 'Templates',
  type: ConnectorConfigFormItemType.Json,
  required: true,
  defaultValue,
  description:
    typeof description === 'string'
      ? description
      : `One message per usage type; {{code}} is replaced by the code. Types without their own template use the Generic one. An optional "locale" (e.g. "${description.example}") picks a template by the user’s language.`,
});
