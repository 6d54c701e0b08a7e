import { inspect } from 'node:util';

import { secretForms } from '../redact.js';

/** Every text a secret could hide in once an error is logged, serialised or returned. */
export const errorTexts = (error: unknown): string[] => {
  const texts = [inspect(error, { depth: Infinity, showHidden: true })];
  try {
    texts.push(JSON.stringify(error) ?? '');
  } catch {
    texts.push('[unserialisable]');
  }
  if (error instanceof Error) {
    texts.push(error.message, error.stack ?? '', String(error.cause ?? ''));
    const { data } = error as { data?: unknown };
    texts.push(JSON.stringify(data) ?? '', inspect(data, { depth: Infinity }));
  }
  return texts;
};

/**
 * The forms a secret is checked in: raw, URL-encoded, base64, the Basic header of each
 * `user:secret` pair, and each line of a PEM key's body.
 */
export const secretVariants = (secrets: readonly string[], users: readonly string[] = []) => {
  const variants = new Set<string>();
  for (const secret of secrets) {
    for (const form of secretForms(secret)) variants.add(form);
    for (const user of users) variants.add(Buffer.from(`${user}:${secret}`).toString('base64'));
    if (secret.includes('-----BEGIN')) {
      for (const line of secret.replaceAll('\\n', '\n').split('\n')) {
        if (line.length >= 16 && !line.startsWith('-----')) variants.add(line.trim());
      }
    }
  }
  return [...variants];
};

/** Returns the secret forms found in an error; an empty list means it is clean. */
export const findSecrets = (
  error: unknown,
  secrets: readonly string[],
  users: readonly string[] = [],
): string[] => {
  const texts = errorTexts(error);
  return secretVariants(secrets, users).filter((variant) =>
    texts.some((text) => text.includes(variant)),
  );
};
