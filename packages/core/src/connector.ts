import {
  type ConnectorMetadata,
  ConnectorType,
  type CreateConnector,
  type SendMessageData,
  type SmsConnector,
} from '@logto/connector-kit';
import type { ZodType, ZodTypeDef } from 'zod';

import { resolveConfig } from './config.js';
import { checkDestination, type DestinationRules } from './destinations.js';
import { type ParsePhoneOptions, type Phone, parsePhone } from './phone.js';
import { payloadLocale, templateFor, type WithGeneric } from './templates.js';

type Template = { usageType: string; locale?: string };

/** What the factory needs of a config: templates and the destination rules (destinationFields). */
export type SmsConfig = DestinationRules & { templates: WithGeneric<Template> };

export type SmsMessage<C extends SmsConfig> = {
  phone: Phone;
  /** The usage type Logto asked for (`SignIn`, …), before any fallback on Generic. */
  type: string;
  template: C['templates'][number];
  payload: SendMessageData['payload'];
  /**
   * The longest this send may take, in milliseconds, when a caller has less time than the
   * config's own timeout (the SMS router's time budget); the provider call passes it to its client.
   */
  timeoutMs?: number;
};

/**
 * What an SMS connector declares once: the factory below builds the Logto connector from it, and
 * the SMS router sends through the same declaration.
 */
export type SmsConnectorOptions<C extends SmsConfig> = {
  provider: string;
  metadata: ConnectorMetadata;
  configGuard: ZodType<C, ZodTypeDef, unknown>;
  phone?: ParsePhoneOptions;
  /** The provider call, given the parsed config, the parsed recipient and the chosen template. */
  send: (config: C, message: SmsMessage<C>) => Promise<unknown>;
  /**
   * Provider error codes that refuse the destination for this account only (a country not
   * enabled, the provider's fraud filter): another provider may still reach the number, so the
   * SMS router moves on after them.
   */
  destinationRefusals?: readonly string[];
};

/**
 * The factory every SMS connector shares. It never reads config while Logto builds it; on send
 * it takes the Console's unsaved config (Test button) or the stored one, parses the recipient
 * before anything else and refuses a destination the config does not allow (countries, number
 * types), then picks the template (usage type and language, Generic fallback) and hands
 * over to the provider call.
 */
export const createSmsConnector =
  <C extends SmsConfig>(options: SmsConnectorOptions<C>): CreateConnector<SmsConnector> =>
  async ({ getConfig }) => ({
    metadata: options.metadata,
    type: ConnectorType.Sms,
    configGuard: options.configGuard,
    sendMessage: async ({ to, type, payload }, inputConfig) => {
      const { provider } = options;
      const config = await resolveConfig(
        provider,
        options.configGuard,
        getConfig,
        options.metadata.id,
        inputConfig,
      );
      const phone = await parsePhone(provider, to, options.phone);
      checkDestination(provider, config, phone);
      const template = templateFor(config.templates, type, payloadLocale(payload));
      return options.send(config, { phone, type, template, payload });
    },
  });
