// The rules that tie the Twilio connector's fields together; the fields themselves are in fields.ts.
import { lazyGuard, shapeOf } from '@switchboard/core';
import { z } from 'zod';

import { twilioFields } from './fields.js';

export const twilioSmsConfigGuard = lazyGuard(() =>
  z.object(shapeOf(twilioFields)).superRefine((config, context) => {
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
