import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';
import {
  defaultSmsTemplates,
  destinationFormItems,
  endpointFormItem,
  timeoutFormItem,
} from '@switchboard/core';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'smsaero';

/** SMS Aero's API gates, tried in this order (the official SDKs use the same list). */
export const defaultGates = [
  'https://gate.smsaero.ru',
  'https://gate.smsaero.org',
  'https://gate.smsaero.net',
] as const;

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-smsaero',
  target: 'smsaero-sms',
  platform: null,
  name: {
    en: 'SMS Aero (Switchboard)',
    ru: 'SMS Aero (Switchboard)',
    'zh-CN': 'SMS Aero 短信 (Switchboard)',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Send verification codes by SMS through SMS Aero API v2, with gate failover, a Generic template fallback and clear errors.',
    ru: 'Отправка кодов подтверждения по SMS через SMS Aero API v2: резервные шлюзы, шаблон Generic по умолчанию и понятные ошибки.',
    'zh-CN':
      '通过 SMS Aero API v2 发送短信验证码，支持网关故障切换、Generic 模板回退和清晰的错误信息。',
  },
  readme: './README.md',
  formItems: [
    {
      key: 'email',
      label: 'Account e-mail',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'you@example.com',
      description: 'The e-mail address you sign in to SMS Aero with.',
    },
    {
      key: 'apiKey',
      label: 'API key',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<api-key>',
      description:
        'From the API key page of your SMS Aero cabinet (smsaero.ru/cabinet/settings/apikey).',
    },
    {
      key: 'senderName',
      label: 'Sender name',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'SMS Aero',
      description: 'A sender name (signature) approved in your SMS Aero account.',
    },
    {
      key: 'gates',
      label: 'Gates',
      type: ConnectorConfigFormItemType.MultilineText,
      defaultValue: defaultGates.join('\n'),
      description:
        'SMS Aero API hosts, one per line, tried in order. The next one is used only when the message cannot have been accepted (connection refused, DNS or TLS failure, HTTP 429, 502, 503 or 504).',
    },
    endpointFormItem(
      'https://smsaero-proxy.example.com',
      'Optional base URL of a proxy; replaces the gate list. https only.',
    ),
    ...destinationFormItems,
    timeoutFormItem('SMS Aero'),
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultSmsTemplates,
      description:
        'One message per usage type; {{code}} is replaced by the code. Types without their own template use the Generic one. An optional "locale" (e.g. "ru") picks a template by the user’s language.',
    },
  ],
};
