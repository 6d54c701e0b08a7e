import { ConnectorError } from '@logto/connector-kit';
import {
  connectorError,
  declareClient,
  defaultTimeoutMs,
  type ErrorData,
  carryFailureKind,
  failureKindOf,
  type Phone,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import type { SmsAeroConfig } from './config.js';
import { envelopeGuard, smsAeroFailures } from './errors.js';
import { apiPath, methods } from './fields.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

/** The parts of the sent message this connector reads (`data` of a successful send). */
const sentGuard = lazyGuard(() =>
  z.object({ id: z.number().or(z.string()).optional() }).passthrough(),
);

export type SmsAeroMessage = z.infer<typeof sentGuard>;

const apiUrl = (base: string, selector: string) => `${base}${apiPath}/${selector}`;

/** Where a message may go, in order: the endpoint override alone, or the gate list. */
const gatesOf = (config: SmsAeroConfig): string[] =>
  config.endpoint ? [config.endpoint] : config.gates;

const authorization = (config: SmsAeroConfig) =>
  `Basic ${Buffer.from(`${config.email}:${config.apiKey}`).toString('base64')}`;

const sendBody = (config: SmsAeroConfig, to: Phone, text: string) => ({
  number: to.international,
  sign: config.senderName,
  text,
});

/**
 * When a send may move on to the next gate: only when the message cannot have been accepted.
 * Nothing reached the gate (connection refused, DNS, TLS, connect timeout: core's `not-sent`), or
 * SMS Aero answered 429 (it refuses to take the request). A 502, 503 or 504 may come from a proxy
 * in front of SMS Aero after it took the message, and a timeout after sending or a reset may mean
 * the message is on its way: those never move on, so no user gets two paid codes. A read-only
 * call (the balance) also moves on after 502, 503 and 504: repeating it costs nothing.
 */
const mayTryNextGate = (error: unknown, readOnly = false): boolean => {
  const failure = failureKindOf(error);
  if (failure?.kind === 'not-sent') return true;
  if (failure?.kind !== 'answered' || failure.status === undefined) return false;
  return failure.status === 429 || (readOnly && [502, 503, 504].includes(failure.status));
};

/** The error to report once the gates failed: the last answer a gate gave, else the last error. */
const finalError = (errors: unknown[], gates: number): unknown => {
  const answered = errors.filter((error) => failureKindOf(error)?.kind === 'answered');
  const chosen = answered.at(-1) ?? errors.at(-1);
  if (gates < 2 || !(chosen instanceof ConnectorError)) return chosen;
  const data = chosen.data as ErrorData;
  return carryFailureKind(
    chosen,
    connectorError(chosen.code, {
      ...data,
      message:
        errors.length < gates
          ? `${data.message} (${errors.length} of ${gates} gates tried before the timeout ran out)`
          : `${data.message} (all ${gates} gates failed)`,
    }),
  );
};

const clientFor = declareClient({
  provider: PROVIDER,
  formItems: defaultMetadata.formItems,
  ...smsAeroFailures,
});

/** Below this much time left, trying another gate cannot succeed. */
const minimumGateTimeMs = 100;

/**
 * Posts to each gate in turn until one answers (see `mayTryNextGate`) and returns the gate and the
 * `data` of its successful envelope.
 */
const callGates = async (
  config: SmsAeroConfig,
  selector: string,
  json: unknown,
  { readOnly = false, timeoutMs }: { readOnly?: boolean; timeoutMs?: number } = {},
): Promise<{ gate: string; data: unknown }> => {
  const gates = gatesOf(config);
  const errors: unknown[] = [];
  // The timeout bounds the whole send, not each gate: later gates get what is left of it.
  const limit = Math.min(timeoutMs ?? Infinity, config.timeout ?? defaultTimeoutMs);
  const deadline = performance.now() + limit;
  for (const gate of gates) {
    const remaining = Math.floor(deadline - performance.now());
    if (errors.length > 0 && remaining < minimumGateTimeMs) break;
    // The first gate has the whole timeout: the config's own client, built once per config.
    const client =
      errors.length === 0
        ? clientFor(config, timeoutMs)
        : clientFor(config, Math.max(remaining, minimumGateTimeMs));
    let response: { body: { data?: unknown } };
    try {
      // An envelope that says the send failed, on any status, is thrown (see smsAeroFailures).
      response = await client.request({
        url: apiUrl(gate, selector),
        headers: { authorization: authorization(config) },
        json,
        guard: envelopeGuard,
      });
    } catch (error: unknown) {
      if (!mayTryNextGate(error, readOnly)) throw error;
      errors.push(error);
      continue;
    }
    return { gate, data: response.body.data };
  }
  throw finalError(errors, gates.length);
};

export const sendSms = async (
  config: SmsAeroConfig,
  to: Phone,
  text: string,
  timeoutMs?: number,
): Promise<SmsAeroMessage> => {
  // The test send takes the same request and checks it without sending or charging.
  const route = config.testMode ? methods.testSend : methods.send;
  const { data } = await callGates(config, route, sendBody(config, to, text), { timeoutMs });
  const sent = sentGuard.safeParse(data);
  return sent.success ? sent.data : {};
};

const balanceGuard = lazyGuard(() => z.object({ balance: z.number().or(z.string()) }));

/** The account balance (a free, read-only call), with the gate that answered. */
export const fetchBalance = async (config: SmsAeroConfig) => {
  const { gate, data } = await callGates(config, methods.balance, {}, { readOnly: true });
  const parsed = balanceGuard.safeParse(data);
  return { gate, balance: parsed.success ? Number(parsed.data.balance) : undefined };
};
