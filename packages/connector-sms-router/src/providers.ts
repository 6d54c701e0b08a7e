// The providers the router sends through: each SMS connector's own declaration (its config guard,
// its send, its form items), imported from its package's source and bundled once with core.
import type { ConnectorConfigFormItem } from '@logto/connector-kit';
import {
  payloadLocale,
  type SmsConfig,
  type SmsConnectorOptions,
  type SmsMessage,
  templateFor,
} from '@switchboard/core';
import type { ZodType, ZodTypeDef } from 'zod';

import { aliyunSms } from '../../connector-aliyun-sms/src/definition.js';
import { smsAero } from '../../connector-smsaero/src/definition.js';
import { twilioSms } from '../../connector-twilio-sms/src/definition.js';

/** One message on its way through a provider: the template is that provider's own. */
export type RoutedMessage = Omit<SmsMessage<SmsConfig>, 'template'>;

export type RoutedProvider = {
  /** The provider's PROVIDER constant, as its errors name it. */
  name: string;
  /** How the Console and the README call it. */
  label: string;
  formItems: readonly ConnectorConfigFormItem[];
  guard: ZodType<unknown, ZodTypeDef, unknown>;
  destinationRefusals: readonly string[];
  /** Picks the provider's template for the message, then sends it. */
  send: (config: unknown, message: RoutedMessage) => Promise<unknown>;
};

const routable = <C extends SmsConfig>(
  definition: SmsConnectorOptions<C>,
  label: string,
): RoutedProvider => ({
  name: definition.provider,
  label,
  formItems: definition.metadata.formItems ?? [],
  guard: definition.configGuard,
  destinationRefusals: definition.destinationRefusals ?? [],
  send: async (config, message) => {
    // The router's config guard parsed this config with the provider's own guard.
    const parsed = config as C;
    const template = templateFor(parsed.templates, message.type, payloadLocale(message.payload));
    return definition.send(parsed, { ...message, template });
  },
});

/** Keyed by the name a config uses under `providers` and in `routes`. */
export const providers = {
  twilio: routable(twilioSms, 'Twilio'),
  aliyun: routable(aliyunSms, 'Aliyun'),
  smsaero: routable(smsAero, 'SMS Aero'),
} as const satisfies Record<string, RoutedProvider>;

export type ProviderName = keyof typeof providers;

export const providerNames = Object.keys(providers) as ProviderName[];

export const isProviderName = (name: unknown): name is ProviderName =>
  typeof name === 'string' && Object.hasOwn(providers, name);

/** `authToken` of Twilio is the router's `twilioAuthToken`. */
const secretKey = (name: string, key: string) => `${name}${key[0]!.toUpperCase()}${key.slice(1)}`;

/**
 * Each provider's confidential fields as top-level fields of the router, which the Console
 * masks (it shows a Json field in clear): `twilioAuthToken`, `aliyunAccessKeySecret`, …
 */
export const secretFields = providerNames.flatMap((name) =>
  providers[name].formItems
    .filter((item) => item.isConfidential)
    .map((item) => ({
      provider: name,
      key: item.key,
      field: secretKey(name, item.key),
      label: `${providers[name].label} ${item.label}`,
    })),
);
