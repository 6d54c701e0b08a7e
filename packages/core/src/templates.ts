import { z } from 'zod';

import { lazyGuard } from './config.js';

/**
 * The nine Logto usage types. Listed here rather than read from the host's connector-kit, which is
 * the one in use at run time and may be older.
 */
export const usageTypes = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'Generic',
  'OrganizationInvitation',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
] as const;

export type UsageType = (typeof usageTypes)[number];

/** The official SMS template shape `{ usageType, content }` plus an optional language tag. */
export const smsTemplateGuard = lazyGuard(() =>
  z.object({
    usageType: z.string().min(1, 'usageType must not be empty'),
    content: z.string().min(1, 'content must not be empty'),
    locale: z.string().min(1).optional(),
  }),
);

export type SmsTemplate = z.infer<typeof smsTemplateGuard>;

/**
 * A templates list: at least one entry and a `Generic` one, which every usage type without its
 * own template falls back on. Official configs always carry Generic, so they pass unchanged.
 */
export const templatesGuard = <T extends z.ZodType<{ usageType: string }>>(item: T) =>
  z
    .array(item)
    .min(1, 'at least one template is required')
    .superRefine((templates, context) => {
      if (!templates.some((template) => template.usageType === 'Generic')) {
        context.addIssue({
          code: 'custom',
          message:
            'a template with usageType "Generic" is required: usage types without their own template fall back on it',
        });
      }
    })
    .transform((templates) => templates as WithGeneric<z.infer<T>>);

/**
 * A templates list that `templatesGuard` accepted: it holds a Generic template. The mark exists
 * only for the type checker (a plain array lacks it), so nothing else passes for such a list.
 */
export type WithGeneric<T> = T[] & { readonly holdsGeneric: true };

const messages: Record<UsageType, string> = {
  SignIn: 'Your sign-in verification code is {{code}}. It expires in {{ttlMinutes}} minutes.',
  Register:
    'Your registration verification code is {{code}}. It expires in {{ttlMinutes}} minutes.',
  ForgotPassword:
    'Your password reset verification code is {{code}}. It expires in {{ttlMinutes}} minutes.',
  Generic: 'Your verification code is {{code}}. It expires in {{ttlMinutes}} minutes.',
  OrganizationInvitation: 'You have been invited to join an organization: {{link}}',
  UserPermissionValidation:
    'Your verification code to confirm this action is {{code}}. It expires in {{ttlMinutes}} minutes.',
  BindNewIdentifier:
    'Your verification code to link this number is {{code}}. It expires in {{ttlMinutes}} minutes.',
  MfaVerification: 'Your two-step verification code is {{code}}.',
  BindMfa: 'Your code to turn on two-step verification is {{code}}.',
};

/** Default SMS templates for the Console form: one per usage type. */
export const defaultSmsTemplates: SmsTemplate[] = usageTypes.map((usageType) => ({
  usageType,
  content: messages[usageType],
}));

const normalizeTag = (tag: string) => tag.trim().replaceAll('_', '-').toLowerCase();
const primary = (tag: string) => normalizeTag(tag).split('-')[0] ?? '';

/** The language a message should be in: `locale`, else the first of `uiLocales`. */
export const payloadLocale = (payload: Record<string, unknown>): string | undefined => {
  if (typeof payload.locale === 'string' && payload.locale.trim()) return payload.locale;
  if (typeof payload.uiLocales === 'string')
    return payload.uiLocales.trim().split(/\s+/)[0] || undefined;
  return undefined;
};

const pickForLocale = <T extends { usageType: string; locale?: string }>(
  candidates: T[],
  locale: string | undefined,
): T | undefined => {
  if (locale) {
    const exact = candidates.find(
      (template) => template.locale && normalizeTag(template.locale) === normalizeTag(locale),
    );
    if (exact) return exact;
    const language = candidates.find(
      (template) => template.locale && normalizeTag(template.locale) === primary(locale),
    );
    if (language) return language;
  }
  return candidates.find((template) => !template.locale) ?? candidates[0];
};

/**
 * Finds a template in the order usageType+locale, usageType, Generic+locale, Generic. A locale
 * matches exactly or by its language (`zh-CN` finds a `zh` template).
 */
export const findTemplate = <T extends { usageType: string; locale?: string }>(
  templates: readonly T[],
  usageType: string,
  locale?: string,
): T | undefined => {
  for (const type of usageType === 'Generic' ? ['Generic'] : [usageType, 'Generic']) {
    const found = pickForLocale(
      templates.filter((template) => template.usageType === type),
      locale,
    );
    if (found) return found;
  }
  return undefined;
};

/**
 * The template for a usage type, Generic as the fallback: a list `templatesGuard` accepted holds
 * Generic, so one is always found.
 */
export const templateFor = <T extends { usageType: string; locale?: string }>(
  templates: WithGeneric<T>,
  usageType: string,
  locale?: string,
): T => findTemplate(templates, usageType, locale)!;

/** Reads a dotted path through own properties only (`toString` or `__proto__` find nothing). */
const readPath = (values: unknown, path: string): unknown => {
  let current: unknown = values;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
};

const placeholder = /{{\s*([\w.]+)\s*}}/g;

const asText = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
      ? String(value)
      : undefined;

export const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * Fills `{{ name }}` and `{{ a.b.c }}` placeholders. A placeholder whose first name is not an own
 * property of `values` stays as written; one that is present but resolves to nothing printable
 * (missing, null, an object) becomes empty. `escape` runs on every substituted value.
 */
export const renderTemplate = (
  content: string,
  values: Record<string, unknown>,
  escape: (text: string) => string = (text) => text,
): string =>
  content.replace(placeholder, (match, path: string) => {
    const [root = ''] = path.split('.');
    if (!root || !Object.hasOwn(values, root)) return match;
    return escape(asText(readPath(values, path)) ?? '');
  });

/**
 * The payload values that may leave for a provider as separate parameters (Aliyun TemplateParam,
 * Mailgun `t:variables`): only the listed paths, only printable values, always as strings.
 */
export const allowedValues = (
  values: Record<string, unknown>,
  allow: readonly string[],
): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const path of allow) {
    const text = asText(readPath(values, path));
    if (text !== undefined) result[path] = text;
  }
  return result;
};

/** The default code lifetime shown by `{{ttlMinutes}}`: Logto's default expiry. */
const defaultTtlMinutes = 10;

/** Values a message template can use: the payload plus `ttlMinutes` unless the payload has one. */
export const templateValues = (
  payload: Record<string, unknown>,
  ttlMinutes: number = defaultTtlMinutes,
): Record<string, unknown> => ({ ttlMinutes, ...payload });
