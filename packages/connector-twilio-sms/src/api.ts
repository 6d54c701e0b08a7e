import {
  allowedValues,
  announceMessageChannel,
  declareClient,
  payloadLocale,
  type Phone,
  renderTemplate,
  templateFor,
  type SmsMessage,
  templateValues,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import type { TwilioSmsConfig } from './config.js';
import { twilioFailures } from './errors.js';
import { defaultMetadata, PROVIDER } from './metadata.js';
import { regions } from './fields.js';

/** The parts of the created Message resource this connector reads. */
const messageGuard = lazyGuard(() =>
  z.object({ sid: z.string(), status: z.string() }).passthrough(),
);

export type TwilioMessage = z.infer<typeof messageGuard>;

const messagesUrl = (config: TwilioSmsConfig) =>
  `${config.endpoint ?? regions[config.region].host}/2010-04-01/Accounts/${encodeURIComponent(config.accountSID)}/Messages.json`;

/** Basic auth with the API key when one is set, otherwise with the Account SID and Auth Token. */
const authorization = (config: TwilioSmsConfig) => {
  const [user, password] =
    config.apiKeySid && config.apiKeySecret
      ? [config.apiKeySid, config.apiKeySecret]
      : [config.accountSID, config.authToken ?? ''];
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
};

/** What every message carries, SMS or WhatsApp. */
const common = (config: TwilioSmsConfig) => ({
  ValidityPeriod: String(config.validityPeriod),
  ...(config.disableRiskCheck ? { RiskCheck: 'disable' } : {}),
});

const smsForm = (config: TwilioSmsConfig, to: Phone, body: string) => ({
  To: to.e164,
  Body: body,
  ...(config.fromMessagingServiceSID
    ? { MessagingServiceSid: config.fromMessagingServiceSID }
    : {}),
  ...(config.from ? { From: config.from } : {}),
  ...common(config),
});

/**
 * A content template over WhatsApp, as Twilio documents it
 * (https://www.twilio.com/docs/content/send-templates-created-with-the-content-template-builder):
 * channel-prefixed To, ContentSid, the code as variable 1, no Body. The sender is whatsAppFrom
 * alone when set: Twilio accepts a content template from a plain From since September 2024
 * (https://www.twilio.com/en-us/changelog/content-templates-messaging-services-optional), and a
 * From sent with a MessagingServiceSid must be in that service's pool. Otherwise the Messaging
 * Service picks the WhatsApp sender of its pool. The SMS `from` is never a WhatsApp sender.
 */
const whatsAppForm = (config: TwilioSmsConfig, to: Phone, contentSid: string, code: string) => ({
  To: `whatsapp:${to.e164}`,
  // The config guard makes sure one of the two is set.
  ...(config.whatsAppFrom
    ? { From: config.whatsAppFrom }
    : { MessagingServiceSid: config.fromMessagingServiceSID ?? '' }),
  ContentSid: contentSid,
  ContentVariables: JSON.stringify({ 1: code }),
  ...common(config),
});

const accountGuard = lazyGuard(() =>
  z.object({ friendly_name: z.string(), status: z.string() }).passthrough(),
);

const clientFor = declareClient({
  provider: PROVIDER,
  formItems: defaultMetadata.formItems,
  ...twilioFailures,
});

/** Reads the account resource: a free call that proves credentials and region (`switchboard check --probe`). */
export const fetchAccount = async (config: TwilioSmsConfig) => {
  const base = config.endpoint ?? regions[config.region].host;
  const { body } = await clientFor(config).request({
    method: 'GET',
    url: `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSID)}.json`,
    headers: { authorization: authorization(config) },
    guard: accountGuard,
  });
  return body;
};

const isWhatsAppCountry = (config: TwilioSmsConfig, phone: Phone) =>
  config.whatsAppCountries === '*' ||
  (phone.country !== undefined && config.whatsAppCountries?.includes(phone.country) === true);

/**
 * WhatsApp for the countries of whatsAppCountries, SMS otherwise. A message without a code (an
 * invitation link) goes by SMS: a WhatsApp authentication template carries only a code.
 */
const chooseChannel = (
  config: TwilioSmsConfig,
  { phone, type, template, payload }: SmsMessage<TwilioSmsConfig>,
) => {
  const { code } = allowedValues(payload, ['code']);
  // The config guard requires whatsAppTemplates wherever whatsAppCountries is set.
  if (code && config.whatsAppTemplates && isWhatsAppCountry(config, phone)) {
    const locale = payloadLocale(payload);
    const { contentSid } = templateFor(config.whatsAppTemplates, type, locale);
    return { channel: 'whatsapp', form: whatsAppForm(config, phone, contentSid, code) };
  }
  const body = renderTemplate(template.content, templateValues(payload));
  return { channel: 'sms', form: smsForm(config, phone, body) };
};

export const sendMessage = async (
  config: TwilioSmsConfig,
  message: SmsMessage<TwilioSmsConfig>,
): Promise<TwilioMessage> => {
  const { channel, form } = chooseChannel(config, message);
  announceMessageChannel({ provider: PROVIDER, channel });
  const { body } = await clientFor(config, message.timeoutMs).request({
    url: messagesUrl(config),
    headers: { authorization: authorization(config) },
    form,
    guard: messageGuard,
  });
  return body;
};
