// Every config field of the Aliyun connector, declared once: its guard and the Console form item
// that edits it, in the Console's order; the provider's constants they are built from come first.
// config.ts adds the rules that tie fields together, metadata.ts the names and descriptions.
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import {
  destinationFieldList,
  endpointField,
  field,
  lazyGuard,
  optionalText,
  templatesField,
  timeoutField,
  usageTypes,
} from '@switchboard/core';
import { z } from 'zod';

/**
 * The two Dysmsapi sites, the config's `site` choices: the China site (aliyun.com) and the
 * international one (alibabacloud.com), each with the endpoint, API version and region the
 * requests use.
 */
export const sites = {
  china: {
    endpoint: 'https://dysmsapi.aliyuncs.com',
    version: '2017-05-25',
    regionId: 'cn-hangzhou',
    title: 'China site (aliyun.com, dysmsapi.aliyuncs.com, SendSms)',
  },
  international: {
    endpoint: 'https://dysmsapi.ap-southeast-1.aliyuncs.com',
    version: '2018-05-01',
    regionId: 'ap-southeast-1',
    title: 'International site (alibabacloud.com, dysmsapi.ap-southeast-1.aliyuncs.com)',
  },
} as const;

export type Site = keyof typeof sites;

const defaultSite: Site = 'china';

/** How requests are signed: V3 (Authorization header) or V1 (a `Signature` parameter). */
const signatureVersions = {
  v3: { title: 'V3 (ACS3-HMAC-SHA256, recommended)' },
  v1: { title: 'V1 (HMAC-SHA1, legacy)' },
} as const;

type SignatureVersion = keyof typeof signatureVersions;

const defaultSignatureVersion: SignatureVersion = 'v3';

const selectItemsOf = (table: Record<string, { title: string }>) =>
  Object.entries(table).map(([value, { title }]) => ({ value, title }));

/** The official connector's default: one entry per usage type, codes to fill in. */
const defaultTemplates = usageTypes.map((usageType) => ({
  usageType,
  templateCode: '<template-code>',
}));

const code = lazyGuard(() => z.string().trim().min(1, 'a template code must not be empty'));

/** A payload path such as `code` or `ttlMinutes` that may be sent in TemplateParam. */
const paramName = lazyGuard(() =>
  z
    .string()
    .regex(/^[A-Za-z_][\w.]*$/, 'params lists variable names such as "code" or "ttlMinutes"'),
);

/**
 * One Aliyun template: the official `{ usageType, templateCode, type? }` plus `params` (the
 * variables that may leave), `content` (text for SendMessageToGlobe on the international site)
 * and `locale`.
 */
const aliyunTemplateGuard = lazyGuard(() =>
  z
    .object({
      usageType: z.string().min(1, 'usageType must not be empty'),
      templateCode: z.union([code, z.object({ china: code, overseas: code })]).optional(),
      content: z.string().min(1, 'content must not be empty').optional(),
      params: z.array(paramName).optional(),
      locale: z.string().min(1).optional(),
      /** The official connector's SmsTemplateType; accepted and not used. */
      type: z.number().int().optional(),
    })
    .refine((template) => template.templateCode !== undefined || template.content !== undefined, {
      message: 'each template needs a templateCode (or, on the international site, a content text)',
    }),
);

export type AliyunTemplate = z.infer<typeof aliyunTemplateGuard>;

export const aliyunFields = {
  accessKeyId: field(
    lazyGuard(() => z.string().trim().min(1, 'accessKeyId is required')),
    {
      label: 'AccessKey ID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '<access-key-id>',
      description:
        'The AccessKey ID of a RAM user allowed to send SMS (AliyunDysmsFullAccess or a narrower policy).',
    },
  ),
  accessKeySecret: field(
    lazyGuard(() => z.string().trim().min(1, 'accessKeySecret is required')),
    {
      label: 'AccessKey secret',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<access-key-secret>',
    },
  ),
  signName: field(
    lazyGuard(() => z.string().trim().min(1, 'signName is required')),
    {
      label: 'Signature name',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '<signature-name>',
      description: 'The approved SMS signature (签名), exactly as shown in the SMS console.',
    },
  ),
  site: field(
    lazyGuard(() => z.enum(Object.keys(sites) as [Site, ...Site[]]).default(defaultSite)),
    {
      label: 'Site',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: defaultSite,
      selectItems: selectItemsOf(sites),
      description: 'Pick the site your Alibaba Cloud account was opened on.',
    },
  ),
  signatureVersion: field(
    lazyGuard(() =>
      z
        .enum(Object.keys(signatureVersions) as [SignatureVersion, ...SignatureVersion[]])
        .default(defaultSignatureVersion),
    ),
    {
      label: 'Request signature',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: defaultSignatureVersion,
      selectItems: selectItemsOf(signatureVersions),
    },
  ),
  senderId: field(optionalText, {
    label: 'Sender ID (international site)',
    type: ConnectorConfigFormItemType.Text,
    placeholder: 'MyBrand',
    description:
      'Optional approved sender ID for messages sent with a template "content" outside the Chinese mainland.',
  }),
  templates: templatesField(
    aliyunTemplateGuard,
    defaultTemplates,
    'One entry per usage type; types without their own entry use the Generic one. China site: "templateCode", a code such as SMS_123456789, or { "china": …, "overseas": … } for mainland and other numbers. International site: "content" (the message text, with {{code}}) for numbers outside the Chinese mainland, "templateCode" for mainland numbers. Only the variables in "params" (default ["code"]) go in TemplateParam.',
  ),
  strictPhoneRegionNumberCheck: field(
    // Accepted for official configs; routing uses the parsed country instead.
    lazyGuard(() => z.boolean().optional()),
    {
      label: 'Strict phone region check (ignored)',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Kept so official configs still load. Numbers are now routed by the country they belong to, whatever this says.',
    },
  ),
  endpoint: endpointField(
    sites[defaultSite].endpoint,
    'Optional base URL that replaces the site’s endpoint (a proxy or another region). https only.',
  ),
  ...destinationFieldList,
  timeout: timeoutField('Aliyun'),
};
