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
