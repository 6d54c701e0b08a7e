import { ConnectorError } from '@logto/connector-kit';
import {
  connectorError,
  declareClient,
  defaultTimeoutMs,
  definedFields,
  type ErrorData,
  carryFailureKind,
  failureKindOf,
  type HttpClient,
  type ParsedErrorBody,
  type Phone,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import type { SmsAeroConfig } from './config.js';
import { recognise, smsAeroErrors, smsAeroHints } from './errors.js';
import { apiPath, methods } from './fields.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

/** SMS Aero's envelope; older gates may still answer with `result` and `reason`. */
const envelopeGuard = lazyGuard(() =>
  z.object({
    success: z.boolean().optional(),
    data: z.unknown().optional(),
    message: z.string().nullish(),
    result: z.string().optional(),
    reason: z.string().nullish(),
  }),
);

type Envelope = z.infer<typeof envelopeGuard>;

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

/** Validation errors come as `data: { field: [messages] }`; name the fields and their messages. */
const fieldErrors = (data: unknown): string | undefined => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const parts = Object.entries(data).map(([field, value]) => {
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === 'string',
    );
    return messages.length > 0 ? `${field}: ${messages.join(', ')}` : field;
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
};

/** Reads a failed envelope (any status) into SMS Aero's message and the case it names. */
const describeFailure = (body: Envelope, status?: number): ParsedErrorBody => {
  const legacy = body.result === 'no credits' ? 'no credits' : undefined;
  const base = body.message ?? body.reason ?? legacy;
  const fields = body.success === false ? fieldErrors(body.data) : undefined;
  const text = [base, fields].filter(Boolean).join(' ');
  const code = recognise(status, text);
  const message = [
    base ?? (body.success === false || body.result ? 'SMS Aero refused the message' : undefined),
    fields ? `(${fields})` : undefined,
    code ? `(${smsAeroHints[code]})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return definedFields({ message: message || undefined, code, status });
};

/** A 2xx answer still fails when `success` is not true or a legacy gate says reject / no credits. */
const checkEnvelope = (client: HttpClient, status: number, body: Envelope): unknown => {
  const rejected = body.result === 'reject' || body.result === 'no credits';
  if (body.success === true && !rejected) return body.data;
  if (body.success === undefined && body.result === undefined) {
    throw client.fail({
      status,
      message: 'SMS Aero answered without "success": the message may not have been sent',
    });
  }
  throw client.fail(describeFailure(body, status));
};

/**
 * When a send may move on to the next gate: only when the message cannot have been accepted.
 * Nothing reached the gate (connection refused, DNS, TLS, connect timeout: core's `not-sent`), or
 * SMS Aero answered 429 (it refuses to take the request). A 502, 503 or 504 may come from a proxy
 * in front of SMS Aero after it took the message, and a timeout after sending or a reset may mean
 * the message is on its way: those never move on, so no user gets two paid codes. A read-only
 * call (the balance) also moves on after 502, 503 and 504: repeating it costs nothing.
 */
export const mayTryNextGate = (error: unknown, readOnly = false): boolean => {
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
  errors: smsAeroErrors,
  parseError: (raw, status) => {
    const parsed = envelopeGuard.safeParse(raw);
    return parsed.success ? describeFailure(parsed.data, status) : undefined;
  },
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
    let response: { status: number; body: Envelope };
    try {
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
    return { gate, data: checkEnvelope(client, response.status, response.body) };
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
