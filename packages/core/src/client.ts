// What a connector declares once about its provider's API, and the HTTP client core builds from
// it: how failures read from its answers, the error table and its hints, and the secrets, which are the values
// of the form items the Console hides (`isConfidential`), so the list is never written twice.
import type { ConnectorConfigFormItem } from '@logto/connector-kit';

import { defaultTimeoutMs as coreTimeoutMs } from './config.js';
import { classify, entryOf, type ErrorTable } from './errors.js';
import {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type ParsedErrorBody,
  type ReadFailure,
} from './http.js';

/** Hints for some of an error table's codes: a code that is not in the table does not compile. */
export type HintTable<E extends ErrorTable> = Readonly<Partial<Record<keyof E & string, string>>>;

/**
 * A provider's message with the sentence that says what to change: `message (hint)`, or the hint
 * alone when the provider gave no message.
 */
export function withHint(message: string, hint: string | undefined): string;
export function withHint(message: string | undefined, hint: string | undefined): string | undefined;
export function withHint(message: string | undefined, hint: string | undefined) {
  return message === undefined ? hint : hint ? `${message} (${hint})` : message;
}

/** The values of a config's confidential form items: what no error, log or data may show. */
export const secretsOf = (
  formItems: readonly ConnectorConfigFormItem[],
  config: Readonly<Record<string, unknown>>,
): string[] =>
  formItems
    .filter((item) => item.isConfidential)
    .map((item) => config[item.key])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);

/** A failure as a connector's reader gives it: what the answer said, and what to change. */
export type ReadFailureWithHint = ParsedErrorBody & {
  /** The sentence that says what to change, when the reader knows it better than `hints`. */
  hint?: string;
};

/**
 * What happens when the provider says no, declared once in a connector's `errors.ts`: how a
 * failure reads from an answer, its Logto code, and the sentence added to its message.
 */
export type FailureDeclaration<E extends ErrorTable = ErrorTable> = {
  /**
   * Reads a failure from an answer of any status, "200 but failed" included (see `ReadFailure`);
   * `client.fail` takes what a caller found itself.
   */
  readFailure?: (...answer: Parameters<ReadFailure>) => ReadFailureWithHint | undefined;
  /** Provider error codes to Logto codes; a code it leaves out falls back on the HTTP status. */
  errors?: E;
  /** A sentence added to the provider's message for some codes of `errors`. */
  hints?: HintTable<E>;
  /** For failures not keyed by a code alone (Mailgun by status and text, Alipay by sub code). */
  classify?: HttpClientOptions['classify'];
};

export type ClientDeclaration<E extends ErrorTable> = Pick<
  HttpClientOptions,
  'provider' | 'parseText' | 'maxResponseBytes'
> &
  FailureDeclaration<E> & {
    /** The connector's form items; the confidential ones hold its secrets. */
    formItems?: readonly ConnectorConfigFormItem[];
    /** The request timeout when the config sets none (default: core's). */
    defaultTimeoutMs?: number;
  };

type ClientConfig = { timeout?: number };

/**
 * Builds `clientFor(config)`, which gives the HTTP client for a parsed config: the same client for
 * the same config object (core reuses a config while it stays the same), a new one otherwise. A
 * call that has less time than the config's timeout (SMS Aero's gates share one deadline, the SMS
 * router has a time budget) passes what it has.
 */
export const declareClient = <E extends ErrorTable = ErrorTable>(
  declaration: ClientDeclaration<E>,
) => {
  const { formItems, errors, hints, defaultTimeoutMs, readFailure, ...options } = declaration;
  /** The failure with its hint in the message: the reader's own, else the one for its code. */
  const hinted = ({ hint: own, ...failure }: ReadFailureWithHint): ParsedErrorBody => {
    const hint = own ?? (hints && entryOf<string | undefined>(hints, failure.code));
    return hint ? { ...failure, message: withHint(failure.message, hint) } : failure;
  };
  const classifyFailure =
    declaration.classify ??
    (errors ? (failure: ParsedErrorBody) => classify(errors, failure) : undefined);
  const clients = new WeakMap<object, HttpClient>();
  // The last client of a config built for a shorter limit: the SMS router gives each first
  // attempt its time budget, the same number every send.
  const shortened = new WeakMap<object, { timeoutMs: number; client: HttpClient }>();

  const build = (config: ClientConfig, timeoutMs: number | undefined): HttpClient => {
    const client = createHttpClient({
      ...options,
      ...(readFailure
        ? {
            readFailure: (body, status, headers) => {
              const failure = readFailure(body, status, headers);
              return failure && hinted(failure);
            },
          }
        : {}),
      ...(classifyFailure ? { classify: classifyFailure } : {}),
      timeoutMs: timeoutMs ?? config.timeout ?? defaultTimeoutMs,
      secrets: secretsOf(formItems ?? [], config),
    });
    return {
      request: client.request,
      fail: (failure, failOptions) => client.fail(hinted(failure), failOptions),
    };
  };

  return <C extends ClientConfig>(config: C, timeoutMs?: number): HttpClient => {
    // A limit no shorter than the config's own is the config's own client.
    if (
      timeoutMs !== undefined &&
      timeoutMs < (config.timeout ?? defaultTimeoutMs ?? coreTimeoutMs)
    ) {
      const last = shortened.get(config);
      if (last?.timeoutMs === timeoutMs) return last.client;
      const client = build(config, timeoutMs);
      shortened.set(config, { timeoutMs, client });
      return client;
    }
    let client = clients.get(config);
    if (!client) {
      client = build(config, undefined);
      clients.set(config, client);
    }
    return client;
  };
};
