// Every config field of the SMS Aero connector, declared once: its guard and the Console form item
// that edits it, in the Console's order; the provider's constants they are built from come first.
// config.ts builds the guard from this list, metadata.ts the form items.
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import {
  blankAsUnset,
  defaultSmsTemplates,
  destinationFieldList,
  endpointField,
  endpointGuard,
  field,
  lazyGuard,
  smsTemplateGuard,
  templatesField,
  timeoutField,
} from '@switchboard/core';
import { z } from 'zod';

/**
 * SMS Aero's API gates, tried in this order: the .ru, .org and .net gates of every official SDK,
 * then gate.smsaero.uz, which the TypeScript and Node SDKs also try.
 */
export const defaultGates = [
  'https://gate.smsaero.ru',
  'https://gate.smsaero.org',
  'https://gate.smsaero.net',
  'https://gate.smsaero.uz',
] as const;

/** The most gates a config may list. */
const maxGates = 10;

/** The API version's path on a gate; every method's URL is `<gate>/v2/<method>`. */
export const apiPath = '/v2';

/** The API methods this connector calls. */
export const methods = {
  send: 'sms/send',
  /** Checked like a real send, delivered to nobody, not charged. */
  testSend: 'sms/testsend',
  balance: 'balance',
} as const;

/** A gate is a base URL like an endpoint; a pasted `…/v2` suffix is dropped (the path adds it). */
const gateGuard = lazyGuard(() =>
  endpointGuard.transform((url) => (url.endsWith(apiPath) ? url.slice(0, -apiPath.length) : url)),
);

/**
 * The gate list: the Console's multiline field gives one URL per line (commas and spaces work
 * too), a pasted JSON config may hold an array, and an unset or blank list means SMS Aero's own.
 */
const gatesGuard = lazyGuard(() =>
  z.preprocess(
    (value) => {
      const list =
        typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : blankAsUnset(value);
      return list === undefined || (Array.isArray(list) && list.length === 0)
        ? [...defaultGates]
        : list;
    },
    z
      .array(gateGuard, { invalid_type_error: 'gates must be a list of URLs, one per line' })
      .max(maxGates, `gates may list at most ${maxGates} URLs`),
  ),
);

export const smsAeroFields = {
  email: field(
    lazyGuard(() =>
      z.string().trim().email('email must be the e-mail address of your SMS Aero account'),
    ),
    {
      label: 'Account e-mail',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'you@example.com',
      description: 'The e-mail address you sign in to SMS Aero with.',
    },
  ),
  apiKey: field(
    lazyGuard(() => z.string().trim().min(1, 'apiKey is required')),
    {
      label: 'API key',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<api-key>',
      description:
        'From the API key page of your SMS Aero cabinet (smsaero.ru/cabinet/settings/apikey).',
    },
  ),
  senderName: field(
    lazyGuard(() =>
      z.string().trim().min(1, 'senderName is required: a sender name approved by SMS Aero'),
    ),
    {
      label: 'Sender name',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'SMS Aero',
      description: 'A sender name (signature) approved in your SMS Aero account.',
    },
  ),
  gates: field(gatesGuard, {
    label: 'Gates',
    type: ConnectorConfigFormItemType.MultilineText,
    defaultValue: defaultGates.join('\n'),
    description:
      'SMS Aero API hosts, one per line, tried in order. The next one is used only when the message cannot have been accepted (connection refused, DNS or TLS failure, connect timeout, HTTP 429); never after HTTP 502, 503 or 504, which a proxy may answer after SMS Aero took the message.',
  }),
  endpoint: endpointField(
    'https://smsaero-proxy.example.com',
    'Optional base URL of a proxy; replaces the gate list. https only.',
  ),
  ...destinationFieldList,
  testMode: field(
    lazyGuard(() => z.boolean().optional()),
    {
      label: 'Test mode (nothing is delivered)',
      type: ConnectorConfigFormItemType.Switch,
      description: `While on, every code goes to SMS Aero’s test send (${methods.testSend}): SMS Aero checks the credentials, sender and number and answers as for a real send, but delivers NOTHING and charges nothing. Turn it off before going live.`,
    },
  ),
  timeout: timeoutField('SMS Aero'),
  templates: templatesField(smsTemplateGuard, defaultSmsTemplates, { example: 'ru' }),
};
