import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';
import {
  usageTypes,
  destinationFormItems,
  endpointFormItem,
  timeoutFormItem,
} from '@switchboard/core';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'aliyun';

/** The two Dysmsapi sites: the China site (aliyun.com) and the international one (alibabacloud.com). */
export const sites = {
  china: {
    endpoint: 'https://dysmsapi.aliyuncs.com',
    version: '2017-05-25',
    regionId: 'cn-hangzhou',
  },
  international: {
    endpoint: 'https://dysmsapi.ap-southeast-1.aliyuncs.com',
    version: '2018-05-01',
    regionId: 'ap-southeast-1',
  },
} as const;

export type Site = keyof typeof sites;

/** The official connector's default: one entry per usage type, codes to fill in. */
export const defaultTemplates = usageTypes.map((usageType) => ({
  usageType,
  templateCode: '<template-code>',
}));

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-aliyun-sms',
  target: 'aliyun-sms',
  platform: null,
  name: {
    en: 'Aliyun SMS (Switchboard)',
    'zh-CN': '阿里云短信服务 (Switchboard)',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Send verification codes through Aliyun / Alibaba Cloud SMS: China and international sites, V3 signatures, routing by the number’s country.',
    'zh-CN':
      '通过阿里云短信服务发送验证码：支持中国站与国际站、V3 签名，并按号码所属国家选择国内或国际模板。',
  },
  readme: './README.md',
  formItems: [
    {
      key: 'accessKeyId',
      label: 'AccessKey ID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '<access-key-id>',
      description:
        'The AccessKey ID of a RAM user allowed to send SMS (AliyunDysmsFullAccess or a narrower policy).',
    },
    {
      key: 'accessKeySecret',
      label: 'AccessKey secret',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<access-key-secret>',
    },
    {
      key: 'signName',
      label: 'Signature name',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '<signature-name>',
      description: 'The approved SMS signature (签名), exactly as shown in the SMS console.',
    },
    {
      key: 'site',
      label: 'Site',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'china',
      selectItems: [
        { value: 'china', title: 'China site (aliyun.com, dysmsapi.aliyuncs.com, SendSms)' },
        {
          value: 'international',
          title: 'International site (alibabacloud.com, dysmsapi.ap-southeast-1.aliyuncs.com)',
        },
      ],
      description: 'Pick the site your Alibaba Cloud account was opened on.',
    },
    {
      key: 'signatureVersion',
      label: 'Request signature',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'v3',
      selectItems: [
        { value: 'v3', title: 'V3 (ACS3-HMAC-SHA256, recommended)' },
        { value: 'v1', title: 'V1 (HMAC-SHA1, legacy)' },
      ],
    },
    {
      key: 'senderId',
      label: 'Sender ID (international site)',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'MyBrand',
      description:
        'Optional approved sender ID for messages sent with a template "content" outside the Chinese mainland.',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      description:
        'One entry per usage type; types without their own entry use the Generic one. China site: "templateCode", a code such as SMS_123456789, or { "china": …, "overseas": … } for mainland and other numbers. International site: "content" (the message text, with {{code}}) for numbers outside the Chinese mainland, "templateCode" for mainland numbers. Only the variables in "params" (default ["code"]) go in TemplateParam.',
    },
    {
      key: 'strictPhoneRegionNumberCheck',
      label: 'Strict phone region check (ignored)',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Kept so official configs still load. Numbers are now routed by the country they belong to, whatever this says.',
    },
    endpointFormItem(
      'https://dysmsapi.aliyuncs.com',
      'Optional base URL that replaces the site’s endpoint (a proxy or another region). https only.',
    ),
    ...destinationFormItems,
    timeoutFormItem('Aliyun'),
  ],
};
