import {
  destinationFields,
  endpointGuard,
  optionalText,
  smsTemplateGuard,
  templatesGuard,
  timeoutGuard,
} from '@switchboard/core';
import { z } from 'zod';

import { regions } from './metadata.js';

const alphanumericSender = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const e164 = /^\+[1-9]\d{6,14}$/;
/** Twilio documents 5- and 6-digit short codes as a valid From (https://www.twilio.com/docs/messaging/api/message-resource). */
const shortCode = /^\d{5,6}$/;

export const twilioSmsConfigGuard = z
  .object({
    accountSID: z.string().trim().min(1, 'accountSID is required'),
    authToken: optionalText,
    apiKeySid: optionalText,
    apiKeySecret: optionalText,
    fromMessagingServiceSID: optionalText,
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
    templates: templatesGuard(smsTemplateGuard),
    ...destinationFields,
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
  });

export type TwilioSmsConfig = z.infer<typeof twilioSmsConfigGuard>;
