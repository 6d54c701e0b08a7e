// The secret scanner: looks for every form of every secret in every text an error can turn into
// once it is logged, serialised or returned, along its whole `cause` chain. Reusable: give it an
// error, the secrets and the user names that may pair with them in a Basic header.
import { inspect } from 'node:util';

import { ConnectorError } from '@logto/connector-kit';
import { errorTexts, secretVariants } from '@switchboard/core/testing';

export type Finding = {
  /** Which text of the error held it: message, data, stack, inspect, … */
  where: string;
  /** The form found (raw, URL-encoded, base64, a Basic header, a PEM line). */
  form: string;
  /** The secret it came from, shortened so a failing test does not print it whole. */
  secret: string;
};

const shorten = (secret: string) =>
  secret.length <= 8 ? '***' : `${secret.slice(0, 4)}…(${secret.length} chars)`;

/** Named texts of one error object (not its causes). */
const namedTexts = (error: unknown): Array<[string, string]> => {
  const texts: Array<[string, string]> = [
    ['inspect', inspect(error, { depth: Infinity, showHidden: true })],
    ['inspect(colors)', inspect(error, { depth: Infinity, colors: true })],
    ['String', String(error)],
  ];
  try {
    texts.push(['JSON.stringify', JSON.stringify(error) ?? '']);
  } catch {
    texts.push(['JSON.stringify', '[unserialisable]']);
  }
  if (error instanceof Error) {
    texts.push(['message', error.message], ['stack', error.stack ?? '']);
    const { data } = error as { data?: unknown };
    try {
      texts.push(['data', JSON.stringify(data) ?? '']);
    } catch {
      texts.push(['data', '[unserialisable]']);
    }
    texts.push(['inspect(data)', inspect(data, { depth: Infinity })]);
  }
  // Core's own list, so the scanner never looks at less than the conformance suite does.
  for (const [index, text] of errorTexts(error).entries())
    texts.push([`errorTexts[${index}]`, text]);
  return texts;
};

/** The error and every `cause` under it (cycles stopped). */
const causeChain = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && !chain.includes(current)) {
    chain.push(current);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
};

/** Base64 runs in a text, decoded: catches a Basic header of any `user:secret` pair. */
const decodedBase64 = (text: string): string[] =>
  (text.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? []).map((run) =>
    Buffer.from(run.replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString('latin1'),
  );

export type ScanOptions = {
  secrets: readonly string[];
  /** Values that may pair with a secret in a Basic header. */
  users?: readonly string[];
};

/** Every place a secret shows up in an error; an empty list means the error is clean. */
export const scanError = (error: unknown, { secrets, users = [] }: ScanOptions): Finding[] => {
  const findings: Finding[] = [];
  const usable = secrets.filter((secret) => secret.length >= 4);
  for (const [depth, link] of causeChain(error).entries()) {
    const prefix = depth === 0 ? '' : `cause[${depth}].`;
    const texts = namedTexts(link);
    for (const secret of usable) {
      for (const form of secretVariants([secret], users)) {
        for (const [where, text] of texts) {
          if (text.includes(form)) findings.push({ where: prefix + where, form, secret });
        }
      }
      for (const [where, text] of texts) {
        if (decodedBase64(text).some((decoded) => decoded.includes(secret))) {
          findings.push({ where: `${prefix}${where} (base64)`, form: 'base64(...)', secret });
        }
      }
    }
  }
  return findings;
};

/** Counts what the scanner looked at in this test file. */
export const scanned = { errors: 0, secrets: 0 };

/**
 * Asserts an outcome is a clean ConnectorError: the right class, a plain data object and no secret
 * in any form. Returns the error typed.
 */
export const expectCleanConnectorError = (
  error: unknown,
  options: ScanOptions & { label?: string },
): ConnectorError => {
  const label = options.label ? `${options.label}: ` : '';
  if (!(error instanceof ConnectorError)) {
    throw new Error(
      `${label}expected a ConnectorError, got ${inspect(error, { depth: 2 }).slice(0, 800)}`,
    );
  }
  const findings = scanError(error, options);
  scanned.errors += 1;
  scanned.secrets += options.secrets.length;
  if (findings.length > 0) {
    const shown = findings
      .slice(0, 5)
      .map((finding) => `${finding.where}: ${shorten(finding.secret)} as ${shorten(finding.form)}`);
    throw new Error(`${label}a secret leaked into the error: ${shown.join('; ')}`);
  }
  return error;
};
