// Secrets out of every text an error carries: each secret in every form it could take on the
// wire (raw, URL-encoded, form-encoded, base64), worked out only when an error needs it.
import { percentEncode } from './encoding.js';

export type Redactor = (text: string) => string;

const minSecretLength = 4;

/** Every form in which a secret could appear in text: raw, URL-encoded and base64. */
export const secretForms = (secret: string): string[] => {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replaceAll('%20', '+'),
    // RFC 3986 (signed query strings) and application/x-www-form-urlencoded (got's `form`).
    percentEncode(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ]);
  return [...forms].filter((form) => form.length >= minSecretLength);
};

/**
 * Builds a function that blanks out every known form of every given secret. The secrets (given
 * as a list, or as a function that lists them) and their forms are worked out on the first call
 * only: a redactor is made for every request but used only on the error path, and encoding every
 * form of an RSA key costs more than signing with it.
 */
export const createRedactor = (
  secrets: ReadonlyArray<string | undefined> | (() => ReadonlyArray<string | undefined>),
): Redactor => {
  let forms: string[] | undefined;
  return (text) => {
    forms ??= (typeof secrets === 'function' ? secrets() : secrets)
      .filter((secret): secret is string => typeof secret === 'string' && secret.length > 0)
      .flatMap((secret) => secretForms(secret))
      .sort((a, b) => b.length - a.length);
    return forms.reduce((result, form) => result.replaceAll(form, '[redacted]'), text);
  };
};
