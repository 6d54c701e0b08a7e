// Every config field of the SMS router, declared once: its guard and the Console form item that
// edits it, in the Console's order; the constants they are built from come first. config.ts adds
// the rules that tie fields together (secrets merged into providers, routes naming configured
// providers), metadata.ts the names and descriptions.
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import {
  destinationFieldList,
  field,
  isRegionCode,
  lazyGuard,
  nonGeographicRegion,
} from '@switchboard/core';
import { z } from 'zod';

import { isProviderName, providerNames, providers, secretFields } from './providers.js';

/** Every destination whose country no earlier route names. */
export const anyCountry = '*';

/** How long all attempts of one message may take together, in milliseconds. */
const timeBudgetRange = { min: 1000, max: 60_000, default: 15_000 };

const example = {
  providers: '{"twilio": {…}, "aliyun": {…}, "smsaero": {…}}',
  routes:
    '[{"countries": ["RU", "KZ"], "providers": ["smsaero", "twilio"]}, {"countries": ["CN"], "providers": ["aliyun"]}, {"countries": ["*"], "providers": ["twilio"]}]',
};

const routeGuard = lazyGuard(() =>
  z
    .object({
      countries: z
        .array(
          z
            .string()
            .transform((code) => code.trim().toUpperCase())
            .refine((code) => code === anyCountry || isRegionCode(code), {
              message: `must be an ISO 3166-1 alpha-2 country code, such as US, CN or RU, ${nonGeographicRegion} for numbers of no country, or "*"`,
            }),
        )
        .min(1, 'a route needs at least one country, or "*" for every country'),
      providers: z
        .array(
          z.string().refine(isProviderName, {
            message: `must be one of ${providerNames.map((name) => `"${name}"`).join(', ')}`,
          }),
        )
        .min(1, 'a route needs at least one provider'),
    })
    .strict(),
);

/**
 * The masked fields (`twilioAuthToken`, `aliyunAccessKeySecret`, …), one per confidential form
 * item of a provider (providers.ts finds them), each a field like the others.
 */
const secretFieldList = () =>
  Object.fromEntries(
    secretFields.map(({ field: name, label, provider, key }) => [
      name,
      field(
        lazyGuard(() => z.string().optional()),
        {
          label,
          type: ConnectorConfigFormItemType.Text,
          isConfidential: true,
          description: `Optional: ${provider}'s ${key}, kept masked here instead of inside Providers.`,
        },
      ),
    ]),
  );

export const smsRouterFields = {
  providers: field(
    lazyGuard(() =>
      z
        .object(
          Object.fromEntries(providerNames.map((name) => [name, providers[name].guard.optional()])),
        )
        .strict()
        // `{}`, the Console's starting value (which Logto drops on save), is "nothing configured
        // yet": sending says so.
        .default({}),
    ),
    {
      label: 'Providers',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: {},
      description: `One entry per provider you use, among ${providerNames.join(', ')}: each holds exactly the config of that provider's own Switchboard connector (paste the one you have). Example: ${example.providers}. Secrets may go in the masked fields below instead.`,
    },
  ),
  routes: field(
    lazyGuard(() => z.array(routeGuard).optional()),
    {
      label: 'Routes',
      type: ConnectorConfigFormItemType.Json,
      defaultValue: [],
      description: `Which providers send to which countries, tried in order; the first route naming the number's country wins ("*": every other country). Empty: every number through the providers above, in their order. Example: ${example.routes}`,
    },
  ),
  failoverOnTimeout: field(
    lazyGuard(() => z.boolean().default(false)),
    {
      label: 'Fail over when a provider does not answer',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Off: when a provider took the request but did not answer (a timeout, a 5xx), the next provider is not tried, since the first may still deliver. On: it is tried, and the user may get the code twice (and you pay twice).',
    },
  ),
  timeBudget: field(
    lazyGuard(() =>
      z
        .number()
        .int('timeBudget must be a whole number of milliseconds')
        .min(timeBudgetRange.min, `timeBudget must be at least ${timeBudgetRange.min} ms`)
        .max(timeBudgetRange.max, `timeBudget must be at most ${timeBudgetRange.max} ms`)
        .default(timeBudgetRange.default),
    ),
    {
      label: 'Time budget (ms)',
      type: ConnectorConfigFormItemType.Number,
      placeholder: String(timeBudgetRange.default),
      description: `How long all attempts of one message may take together, from ${timeBudgetRange.min} to ${timeBudgetRange.max}. Each provider gets what is left, at most its own timeout. Default ${timeBudgetRange.default}.`,
    },
  ),
  ...secretFieldList(),
  ...destinationFieldList,
};
