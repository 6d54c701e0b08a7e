import { endpointGuard, timeoutGuard, lazyGuard } from '@switchboard/core';
import { z } from 'zod';

import { regions } from './hosts.js';
import { defaultPayloadVariables } from './metadata.js';

const required = (field: string) => z.string().trim().min(1, `${field} is required`);

/** Direct content: Mailgun receives the rendered subject, HTML and text. */
const contentFields = () => ({
  subject: z.string().optional(),
  replyTo: z.string().optional(),
  text: z.string().optional(),
});
const htmlDelivery = lazyGuard(() => z.object({ ...contentFields(), html: z.string() }));
const textDelivery = lazyGuard(() => z.object({ ...contentFields(), text: z.string() }));

/** A template stored in Mailgun, filled with `variables` and the allowed payload values. */
const templateDelivery = lazyGuard(() =>
  z.object({
    template: z.string().trim().min(1, 'template must not be empty'),
    variables: z.record(z.unknown()).optional(),
    subject: z.string().optional(),
    replyTo: z.string().optional(),
  }),
);

/**
 * The official connector's two shapes (HTML first, then template), plus text-only content. An
 * entry with both `html` and `template` is HTML content, as in the official connector.
 */
export const deliveryGuard = lazyGuard(() =>
  z.union([htmlDelivery, templateDelivery, textDelivery], {
    errorMap: () => ({ message: 'each delivery needs html, text or template' }),
  }),
);

export type Delivery = z.infer<typeof deliveryGuard>;

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const domainName = new RegExp(`^(?=.{1,253}$)${label}(?:\\.${label})+$`, 'i');

/**
 * A base URL with no path: https (http only on loopback), any host. The official check ran
 * `endsWith('.mailgun.net')` on the whole string, so `https://evil.example/.mailgun.net` passed
 * and sent the API key to evil.example; a path is never needed, since requests go to /v3/... .
 */
const mailgunEndpointGuard = lazyGuard(() =>
  endpointGuard.pipe(
    z.string().refine((value) => new URL(value).pathname === '/', {
      message: 'endpoint must be a base URL without a path, such as https://api.eu.mailgun.net',
    }),
  ),
);

/** `a@b.c` or `Display Name <a@b.c>` (the name may be quoted). */
const mailbox = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

const payloadPath = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

export const mailgunConfigGuard = lazyGuard(() =>
  z.object({
    region: z
      .enum(Object.keys(regions) as [keyof typeof regions, ...Array<keyof typeof regions>])
      .default('us'),
    endpoint: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      mailgunEndpointGuard.optional(),
    ),
    domain: required('domain').refine((value) => domainName.test(value), {
      message: 'domain must be a domain name such as mg.example.com, without https:// or a path',
    }),
    apiKey: required('apiKey'),
    from: required('from').refine((value) => mailbox.test(value), {
      message:
        'from must be an address such as no-reply@mg.example.com, or Name <no-reply@mg.example.com>',
    }),
    // Logto drops an empty object on save, and Logto email templates can serve every usage type.
    deliveries: z.record(deliveryGuard).default({}),
    payloadVariables: z
      .array(
        z
          .string()
          .regex(payloadPath, 'payloadVariables holds names such as "code" or "application.name"'),
      )
      .default(defaultPayloadVariables),
    /** Leave Mailgun's click and open tracking as the account has them (default: off per message). */
    tracking: z.boolean().optional(),
    /** Mailgun test mode: the request is validated and nothing is delivered. */
    testMode: z.boolean().optional(),
    timeout: timeoutGuard.optional(),
  }),
);

export type MailgunConfig = z.infer<typeof mailgunConfigGuard>;
