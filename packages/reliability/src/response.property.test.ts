// Random provider answers. A genuine conversation with each sandbox fake is recorded once, then
// replayed by a loopback server with one answer mutated: status codes, content types, HTML error
// pages, empty, truncated or deeply nested JSON, wrong field types, bodies of several MB, the
// request echoed back into every text field. Always a success (only when the answer is still
// valid) or a clean ConnectorError; never a crash, never a secret.
import { setTimeout as pause } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

import { ConnectorError, ConnectorType } from '@logto/connector-kit';
import { failureOf } from '@switchboard/core/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  allSecrets,
  allUsers,
  loadSubjects,
  replayCall,
  type Subject,
} from './support/connectors.js';
import { createCounts } from './support/counts.js';
import { guardNetwork } from './support/network.js';
import { type Genuine, recordGenuine } from './support/genuine.js';
import { expectCleanConnectorError } from './support/scanner.js';
import { type Exchange, type Recorded, requestText, startHttpServer } from './support/servers.js';

guardNetwork();

const subjects = await loadSubjects();
const counts = createCounts('random provider answers', [
  'cases generated',
  'answers served',
  'successes',
  'connector errors',
]);

const mib = 1024 * 1024;
const runsPerConnector = Number(process.env.RELIABILITY_RUNS ?? 100);

type Mutation =
  | { kind: 'none' }
  | { kind: 'status'; status: number }
  | { kind: 'content-type'; value: string }
  | { kind: 'html'; status: number }
  | { kind: 'empty'; status: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'nest'; depth: number; whole: boolean }
  | { kind: 'retype'; pick: number; value: unknown }
  | { kind: 'drop'; pick: number }
  | { kind: 'junk'; text: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'huge'; bytes: number; chunked: boolean; status: number }
  | { kind: 'echo'; status: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('status' as const), status: fc.integer({ min: 200, max: 599 }) }),
  fc.record({
    kind: fc.constant('content-type' as const),
    value: fc.constantFrom(
      'text/html',
      'text/plain',
      'application/xml',
      'application/json; charset=gbk',
      'application/octet-stream',
      'multipart/mixed; boundary=x',
    ),
  }),
  fc.record({
    kind: fc.constant('html' as const),
    status: fc.constantFrom(200, 400, 403, 404, 500, 502, 503),
  }),
  fc.record({ kind: fc.constant('empty' as const), status: fc.constantFrom(200, 201, 204, 500) }),
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    depth: fc.integer({ min: 1000, max: 100_000 }),
    whole: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('retype' as const),
    pick: fc.nat(),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('junk' as const),
    text: fc.string({ unit: 'binary', maxLength: 200 }),
  }),
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 4 }) }),
  fc.record({
    kind: fc.constant('huge' as const),
    bytes: fc.integer({ min: 1.5 * mib, max: 4 * mib }),
    chunked: fc.boolean(),
    status: fc.constantFrom(200, 201, 400, 500),
  }),
  fc.record({ kind: fc.constant('echo' as const), status: fc.constantFrom(200, 400, 401, 500) }),
);

type Served = {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  chunked?: boolean;
};

const tryJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

/** Paths to every leaf (and every key) of a JSON value. */
const paths = (
  value: unknown,
  prefix: Array<string | number> = [],
): Array<Array<string | number>> => {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
};

const setAt = (
  root: unknown,
  path: Array<string | number>,
  value: unknown,
  drop = false,
): unknown => {
  if (path.length === 0) return drop ? undefined : value;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  if (rest.length === 0 && drop) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head];
  } else copy[head] = setAt(copy[head], rest, value, drop);
  return copy;
};

const mapStrings = (value: unknown, replace: (text: string) => string): unknown => {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, replace));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, replace)]));
  return value;
};

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** A value of another type than `current`. */
const retyped = (current: unknown, candidate: unknown) =>
  typeOf(candidate) === typeOf(current) ? [candidate] : candidate;

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const htmlPage = (status: number) =>
  `<!DOCTYPE html><html><head><title>${status} Error</title></head><body><h1>${status}</h1><p>upstream connect error or disconnect/reset before headers</p><hr><center>nginx</center></body></html>`;

const hugeBody = (bytes: number) => {
  const head = Buffer.from('{"padding":"');
  const tail = Buffer.from('"}');
  return Buffer.concat([
    head,
    Buffer.alloc(Math.max(0, bytes - head.length - tail.length), 'x'),
    tail,
  ]);
};

const apply = (genuine: Exchange['reply'], mutation: Mutation, request: Recorded): Served => {
  const headers = { ...genuine.headers };
  const text = genuine.body.toString();
  const parsed = tryJson(text);
  const json = (value: unknown, status = genuine.status): Served => ({
    status,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(value) ?? '',
  });
  switch (mutation.kind) {
    case 'none':
      return { ...genuine };
    case 'status':
      return { ...genuine, status: mutation.status };
    case 'content-type':
      return { ...genuine, headers: { ...headers, 'content-type': mutation.value } };
    case 'html':
      return {
        status: mutation.status,
        headers: { 'content-type': 'text/html' },
        body: htmlPage(mutation.status),
      };
    case 'empty':
      return { status: mutation.status, headers: {}, body: '' };
    case 'truncate':
      return { ...genuine, body: text.slice(0, Math.floor(text.length * mutation.at)) };
    case 'nest':
      if (mutation.whole || !parsed.ok) return { ...genuine, body: deep(mutation.depth) };
      {
        const leaves = paths(parsed.value);
        const target = leaves[mutation.depth % leaves.length] ?? [];
        // Spliced in as text: building the nested value itself would need as deep a recursion.
        const marker = '"__deep_marker__"';
        const withMarker = JSON.stringify(setAt(parsed.value, target, '__deep_marker__')) ?? '';
        return { ...genuine, body: withMarker.replace(marker, deep(mutation.depth)) };
      }
    case 'retype': {
      if (!parsed.ok) return { ...genuine, body: JSON.stringify(mutation.value) ?? '' };
      const leaves = paths(parsed.value);
      const target = leaves[mutation.pick % leaves.length] ?? [];
      const current = target.reduce<unknown>(
        (node, key) => (node as Record<string, unknown>)?.[key],
        parsed.value,
      );
      return json(setAt(parsed.value, target, retyped(current, mutation.value)));
    }
    case 'drop': {
      if (!parsed.ok) return { ...genuine, body: '' };
      const leaves = paths(parsed.value).filter((path) => path.length > 0);
      const target = leaves[mutation.pick % Math.max(1, leaves.length)] ?? [];
      return json(setAt(parsed.value, target, undefined, true));
    }
    case 'junk':
      return { ...genuine, body: `${text}${mutation.text}` };
    case 'json':
      return json(mutation.value);
    case 'huge':
      return {
        status: mutation.status,
        headers: { 'content-type': 'application/json' },
        body: hugeBody(mutation.bytes),
        chunked: mutation.chunked,
      };
    case 'echo': {
      const echo = requestText(request);
      const value = parsed.ok ? mapStrings(parsed.value, () => echo) : { message: echo };
      return json(value, mutation.status);
    }
  }
};

/** A loopback provider that answers the n-th request of a run with `script(n, request)`. */
const startReplay = async () => {
  const state = {
    served: 0,
    script: (_index: number, _request: Recorded): Served => ({
      status: 500,
      headers: {},
      body: '',
    }),
  };
  const server = await startHttpServer((request, response) => {
    const served = state.script(state.served, request);
    state.served += 1;
    counts['answers served'] += 1;
    if (served.chunked && Buffer.isBuffer(served.body)) {
      response.writeHead(served.status, served.headers);
      const body = served.body;
      for (let at = 0; at < body.length; at += 64 * 1024)
        response.write(body.subarray(at, at + 64 * 1024));
      response.end();
      return;
    }
    response.writeHead(served.status, served.headers);
    response.end(served.body);
  });
  return { server, state };
};

const socialSecrets = (subject: Subject, genuine: Genuine) =>
  subject.type === ConnectorType.Social
    ? genuine.call.args.flatMap((arg) => {
        const code = (arg as { auth_code?: unknown } | undefined)?.auth_code;
        return typeof code === 'string' ? [code] : [];
      })
    : [];

describe.each(subjects)('$folder', (subject) => {
  let genuine: Genuine;
  beforeAll(async () => {
    genuine = await recordGenuine(subject);
  });

  it('replays the genuine answers to a success, then survives every mutated answer', async () => {
    const { server, state } = await startReplay();
    const secrets = [...allSecrets(subject), ...socialSecrets(subject, genuine)];
    const users = allUsers(subject);
    const config = genuine.config(server.url);
    const run = async (mutation: Mutation, target: number) => {
      const index = target % genuine.exchanges.length;
      state.served = 0;
      state.script = (n, request) => {
        const exchange = genuine.exchanges[Math.min(n, genuine.exchanges.length - 1)] as Exchange;
        return apply(exchange.reply, n === index ? mutation : { kind: 'none' }, request);
      };
      try {
        return { ok: true as const, value: await replayCall(subject, config, genuine.call) };
      } catch (error: unknown) {
        return { ok: false as const, error };
      }
    };
    try {
      const baseline = await run({ kind: 'none' }, 0);
      expect(
        baseline.ok,
        `the recorded answers replay to a success: ${String(!baseline.ok && baseline.error)}`,
      ).toBe(true);

      await fc.assert(
        fc.asyncProperty(mutationArb, fc.nat(), async (mutation, target) => {
          counts['cases generated'] += 1;
          const outcome = await run(mutation, target);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          if (outcome.ok) {
            counts.successes += 1;
            return;
          }
          counts['connector errors'] += 1;
          const error = expectCleanConnectorError(outcome.error, {
            secrets,
            users,
            label: mutation.kind,
          });
          const index = target % genuine.exchanges.length;
          const genuineStatus = genuine.exchanges[index]?.reply.status ?? 200;
          const status = 'status' in mutation ? mutation.status : genuineStatus;
          if (mutation.kind === 'huge') {
            expect(error.code).toBe('invalid_response');
          } else if (status < 200 || status >= 300) {
            // An error status is reported with its status, whatever the body says.
            expect(error.data).toMatchObject({ status });
          }
        }),
        { numRuns: runsPerConnector, endOnFailure: true },
      );
    } finally {
      await server.close();
    }
  });

  it('reads at most about 1 MiB of a 5 MB answer, streamed slowly, and reports invalid_response', async () => {
    const body = hugeBody(5 * mib);
    const slice = 64 * 1024;
    const stream = { written: 0, hungUp: false };
    // Settles when the handler returns. The server stops only when the client hangs up or the
    // whole body went out, so what follows waits for events and counts bytes: no clock decides
    // the outcome. (A client that stopped reading without hanging up would block the server on
    // `drain`: the test would then fail by its own timeout, which is the defect.)
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const server = await startHttpServer(async (_request, response) => {
      // Listened for from the start: a hang-up that lands between two writes is never missed.
      const hungUp = new Promise<void>((resolve) => {
        response.once('close', () => {
          stream.hungUp = !response.writableFinished;
          resolve();
        });
      });
      try {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(body.length),
        });
        while (stream.written < body.length && !stream.hungUp) {
          // Paced to stream slowly; a hang-up ends the pause at once.
          await Promise.race([pause(5), hungUp]);
          if (stream.hungUp) break;
          const part = body.subarray(stream.written, stream.written + slice);
          stream.written += part.length;
          if (!response.write(part)) {
            await Promise.race([
              new Promise<void>((resolve) => response.once('drain', () => resolve())),
              hungUp,
            ]);
          }
        }
        if (!stream.hungUp) response.end();
      } finally {
        finish();
      }
    });
    try {
      const heapBefore = process.memoryUsage().heapUsed;
      const error = await failureOf(() =>
        replayCall(subject, genuine.config(server.url), genuine.call),
      );
      const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
      const failure = expectCleanConnectorError(error, {
        secrets: allSecrets(subject),
        users: allUsers(subject),
      });
      expect(failure.code).toBe('invalid_response');
      expect((failure.data as { message: string }).message).toMatch(/larger than 1048576 bytes/);
      await finished;
      // The server stopped writing because the client hung up, not because the body was done.
      expect(stream.hungUp, 'the server stopped writing').toBe(true);
      // The client hung up long before the end: the rest of the 5 MB was never sent.
      expect(stream.written).toBeLessThan(3 * mib);
      // Loose: a fully buffered body would be over 5 MB (10 MB as a string).
      expect(heapGrowth).toBeLessThan(24 * mib);
      counts['answers served'] += 1;
    } finally {
      await server.close();
    }
  });

  it('caps the decompressed size of a gzip bomb (64 MB of zeros in 64 KB)', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * mib));
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
      });
      response.end(bomb);
    });
    try {
      const error = await failureOf(() =>
        replayCall(subject, genuine.config(server.url), genuine.call),
      );
      const failure = expectCleanConnectorError(error, {
        secrets: allSecrets(subject),
        users: allUsers(subject),
      });
      expect(failure).toBeInstanceOf(ConnectorError);
      expect(failure.code).toBe('invalid_response');
      counts['answers served'] += 1;
    } finally {
      await server.close();
    }
  });
});
