import { classify, createHttpClient, type HttpClientOptions, type Phone } from '@switchboard/core';
import { z } from 'zod';

import type { TwilioSmsConfig } from './config.js';
import { twilioErrors, twilioHints } from './errors.js';
import { PROVIDER, regions } from './metadata.js';

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response). */
const twilioErrorGuard = z.object({
  code: z.number().or(z.string()).optional(),
  message: z.string().optional(),
  more_info: z.string().optional(),
});

type ParseError = NonNullable<HttpClientOptions['parseError']>;

/** The parts of the created Message resource this connector reads. */
const messageGuard = z.object({ sid: z.string(), status: z.string() }).passthrough();

export type TwilioMessage = z.infer<typeof messageGuard>;

export const messagesUrl = (config: TwilioSmsConfig) =>
  `${config.endpoint ?? regions[config.region]}/2010-04-01/Accounts/${encodeURIComponent(config.accountSID)}/Messages.json`;

/** Basic auth with the API key when one is set, otherwise with the Account SID and Auth Token. */
const authorization = (config: TwilioSmsConfig) => {
  const [user, password] =
    config.apiKeySid && config.apiKeySecret
      ? [config.apiKeySid, config.apiKeySecret]
      : [config.accountSID, config.authToken ?? ''];
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
};

export const messageForm = (config: TwilioSmsConfig, to: Phone, body: string) => ({
  To: to.e164,
  Body: body,
  ...(config.fromMessagingServiceSID
    ? { MessagingServiceSid: config.fromMessagingServiceSID }
    : {}),
  ...(config.from ? { From: config.from } : {}),
  ...(config.disableRiskCheck ? { RiskCheck: 'disable' } : {}),
});

const parseError: ParseError = (raw, _status, headers) => {
  const parsed = twilioErrorGuard.safeParse(raw);
  if (!parsed.success) return undefined;
  const code = parsed.data.code === undefined ? undefined : String(parsed.data.code);
  const hint = code === undefined ? undefined : twilioHints[code];
  const requestId = headers['twilio-request-id'];
  return {
    ...(code === undefined ? {} : { code }),
    ...(parsed.data.message === undefined
      ? {}
      : { message: hint ? `${parsed.data.message} (${hint})` : parsed.data.message }),
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ...(parsed.data.more_info ? { details: { moreInfo: parsed.data.more_info } } : {}),
  };
};

const accountGuard = z.object({ friendly_name: z.string(), status: z.string() }).passthrough();

const createClient = (config: TwilioSmsConfig) =>
  createHttpClient({
    provider: PROVIDER,
    timeoutMs: config.timeout,
    secrets: [config.authToken, config.apiKeySecret],
    parseError,
    classify: (failure) => classify(twilioErrors, failure),
  });

/** Reads the account resource: a free call that proves credentials and region (`switchboard check --probe`). */
export const fetchAccount = async (config: TwilioSmsConfig) => {
  const base = config.endpoint ?? regions[config.region];
  const { body } = await createClient(config).request({
    method: 'GET',
    url: `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSID)}.json`,
    headers: { authorization: authorization(config) },
    guard: accountGuard,
  });
  return body;
};

export const sendSms = async (
  config: TwilioSmsConfig,
  to: Phone,
  body: string,
): Promise<TwilioMessage> => {
  const client = createClient(config);
  const { body: message } = await client.request({
    url: messagesUrl(config),
    headers: { authorization: authorization(config) },
    form: messageForm(config, to, body),
    guard: messageGuard,
  });
  return message;
};
