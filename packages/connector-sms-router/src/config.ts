// The rules that tie the SMS router's fields together: a secret typed in its own masked field
// joins its provider's config, a route names only configured providers (each once), and no route
// table means every number through the configured providers. The fields are in fields.ts.
import { lazyGuard, shapeOf } from '@switchboard/core';
import { z } from 'zod';

import { anyCountry, smsRouterFields } from './fields.js';
import { type ProviderName, providerNames, secretFields } from './providers.js';

export type Route = { countries: string[]; providers: ProviderName[] };

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

export const smsRouterConfigGuard = lazyGuard(() =>
  z.preprocess(
    withSecrets,
    z
      .object(shapeOf(smsRouterFields))
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
