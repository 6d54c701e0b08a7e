import {
  ConnectorErrorCodes,
  type EmailTemplateDetails,
  type GetI18nEmailTemplate,
  type SendMessageData,
} from '@logto/connector-kit';
import {
  allowedValues,
  connectorError,
  definedFields,
  escapeHtml,
  payloadLocale,
  renderTemplate,
  templateValues,
} from '@switchboard/core';

import type { MailgunConfig } from './config.js';
import type { Delivery } from './fields.js';
import { PROVIDER } from './metadata.js';

/** The Mailgun form fields that carry the message; `from` and `to` are added when sending. */
export type MessageFields = {
  from?: string;
  subject?: string;
  'h:Reply-To'?: string;
  html?: string;
  text?: string;
  template?: string;
  't:variables'?: string;
};

/** The whole form of one email, as `sendEmail` posts it. */
export type MailgunForm = MessageFields & { from: string; to: string };

/**
 * A header value with no line breaks or other control characters, so a value taken from a
 * payload or template cannot add headers of its own. Breaks become one space.
 */
const cleanHeaderValue = (value: string) =>
  // eslint-disable-next-line no-control-regex
  value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/**
 * What a substituted value may bring into a `from` or `replyTo` template: no brackets, quotes,
 * commas or semicolons, so a name such as `Eve <eve@evil.example>` cannot add an address.
 */
// eslint-disable-next-line no-control-regex
const mailboxText = (value: string) => value.replace(/[<>",;\u0000-\u001f\u007f]/g, '');

/** A rendered `from` or `replyTo`; undefined when not configured or empty. */
const mailbox = (template: string | undefined, values: Record<string, unknown>) => {
  if (template === undefined) return undefined;
  const value = cleanHeaderValue(renderTemplate(template, values, mailboxText));
  return value || undefined;
};

/** A Logto email template: `contentType` says whether `content` is HTML or plain text. */
const fromLogtoTemplate = (
  template: EmailTemplateDetails,
  values: Record<string, unknown>,
): MessageFields => {
  const isText = template.contentType === 'text/plain';
  return definedFields({
    from: mailbox(template.sendFrom, values),
    subject: cleanHeaderValue(renderTemplate(template.subject, values)),
    'h:Reply-To': mailbox(template.replyTo, values),
    ...(isText
      ? { text: renderTemplate(template.content, values) }
      : { html: renderTemplate(template.content, values, escapeHtml) }),
  });
};

const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

/** Turns dotted names into nested objects: `application.name` → `{ application: { name } }`. */
const nest = (flat: Record<string, string>): Record<string, unknown> => {
  const result: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split('.');
    const last = keys.pop() ?? path;
    let node = result;
    for (const key of keys) {
      const next = Object.hasOwn(node, key) ? node[key] : undefined;
      if (typeof next === 'object' && next !== null) {
        node = next as Record<string, unknown>;
      } else {
        const child: Record<string, unknown> = {};
        setOwn(node, key, child);
        node = child;
      }
    }
    setOwn(node, last, value);
  }
  return result;
};

/** A delivery from the connector config: direct content or a Mailgun-hosted template. */
const fromDelivery = (
  delivery: Delivery,
  values: Record<string, unknown>,
  payloadVariables: readonly string[],
): MessageFields => {
  const common = {
    subject:
      delivery.subject === undefined
        ? undefined
        : cleanHeaderValue(renderTemplate(delivery.subject, values)),
    'h:Reply-To': mailbox(delivery.replyTo, values),
  };
  if ('template' in delivery) {
    // t:variables reach only the template; h:X-Mailgun-Variables would be readable by recipients.
    const variables = { ...delivery.variables, ...nest(allowedValues(values, payloadVariables)) };
    return definedFields({
      ...common,
      template: delivery.template,
      't:variables': JSON.stringify(variables),
    });
  }
  return definedFields({
    ...common,
    html: 'html' in delivery ? renderTemplate(delivery.html, values, escapeHtml) : undefined,
    text: delivery.text === undefined ? undefined : renderTemplate(delivery.text, values),
  });
};

/**
 * `deliveries[type]`, else `deliveries.Generic` (own keys only). With neither, the failed Logto
 * template lookup is rethrown if there was one, otherwise the send is `template_not_found`.
 */
const requireDelivery = (config: MailgunConfig, type: string, lookupError?: unknown): Delivery => {
  const { deliveries } = config;
  const key = [type, 'Generic'].find((candidate) => Object.hasOwn(deliveries, candidate));
  const delivery = key === undefined ? undefined : deliveries[key];
  if (delivery) return delivery;
  if (lookupError !== undefined) throw lookupError;
  throw connectorError(ConnectorErrorCodes.TemplateNotFound, {
    provider: PROVIDER,
    message: `no Logto email template and no delivery for usage type "${type}" or "Generic"`,
  });
};

const emailAddress = /^[^\s@<>]+@[^\s@<>]+$/;

/**
 * The email for one send: Logto's own email template first (the host already falls back to its
 * Generic one), else the config's delivery. If the lookup fails, a configured delivery still goes
 * out; without one, the lookup's error surfaces.
 */
export const composeEmail = async (
  config: MailgunConfig,
  { to, type, payload }: SendMessageData,
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
): Promise<MailgunForm> => {
  const recipient = cleanHeaderValue(to);
  if (!emailAddress.test(recipient)) {
    throw connectorError(ConnectorErrorCodes.InvalidRequestParameters, {
      provider: PROVIDER,
      message: 'the recipient is not an email address',
    });
  }
  const values = templateValues(payload);
  let lookupError: unknown;
  const logtoTemplate = await Promise.resolve(
    getI18nEmailTemplate?.(type, payloadLocale(payload)),
  ).catch((error: unknown) => {
    lookupError = error;
    return undefined;
  });
  const message = logtoTemplate
    ? fromLogtoTemplate(logtoTemplate, values)
    : fromDelivery(requireDelivery(config, type, lookupError), values, config.payloadVariables);
  return { ...message, from: message.from ?? cleanHeaderValue(config.from), to: recipient };
};
