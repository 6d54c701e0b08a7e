// Every config field of the Twilio connector, declared once: its guard and the Console form item
// that edits it, in the Console's order; the provider's constants they are built from come first.
// config.ts adds the rules that tie fields together, metadata.ts the names and descriptions.
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import {
  defaultSmsTemplates,
  destinationFieldList,
  destinationFields,
  endpointField,
  field,
  lazyGuard,
  optionalText,
  smsTemplateGuard,
  templatesField,
  templatesGuard,
  timeoutField,
} from '@switchboard/core';
import { z } from 'zod';

/** Twilio's regional REST API hosts (https://www.twilio.com/docs/global-infrastructure/edge-locations). */
export const regions = {
  us1: { host: 'https://api.twilio.com', title: 'United States (US1, api.twilio.com)' },
  ie1: {
    host: 'https://api.dublin.ie1.twilio.com',
    title: 'Ireland (IE1, api.dublin.ie1.twilio.com)',
  },
  au1: {
    host: 'https://api.sydney.au1.twilio.com',
    title: 'Australia (AU1, api.sydney.au1.twilio.com)',
  },
} as const;

type Region = keyof typeof regions;

/** Logto's default code lifetime, 10 minutes: a message that arrives later is no use. */
const defaultValidityPeriod = 600;

/** Twilio's documented range for ValidityPeriod (https://www.twilio.com/docs/api/errors/21624). */
const validityPeriodRange = { min: 1, max: 36_000 };

const alphanumericSender = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const e164 = /^\+[1-9]\d{6,14}$/;
/** A WhatsApp sender is its number with Twilio's channel prefix (https://www.twilio.com/docs/messaging/channels). */
const whatsAppSender = /^whatsapp:\+[1-9]\d{6,14}$/;
/** Twilio documents 5- and 6-digit short codes as a valid From (https://www.twilio.com/docs/messaging/api/message-resource). */
const shortCode = /^\d{5,6}$/;

/** Twilio's Content SID pattern (https://www.twilio.com/docs/content/content-api-resources). */
const contentSid = /^HX[0-9a-fA-F]{32}$/;

/**
 * A Twilio identifier: two letters naming the resource and 32 hex digits
 * (https://www.twilio.com/docs/glossary/what-is-a-sid). A mistyped one would fail only on the
 * first send, as Twilio's 20404 or 20003.
 */
const sidPattern = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
const sidMessage = (key: string, what: string, prefix: string) =>
  `${key} must be ${what}: ${prefix} followed by 32 hex digits`;
const optionalSid = (key: string, what: string, prefix: string) =>
  optionalText.refine((value) => value === undefined || sidPattern(prefix).test(value), {
    message: sidMessage(key, what, prefix),
  });

/** A WhatsApp authentication template made in Twilio's Content Template Builder; {{1}} is the code. */
const whatsAppTemplateGuard = lazyGuard(() =>
  z.object({
    usageType: z.string().min(1, 'usageType must not be empty'),
    contentSid: z.string().trim().regex(contentSid, {
      message: 'contentSid must be a Twilio Content SID: HX followed by 32 hex digits',
    }),
    locale: z.string().min(1).optional(),
  }),
);

const isEveryCountry = (value: unknown) =>
  value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*');

export const twilioFields = {
  accountSID: field(
    lazyGuard(() =>
      z
        .string()
        .trim()
        .min(1, 'accountSID is required')
        .regex(sidPattern('AC'), sidMessage('accountSID', 'a Twilio Account SID', 'AC')),
    ),
    {
      label: 'Account SID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'AC0123456789abcdef0123456789abcdef',
      description: 'Your Twilio Account SID, from the Twilio Console home page.',
    },
  ),
  authToken: field(optionalText, {
    label: 'Auth Token',
    type: ConnectorConfigFormItemType.Text,
    isConfidential: true,
    placeholder: '<auth-token>',
    description:
      'Leave empty when you use an API key below (recommended by Twilio for production).',
  }),
  apiKeySid: field(
    lazyGuard(() => optionalSid('apiKeySid', 'a Twilio API key SID', 'SK')),
    {
      label: 'API key SID',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'SK0123456789abcdef0123456789abcdef',
      description: 'A Standard API key created in the same region as the one chosen below.',
    },
  ),
  apiKeySecret: field(optionalText, {
    label: 'API key secret',
    type: ConnectorConfigFormItemType.Text,
    isConfidential: true,
    placeholder: '<api-key-secret>',
  }),
  fromMessagingServiceSID: field(
    lazyGuard(() => optionalSid('fromMessagingServiceSID', 'a Twilio Messaging Service SID', 'MG')),
    {
      label: 'Messaging Service SID',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'MG0123456789abcdef0123456789abcdef',
      description: 'Send through a Messaging Service. Set this, a sender below, or both.',
    },
  ),
  from: field(
    lazyGuard(() =>
      optionalText.refine(
        (value) =>
          value === undefined ||
          e164.test(value) ||
          shortCode.test(value) ||
          alphanumericSender.test(value),
        {
          message:
            'from must be an E.164 number such as +14155550123, a 5- or 6-digit short code, or an alphanumeric sender ID of up to 11 letters, digits and spaces',
        },
      ),
    ),
    {
      label: 'Sender',
      type: ConnectorConfigFormItemType.Text,
      placeholder: '+14155550123 or MyBrand',
      description:
        'A Twilio phone number in E.164 form, a 5- or 6-digit short code, or an alphanumeric sender ID (up to 11 letters, digits and spaces) where your destination countries allow it.',
    },
  ),
  region: field(
    lazyGuard(() =>
      z.enum(Object.keys(regions) as [Region, ...Region[]]).default('us1' satisfies Region),
    ),
    {
      label: 'Region',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'us1' satisfies Region,
      selectItems: Object.entries(regions).map(([value, { title }]) => ({ value, title })),
      description:
        'Credentials belong to one region: pick the region your account or API key lives in.',
    },
  ),
  disableRiskCheck: field(
    lazyGuard(() => z.boolean().optional()),
    {
      label: 'Disable Twilio risk check',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Sends RiskCheck=disable, for accounts whose legitimate verification traffic Twilio blocks as SMS pumping.',
    },
  ),
  endpoint: endpointField(
    'https://twilio-proxy.example.com',
    'Optional base URL for a proxy; replaces the region host. https only.',
  ),
  ...destinationFieldList,
  timeout: timeoutField('Twilio'),
  validityPeriod: field(
    lazyGuard(() =>
      z
        .number()
        .int('validityPeriod must be a whole number of seconds')
        .min(validityPeriodRange.min, 'validityPeriod must be at least 1 second')
        .max(
          validityPeriodRange.max,
          `validityPeriod must be at most ${validityPeriodRange.max} seconds (Twilio’s limit, 10 hours)`,
        )
        .default(defaultValidityPeriod),
    ),
    {
      label: 'Validity period (seconds)',
      type: ConnectorConfigFormItemType.Number,
      defaultValue: defaultValidityPeriod,
      placeholder: String(defaultValidityPeriod),
      description: `How long a message may wait in Twilio’s queue before Twilio drops it, ${validityPeriodRange.min} to ${validityPeriodRange.max} seconds. Set it to the code expiration of your sign-in experience (Logto’s default is 10 minutes, ${defaultValidityPeriod}): a late code is of no use. Twilio’s own default is ${validityPeriodRange.max} (10 hours).`,
    },
  ),
  templates: templatesField(smsTemplateGuard, defaultSmsTemplates, { example: 'fr' }),
  whatsAppCountries: field(
    // `*` (or `["*"]`) for every destination, otherwise country codes as allowedCountries takes them.
    lazyGuard(() =>
      z.preprocess(
        (value) => (isEveryCountry(value) ? '*' : value),
        z.literal('*').or(destinationFields.allowedCountries),
      ),
    ),
    {
      label: 'WhatsApp countries',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      placeholder: 'BR, IN, or * for every country',
      description:
        'Send codes by WhatsApp instead of SMS to numbers of these countries (ISO 3166-1 alpha-2 codes, separated by commas), or * for every number. Other countries keep getting SMS. Empty: SMS only. Needs WhatsApp templates and a WhatsApp sender below.',
    },
  ),
  whatsAppTemplates: field(
    // [] is the Console's default: no WhatsApp templates, like an absent field.
    lazyGuard(() =>
      z.preprocess(
        (value) => (Array.isArray(value) && value.length === 0 ? undefined : value),
        templatesGuard(whatsAppTemplateGuard).optional(),
      ),
    ),
    {
      label: 'WhatsApp templates',
      type: ConnectorConfigFormItemType.Json,
      required: false,
      defaultValue: [],
      placeholder:
        '[{ "usageType": "Generic", "contentSid": "HX0123456789abcdef0123456789abcdef" }]',
      description:
        'WhatsApp authentication templates approved by WhatsApp, made in Twilio’s Content Template Builder, one per usage type: { "usageType", "contentSid", optional "locale" }. Their one variable {{1}} is the code. A Generic entry is required; other types fall back on it.',
    },
  ),
  whatsAppFrom: field(
    lazyGuard(() =>
      optionalText.refine((value) => value === undefined || whatsAppSender.test(value), {
        message: 'whatsAppFrom must be a WhatsApp sender such as whatsapp:+14155550123',
      }),
    ),
    {
      label: 'WhatsApp sender',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      placeholder: 'whatsapp:+14155550123',
      description:
        'Your WhatsApp sender, whatsapp: then its number in E.164 form. When set, WhatsApp messages come from it (and not through the Messaging Service); when empty, the Messaging Service above picks the WhatsApp sender of its pool. The SMS sender is never used for WhatsApp.',
    },
  ),
};
