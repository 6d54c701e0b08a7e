import {
  destinationFields,
  endpointGuard,
  optionalText,
  smsTemplateGuard,
  templatesGuard,
  timeoutGuard,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import { regions } from './hosts.js';
import { defaultValidityPeriod } from './metadata.js';

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
const sidMessage = (field: string, what: string, prefix: string) =>
  `${field} must be ${what}: ${prefix} followed by 32 hex digits`;
const optionalSid = (field: string, what: string, prefix: string) =>
  optionalText.refine((value) => value === undefined || sidPattern(prefix).test(value), {
    message: sidMessage(field, what, prefix),
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

/** `*` (or `["*"]`) for every destination, otherwise country codes the way allowedCountries takes them. */
const whatsAppCountriesGuard = lazyGuard(() =>
  z.preprocess(
    (value) => (isEveryCountry(value) ? '*' : value),
    z.literal('*').or(destinationFields.allowedCountries),
  ),
);

/** Twilio's documented range for ValidityPeriod (https://www.twilio.com/docs/api/errors/21624). */
const validityPeriodGuard = lazyGuard(() =>
  z
    .number()
    .int('validityPeriod must be a whole number of seconds')
    .min(1, 'validityPeriod must be at least 1 second')
    .max(36_000, 'validityPeriod must be at most 36000 seconds (Twilio’s limit, 10 hours)'),
);

export const twilioSmsConfigGuard = lazyGuard(() =>
  z
    .object({
      accountSID: z
        .string()
        .trim()
        .min(1, 'accountSID is required')
        .regex(sidPattern('AC'), sidMessage('accountSID', 'a Twilio Account SID', 'AC')),
      authToken: optionalText,
      apiKeySid: optionalSid('apiKeySid', 'a Twilio API key SID', 'SK'),
      apiKeySecret: optionalText,
      fromMessagingServiceSID: optionalSid(
        'fromMessagingServiceSID',
        'a Twilio Messaging Service SID',
        'MG',
      ),
      from: optionalText.refine(
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
      region: z
        .enum(Object.keys(regions) as [keyof typeof regions, ...Array<keyof typeof regions>])
        .default('us1'),
      endpoint: endpointGuard.optional(),
      disableRiskCheck: z.boolean().optional(),
      timeout: timeoutGuard.optional(),
      validityPeriod: validityPeriodGuard.default(defaultValidityPeriod),
      templates: templatesGuard(smsTemplateGuard),
      ...destinationFields,
      whatsAppCountries: whatsAppCountriesGuard,
      // [] is the Console's default: no WhatsApp templates, like an absent field.
      whatsAppTemplates: z.preprocess(
        (value) => (Array.isArray(value) && value.length === 0 ? undefined : value),
        templatesGuard(whatsAppTemplateGuard).optional(),
      ),
      whatsAppFrom: optionalText.refine(
        (value) => value === undefined || whatsAppSender.test(value),
        { message: 'whatsAppFrom must be a WhatsApp sender such as whatsapp:+14155550123' },
      ),
    })
    .superRefine((config, context) => {
      const apiKey = config.apiKeySid !== undefined || config.apiKeySecret !== undefined;
      if (apiKey && !(config.apiKeySid && config.apiKeySecret)) {
        context.addIssue({
          code: 'custom',
          path: [config.apiKeySid ? 'apiKeySecret' : 'apiKeySid'],
          message: 'an API key needs both apiKeySid and apiKeySecret',
        });
      }
      if (!apiKey && !config.authToken) {
        context.addIssue({
          code: 'custom',
          path: ['authToken'],
          message: 'set authToken, or apiKeySid and apiKeySecret',
        });
      }
      if (!config.fromMessagingServiceSID && !config.from) {
        context.addIssue({
          code: 'custom',
          path: ['fromMessagingServiceSID'],
          message:
            'set a sender: fromMessagingServiceSID (a Messaging Service) or from (a number or sender ID), or both',
        });
      }
      if (config.whatsAppCountries && !config.whatsAppTemplates) {
        context.addIssue({
          code: 'custom',
          path: ['whatsAppTemplates'],
          message:
            'whatsAppCountries is set: add whatsAppTemplates with at least a Generic entry, the Content SID of an approved WhatsApp authentication template',
        });
      }
      if (config.whatsAppCountries && !config.whatsAppFrom && !config.fromMessagingServiceSID) {
        context.addIssue({
          code: 'custom',
          path: ['whatsAppFrom'],
          message:
            'whatsAppCountries is set: WhatsApp needs a sender, whatsAppFrom (whatsapp:+…) or fromMessagingServiceSID with a WhatsApp sender in its pool; from is never used for WhatsApp',
        });
      }
    }),
);

export type TwilioSmsConfig = z.infer<typeof twilioSmsConfigGuard>;
