import { declareClient, lazyGuard } from '@switchboard/core';
import { z, type ZodType, type ZodTypeDef } from 'zod';

import type { MailgunConfig } from './config.js';
import { mailgunFailures } from './errors.js';
import type { MailgunForm } from './message.js';
import { regions } from './fields.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

/** The accepted message: `{ "id": "<...@domain>", "message": "Queued. Thank you." }`. */
const queuedGuard = lazyGuard(() =>
  z.object({ id: z.string(), message: z.string().optional() }).passthrough(),
);

export type MailgunQueued = z.infer<typeof queuedGuard>;

/** The part of GET /v4/domains/{name} the probe reads. */
const domainGuard = lazyGuard(() =>
  z.object({
    domain: z.object({ name: z.string(), state: z.string().optional() }).passthrough(),
  }),
);

const baseUrl = (config: MailgunConfig) => config.endpoint ?? regions[config.region].host;

const messagesUrl = (config: MailgunConfig) =>
  `${baseUrl(config)}/v3/${encodeURIComponent(config.domain)}/messages`;

const authorization = (config: MailgunConfig) =>
  `Basic ${Buffer.from(`api:${config.apiKey}`).toString('base64')}`;

const clientFor = declareClient({
  provider: PROVIDER,
  formItems: defaultMetadata.formItems,
  ...mailgunFailures,
});

const call = async <T>(
  config: MailgunConfig,
  request: {
    method: 'GET' | 'POST';
    url: string;
    form?: Record<string, string>;
    guard: ZodType<T, ZodTypeDef, unknown>;
  },
): Promise<T> => {
  const { body } = await clientFor(config).request({
    ...request,
    headers: { authorization: authorization(config), accept: 'application/json' },
  });
  return body;
};

/**
 * Mailgun's per-message options. Sign-in emails carry one-time links: click tracking rewrites them
 * through the tracking domain (which breaks or delays them) and open tracking adds a pixel, so
 * both are off unless `tracking` leaves the account's settings in force. `o:testmode` makes
 * Mailgun accept and validate the message without delivering it.
 */
const sendingOptions = (config: MailgunConfig): Record<string, string> => ({
  ...(config.tracking
    ? {}
    : { 'o:tracking': 'no', 'o:tracking-clicks': 'no', 'o:tracking-opens': 'no' }),
  ...(config.testMode ? { 'o:testmode': 'yes' } : {}),
});

/** POST /v3/{domain}/messages, form-encoded, Basic api:apiKey. */
export const sendEmail = async (config: MailgunConfig, form: MailgunForm): Promise<MailgunQueued> =>
  call(config, {
    method: 'POST',
    url: messagesUrl(config),
    form: { ...form, ...sendingOptions(config) },
    guard: queuedGuard,
  });

/** GET /v4/domains/{domain}: free and read-only; needs an account API key, not a sending key. */
export const fetchDomain = async (config: MailgunConfig) =>
  (
    await call(config, {
      method: 'GET',
      url: `${baseUrl(config)}/v4/domains/${encodeURIComponent(config.domain)}`,
      guard: domainGuard,
    })
  ).domain;
