// Random and mutated configs, payloads and recipients against each connector's sandbox fake.
// A config the connector's own guard rejects must end in `invalid_config` before any request; any
// other outcome is a success or a clean ConnectorError: never a TypeError, never a polluted
// Object.prototype, never a secret in the error.
import { ConnectorType } from '@logto/connector-kit';
import type { FakeServer } from '@switchboard/core/sandbox';
import { buildConnector } from '@switchboard/core/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  allSecrets,
  allUsers,
  type Input,
  invoke,
  loadSubjects,
  secretsOf,
} from './support/connectors.js';
import { createCounts } from './support/counts.js';
import { guardNetwork } from './support/network.js';
import { expectCleanConnectorError } from './support/scanner.js';

guardNetwork();

const subjects = await loadSubjects();
const counts = createCounts('random configs and payloads', [
  'cases generated',
  'configs rejected before sending',
  'successes',
  'connector errors',
]);
const runs = Number(process.env.RELIABILITY_RUNS ?? 100);

const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** An object with an own `__proto__` key, as JSON.parse makes it. */
const polluter = () =>
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');

const oddValue = fc.oneof(
  fc.constantFrom(undefined, null, '', '   ', 0, -1, 1e12, Number.NaN, Infinity, true, false),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(200_000)),
  fc.constantFrom(
    'http://example.com',
    'https://user:password@127.0.0.1:1',
    'https://127.0.0.1:1/?q=1',
    'javascript:alert(1)',
    'https://gate.example/v2',
    '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
    '{{code}}',
    '$(rm -rf /)',
    '\u0000\r\n',
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(null).map(() => polluter()),
  fc.constant([]),
  fc.constant({}),
);

type Path = Array<string | number>;

const pathsOf = (value: unknown, prefix: Path = []): Path[] => {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
};

const clone = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

const setOwn = (target: object, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

type ConfigMutation =
  | { op: 'set'; pick: number; value: unknown }
  | { op: 'drop'; pick: number }
  | { op: 'add'; pick: number; key: string; value: unknown }
  | { op: 'whole'; value: unknown };

const configMutation: fc.Arbitrary<ConfigMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: oddValue }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      pick: fc.nat(),
      key: fc.oneof(fc.constantFrom(...pollutionKeys), fc.string({ maxLength: 12 })),
      value: oddValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('whole' as const),
      value: fc.constantFrom(null, [], 'config', 42, {}),
    }),
  },
);

const mutate = (base: Record<string, unknown>, mutation: ConfigMutation): unknown => {
  if (mutation.op === 'whole') return mutation.value;
  const root = clone(base) as Record<string, unknown>;
  const all = pathsOf(root);
  const candidates =
    mutation.op === 'add'
      ? all.filter((path) => {
          const node = path.reduce<unknown>(
            (at, key) => (at as Record<string, unknown>)[key],
            root,
          );
          return typeof node === 'object' && node !== null && !Array.isArray(node);
        })
      : all.filter((path) => path.length > 0);
  const path = candidates[mutation.pick % candidates.length] ?? [];
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], root) as Record<
    string | number,
    unknown
  >;
  const last = path.at(-1);
  if (mutation.op === 'add') {
    const node = path.reduce<unknown>(
      (at, key) => (at as Record<string, unknown>)[key],
      root,
    ) as object;
    setOwn(node, mutation.key, mutation.value);
  } else if (mutation.op === 'drop' && last !== undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (mutation.op === 'set' && last !== undefined) {
    setOwn(parent, last, mutation.value);
  }
  return root;
};

const prototypeIsClean = () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
};

const usageTypes = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'Generic',
  'MfaVerification',
  'BindMfa',
];

const recipientArb = (type: ConnectorType) =>
  type === ConnectorType.Email
    ? fc.oneof(
        fc.constantFrom(
          'jane@example.com',
          'a@b.c',
          'jane@example.com\r\nBcc: eve@evil.example',
          'Jane <jane@example.com>',
          'jane@example.com, eve@evil.example',
          '',
        ),
        fc.emailAddress(),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.constant(`${'a'.repeat(100_000)}@example.com`),
      )
    : fc.oneof(
        fc.constantFrom(
          '4915123456789',
          '+49 151 2345 6789',
          '0049-151-23456789',
          '14155550123',
          '13800138000',
          '+86 138 0013 8000',
          '79990000000',
          '447700900123',
          '',
          '+',
          '0',
          '1'.repeat(40),
        ),
        fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.constant('٤٩١٥١٢٣٤٥٦٧٨٩'),
      );

const payloadArb = fc.record(
  {
    code: fc.oneof(
      fc.stringMatching(/^[0-9]{4,8}$/),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.integer(),
      fc.constantFrom(
        null,
        undefined,
        'x'.repeat(100_000),
        '{{code}}',
        '<script>alert(1)</script>',
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    locale: fc.oneof(
      fc.constantFrom('zh-CN', 'en', 'fr_FR', '__proto__', ''),
      fc.string({ maxLength: 10 }),
    ),
    uiLocales: fc.string({ maxLength: 20 }),
    link: fc.webUrl(),
  },
  { requiredKeys: [] },
);

const inputArb = (type: ConnectorType): fc.Arbitrary<Input> =>
  type === ConnectorType.Social
    ? fc.oneof(
        fc.record({ data: fc.anything({ maxDepth: 2 }) }),
        fc.record({
          data: fc.record({
            auth_code: fc.oneof(fc.string({ maxLength: 64 }), fc.anything({ maxDepth: 1 })),
          }),
        }),
        fc.constant({ data: polluter() }),
      )
    : fc.record({
        to: recipientArb(type),
        type: fc.oneof(
          fc.constantFrom(...usageTypes, ...pollutionKeys),
          fc.string({ maxLength: 12 }),
        ),
        payload: fc.oneof(
          payloadArb,
          fc.constant(null).map(() => ({ ...polluter(), code: '123456' })),
        ),
      });

describe.each(subjects)('$folder', (subject) => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await subject.sandbox.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('a mutated config ends in invalid_config before any request, or in a clean outcome', async () => {
    const base = subject.sandbox.config(fake.url);
    const { configGuard } = await buildConnector(subject.factory);
    const users = allUsers(subject);
    await fc.assert(
      fc.asyncProperty(configMutation, async (mutation) => {
        counts['cases generated'] += 1;
        const config = mutate(base, mutation);
        // The guard itself must not throw, whatever the config holds.
        const valid = configGuard.safeParse(config).success;
        const seen = fake.observations.length;
        let outcome: { ok: boolean; error?: unknown };
        try {
          await invoke(subject, config);
          outcome = { ok: true };
        } catch (error: unknown) {
          outcome = { ok: false, error };
        }
        prototypeIsClean();
        if (!valid) {
          expect(outcome.ok).toBe(false);
          expect(fake.observations.length, 'a request left with an invalid config').toBe(seen);
          counts['configs rejected before sending'] += 1;
        }
        if (outcome.ok) {
          counts.successes += 1;
          return;
        }
        counts['connector errors'] += 1;
        const secrets = [
          ...allSecrets(subject),
          ...secretsOf(subject, config).filter((secret) => secret.length >= 12),
        ];
        const error = expectCleanConnectorError(outcome.error, {
          secrets,
          users,
          label: mutation.op,
        });
        if (!valid) {
          expect(error.code).toBe('invalid_config');
          expect((error.data as { message: string }).message).toMatch(/^invalid config: /);
        }
      }),
      { numRuns: runs * 2, endOnFailure: true },
    );
  });

  it('random payloads and recipients end in a clean send or a clean ConnectorError', async () => {
    const config = subject.sandbox.config(fake.url);
    const secrets = allSecrets(subject);
    const users = allUsers(subject);
    await fc.assert(
      fc.asyncProperty(inputArb(subject.type), async (input) => {
        counts['cases generated'] += 1;
        let failure: unknown;
        let succeeded = false;
        try {
          await invoke(subject, config, input);
          succeeded = true;
        } catch (error: unknown) {
          failure = error;
        }
        prototypeIsClean();
        if (succeeded) {
          // A social login cannot succeed with an auth code the fake never issued.
          expect(subject.type).not.toBe(ConnectorType.Social);
          counts.successes += 1;
          return;
        }
        counts['connector errors'] += 1;
        expectCleanConnectorError(failure, {
          secrets,
          users,
          label: JSON.stringify(input).slice(0, 200),
        });
      }),
      { numRuns: runs * 2, endOnFailure: true },
    );
  });
});
