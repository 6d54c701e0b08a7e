import {
  destinationFields,
  endpointGuard,
  smsTemplateGuard,
  templatesGuard,
  timeoutGuard,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import { defaultGates } from './metadata.js';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && !value.trim() ? undefined : value;

/** A gate is a base URL like an endpoint; a pasted `…/v2` suffix is dropped (the path adds it). */
const gateGuard = lazyGuard(() => endpointGuard.transform((url) => url.replace(/\/v2$/, '')));

/**
 * The gate list: the Console's multiline field gives one URL per line (commas and spaces work
 * too), a pasted JSON config may hold an array, and an unset or blank list means SMS Aero's own.
 */
const gatesGuard = lazyGuard(() =>
  z.preprocess(
    (value) => {
      const list =
        typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : blankToUndefined(value);
      return list === undefined || (Array.isArray(list) && list.length === 0)
        ? [...defaultGates]
        : list;
    },
    z
      .array(gateGuard, { invalid_type_error: 'gates must be a list of URLs, one per line' })
      .max(10, 'gates may list at most 10 URLs'),
  ),
);

export const smsAeroConfigGuard = lazyGuard(() =>
  z.object({
    email: z.string().trim().email('email must be the e-mail address of your SMS Aero account'),
    apiKey: z.string().trim().min(1, 'apiKey is required'),
    senderName: z
      .string()
      .trim()
      .min(1, 'senderName is required: a sender name approved by SMS Aero'),
    templates: templatesGuard(smsTemplateGuard),
    ...destinationFields,
    gates: gatesGuard,
    /** SMS Aero's test send (sms/testsend): checked like a real send, delivered to nobody, not charged. */
    testMode: z.boolean().optional(),
    endpoint: z.preprocess(blankToUndefined, endpointGuard.optional()),
    timeout: timeoutGuard.optional(),
  }),
);

export type SmsAeroConfig = z.infer<typeof smsAeroConfigGuard>;
