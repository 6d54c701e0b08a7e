import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';
import {
  defaultSmsTemplates,
  destinationFormItems,
  endpointFormItem,
  timeoutFormItem,
} from '@switchboard/core';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'twilio';

export const regions = {
  us1: 'https://api.twilio.com',
  ie1: 'https://api.dublin.ie1.twilio.com',
  au1: 'https://api.sydney.au1.twilio.com',
} as const;

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-twilio-sms',
  target: 'twilio-sms',
  platform: null,
  name: {
    en: 'Twilio SMS (Switchboard)',
    'zh-CN': 'Twilio 短信 (Switchboard)',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Send verification codes by SMS through Twilio, with API keys, sender IDs and the US, Ireland and Australia regions.',
    'zh-CN': '通过 Twilio 发送短信验证码，支持 API Key、发件人 ID 以及美国、爱尔兰和澳大利亚区域。',
  },
  readme: './README.md',
  formItems: [
    {
      key: 'accountSID',
      label: 'Account SID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'AC0123456789abcdef0123456789abcdef',
      description: 'Your Twilio Account SID, from the Twilio Console home page.',
    },
    {
      key: 'authToken',
      label: 'Auth Token',
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: '<auth-token>',
      description:
        'Leave empty when you use an API key below (recommended by Twilio for production).',
    },
    {
      key: 'apiKeySid',
      label: 'API key SID',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'SK0123456789abcdef0123456789abcdef',
      description: 'A Standard API key created in the same region as the one chosen below.',
    },
    {
      key: 'apiKeySecret',
      label: 'API key secret',
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: '<api-key-secret>',
    },
    {
      key: 'fromMessagingServiceSID',
      label: 'Messaging Service SID',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'MG0123456789abcdef0123456789abcdef',
      description: 'Send through a Messaging Service. Set this, a sender below, or both.',
    },
    {
      key: 'from',
      label: 'Sender',
      type: ConnectorConfigFormItemType.Text,
      placeholder: '+14155550123 or MyBrand',
      description:
        'A Twilio phone number in E.164 form, or an alphanumeric sender ID (up to 11 letters, digits and spaces) where your destination countries allow it.',
    },
    {
      key: 'region',
      label: 'Region',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'us1',
      selectItems: [
        { value: 'us1', title: 'United States (US1, api.twilio.com)' },
        { value: 'ie1', title: 'Ireland (IE1, api.dublin.ie1.twilio.com)' },
        { value: 'au1', title: 'Australia (AU1, api.sydney.au1.twilio.com)' },
      ],
      description:
        'Credentials belong to one region: pick the region your account or API key lives in.',
    },
    {
      key: 'disableRiskCheck',
      label: 'Disable Twilio risk check',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Sends RiskCheck=disable, for accounts whose legitimate verification traffic Twilio blocks as SMS pumping.',
    },
    endpointFormItem(
      'https://twilio-proxy.example.com',
      'Optional base URL for a proxy; replaces the region host. https only.',
    ),
    ...destinationFormItems,
    timeoutFormItem('Twilio'),
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultSmsTemplates,
      description:
        'One message per usage type; {{code}} is replaced by the code. Types without their own template use the Generic one. An optional "locale" (e.g. "fr") picks a template by the user’s language.',
    },
  ],
};
