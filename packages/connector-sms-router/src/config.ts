import { destinationFields, isRegionCode, lazyGuard, nonGeographicRegion } from '@switchboard/core';
import { z } from 'zod';

import {
  isProviderName,
  type ProviderName,
  providerNames,
  providers,
  secretFields,
} from './providers.js';

/** Every destination whose country no earlier route names. */
export const anyCountry = '*';

export const defaultTimeBudgetMs = 15_000;

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

export type Route = { countries: string[]; providers: ProviderName[] };

const providersGuard = lazyGuard(() =>
  z
    .object(
      Object.fromEntries(providerNames.map((name) => [name, providers[name].guard.optional()])),
    )
    .strict()
    // `{}`, the Console's starting value (which Logto drops on save), is "nothing configured
    // yet": sending says so.
    .default({}),
);

/**
 * A secret typed in its own (masked) field goes into its provider's config, unless that config
 * already holds it.
 */
export const withSecrets = (raw: unknown): unknown => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const config = raw as Record<string, unknown>;
  const given = config.providers;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return raw;
  const merged: Record<string, unknown> = { ...(given as Record<string, unknown>) };
  for (const { provider, key, field } of secretFields) {
    const secret = config[field];
    const target = merged[provider];
    if (typeof secret !== 'string' || secret.trim() === '') continue;
    if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
    const own = target as Record<string, unknown>;
    if (own[key] === undefined || own[key] === '') merged[provider] = { ...own, [key]: secret };
  }
  return { ...config, providers: merged };
};

const secretFieldGuards = Object.fromEntries(
  secretFields.map(({ field }) => [field, z.string().optional()]),
);

export const smsRouterConfigGuard = lazyGuard(() =>
  z.preprocess(
    withSecrets,
    z
      .object({
        providers: providersGuard,
        routes: z.array(routeGuard).optional(),
        failoverOnTimeout: z.boolean().default(false),
        timeBudget: z
          .number()
          .int('timeBudget must be a whole number of milliseconds')
          .min(1000, 'timeBudget must be at least 1000 ms')
          .max(60_000, 'timeBudget must be at most 60000 ms')
          .default(defaultTimeBudgetMs),
        ...secretFieldGuards,
        ...destinationFields,
      })
      .superRefine((config, context) => {
        const configured = config.providers as Partial<Record<ProviderName, unknown>>;
        for (const [index, route] of (config.routes ?? []).entries()) {
          const seen = new Set<string>();
          for (const [position, name] of route.providers.entries()) {
            const path = ['routes', index, 'providers', position];
            if (seen.has(name)) {
              context.addIssue({ code: 'custom', path, message: `"${name}" is named twice` });
            } else if (configured[name as ProviderName] === undefined) {
              context.addIssue({
                code: 'custom',
                path,
                message: `"${name}" has no config: add it under providers, or leave it out of this route`,
              });
            }
            seen.add(name);
          }
        }
        for (const { provider, key, field } of secretFields) {
          const secret = (config as Record<string, unknown>)[field];
          const own = (configured[provider] as Record<string, unknown> | undefined)?.[key];
          if (
            typeof secret === 'string' &&
            secret.trim() &&
            own !== undefined &&
            own !== secret.trim()
          ) {
            context.addIssue({
              code: 'custom',
              path: [field],
              message: `${field} and providers.${provider}.${key} differ: keep the secret in ${field} only`,
            });
          }
        }
      })
      .transform(({ routes, ...config }) => ({
        ...config,
        providers: config.providers as Partial<Record<ProviderName, unknown>>,
        // No route table: every destination through the configured providers, in their order.
        routes:
          routes && routes.length > 0
            ? (routes as Route[])
            : [
                {
                  countries: [anyCountry],
                  providers: providerNames.filter((name) => config.providers[name] !== undefined),
                },
              ],
      })),
  ),
);

export type SmsRouterConfig = z.infer<typeof smsRouterConfigGuard>;
