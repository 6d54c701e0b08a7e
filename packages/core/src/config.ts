import { ConnectorErrorCodes, type GetConnectorConfig } from '@logto/connector-kit';
import { z, type ZodIssue, type ZodType, type ZodTypeDef } from 'zod';

import { connectorError } from './errors.js';

export const defaultTimeoutMs = 10_000;

/** Optional per-connector request timeout in milliseconds. */
export const timeoutGuard = z
  .number()
  .int('timeout must be a whole number of milliseconds')
  .min(100, 'timeout must be at least 100 ms')
  .max(60_000, 'timeout must be at most 60000 ms');

/**
 * An optional text field. The Console drops empty fields on save but a pasted config may still
 * hold `""`, which counts as not set.
 */
export const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const isLoopbackHost = (hostname: string) =>
  loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * A base URL override (proxies, the sandbox): https, or plain http only on loopback; no
 * credentials, query or fragment. The parsed value has no trailing slash.
 */
export const endpointGuard = z
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
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      context.addIssue({
        code: 'custom',
        message: 'endpoint must use https (plain http is only allowed for 127.0.0.1 or localhost)',
      });
    }
    if (url.username || url.password) {
      context.addIssue({ code: 'custom', message: 'endpoint must not contain credentials' });
    }
    if (url.search || url.hash || value.includes('?') || value.includes('#')) {
      context.addIssue({ code: 'custom', message: 'endpoint must not have a query or fragment' });
    }
  })
  .transform((value) => value.replace(/\/+$/, ''));

/** zod's own enum message repeats the received value, which may be a misplaced secret. */
export const issueMessage = (issue: ZodIssue) =>
  issue.code === 'invalid_enum_value'
    ? `must be one of ${issue.options.map((option) => `"${String(option)}"`).join(', ')}`
    : issue.message;

const describeIssue = (issue: ZodIssue) => {
  const path = issue.path.join('.');
  return path ? `${path}: ${issueMessage(issue)}` : issueMessage(issue);
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
  const result = guard.safeParse(config);
  if (result.success) return result.data;
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
