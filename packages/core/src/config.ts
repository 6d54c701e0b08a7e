import { ConnectorErrorCodes, type GetConnectorConfig } from '@logto/connector-kit';
import {
  z,
  type ZodIssue,
  type ZodLazy,
  type ZodType,
  type ZodTypeAny,
  type ZodTypeDef,
} from 'zod';

import { connectorError } from './errors.js';

export const defaultTimeoutMs = 10_000;

/**
 * A schema built on its first use. Logto imports every installed connector at startup and keeps
 * them all, although one SMS and one email connector at most are in use, and each zod schema
 * costs about 1 KiB of heap (zod binds its methods to every instance): a guard declared with
 * lazyGuard costs one instance until something parses with it, and is built once.
 */
export const lazyGuard = <T extends ZodTypeAny>(build: () => T): ZodLazy<T> => {
  let built: T | undefined;
  return z.lazy(() => (built ??= build()));
};

/** Optional per-connector request timeout in milliseconds. */
export const timeoutGuard = lazyGuard(() =>
  z
    .number()
    .int('timeout must be a whole number of milliseconds')
    .min(100, 'timeout must be at least 100 ms')
    .max(60_000, 'timeout must be at most 60000 ms'),
);

/**
 * An optional text field. The Console drops empty fields on save but a pasted config may still
 * hold `""`, which counts as not set.
 */
export const optionalText = lazyGuard(() =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined)),
);

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

const isLoopbackHost = (hostname: string) =>
  loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * A base URL override (proxies, the sandbox): https, or plain http only on loopback; no
 * credentials, query or fragment. The parsed value has no trailing slash.
 */
export const endpointGuard = lazyGuard(() =>
  z
    .string()
    .trim()
    .superRefine((value, context) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        context.addIssue({ code: 'custom', message: 'endpoint must be an absolute URL' });
        return;
      }
      if (
        url.protocol !== 'https:' &&
        !(url.protocol === 'http:' && isLoopbackHost(url.hostname))
      ) {
        context.addIssue({
          code: 'custom',
          message:
            'endpoint must use https (plain http is only allowed for 127.0.0.1 or localhost)',
        });
      }
      if (url.username || url.password) {
        context.addIssue({ code: 'custom', message: 'endpoint must not contain credentials' });
      }
      if (url.search || url.hash || value.includes('?') || value.includes('#')) {
        context.addIssue({ code: 'custom', message: 'endpoint must not have a query or fragment' });
      }
    })
    .transform((value) => value.replace(/\/+$/, '')),
);

/** zod's own enum message repeats the received value, which may be a misplaced secret. */
export const issueMessage = (issue: ZodIssue) =>
  issue.code === 'invalid_enum_value'
    ? `must be one of ${issue.options.map((option) => `"${String(option)}"`).join(', ')}`
    : issue.message;

/** `routes[1].providers[0]`, `providers.twilio.accountSID`. */
export const formatPath = (path: ReadonlyArray<string | number>) =>
  path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');

const describeIssue = (issue: ZodIssue) => {
  const path = formatPath(issue.path);
  return path ? `${path}: ${issueMessage(issue)}` : issueMessage(issue);
};

/**
 * The last config each guard accepted, by its JSON text: Logto reads the stored config again for
 * every send, and parsing it again would give the same value. Only a success is kept, and only
 * one per guard. The value is shared between calls, so nothing may change a parsed config.
 */
const lastParsed = new WeakMap<object, { key: string; value: unknown }>();

/** A config's JSON text, or undefined for a value JSON cannot hold exactly (never cached). */
const cacheKey = (config: unknown): string | undefined => {
  if (typeof config !== 'object' || config === null) return undefined;
  try {
    return JSON.stringify(config);
  } catch {
    return undefined;
  }
};

/**
 * Validates a config and returns the parsed value (defaults applied, transforms run). Unlike
 * connector-kit's `validateConfig`, the error says which field is wrong in plain words and never
 * echoes the config itself.
 */
export const parseConfig = <T>(
  provider: string,
  guard: ZodType<T, ZodTypeDef, unknown>,
  config: unknown,
): T => {
  const key = cacheKey(config);
  const last = lastParsed.get(guard);
  if (key !== undefined && last?.key === key) return last.value as T;
  const result = guard.safeParse(config);
  if (result.success) {
    if (key !== undefined) lastParsed.set(guard, { key, value: result.data });
    return result.data;
  }
  const problems = result.error.issues.map((issue) => describeIssue(issue));
  throw connectorError(ConnectorErrorCodes.InvalidConfig, {
    provider,
    message: `invalid config: ${problems.join('; ')}`,
  });
};

/**
 * The config a call works with: the unsaved one the Console's Test button passes, otherwise the
 * stored one.
 */
export const resolveConfig = async <T>(
  provider: string,
  guard: ZodType<T, ZodTypeDef, unknown>,
  getConfig: GetConnectorConfig,
  id: string,
  inputConfig?: unknown,
): Promise<T> => parseConfig(provider, guard, inputConfig ?? (await getConfig(id)));
