// Every connector package, found from the `packages/connector-*` folders, with what the suite needs
// to drive it: the factory, the sandbox fake, the secrets (form items marked `isConfidential`) and
// one uniform way to call it. Nothing here names a provider.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  type AllConnector,
  ConnectorType,
  type CreateConnector,
  type EmailConnector,
  type SmsConnector,
  type SocialConnector,
} from '@logto/connector-kit';
import type { Sandbox, SandboxConnector, SandboxScenario } from '@switchboard/core/sandbox';
import { buildConnector } from '@switchboard/core/testing';

const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));

/** `connector-*` folders that hold a connector (a factory) and its sandbox fake. */
const connectorFolders: string[] = readdirSync(packagesDir)
  .filter(
    (name) =>
      name.startsWith('connector-') &&
      existsSync(path.join(packagesDir, name, 'src', 'index.ts')) &&
      existsSync(path.join(packagesDir, name, 'sandbox', 'index.ts')),
  )
  .sort();

export type Subject = {
  folder: string;
  factory: CreateConnector<AllConnector>;
  sandbox: Sandbox;
  type: ConnectorType;
  /** Form items marked `isConfidential`. */
  confidentialKeys: string[];
};

const loadSubject = async (folder: string): Promise<Subject> => {
  const factory = (
    (await import(`../../../${folder}/src/index.ts`)) as {
      default: CreateConnector<AllConnector>;
    }
  ).default;
  const sandbox = ((await import(`../../../${folder}/sandbox/index.ts`)) as { default: Sandbox })
    .default;
  const probe = await buildConnector(factory);
  const confidentialKeys = (probe.metadata.formItems ?? [])
    .filter((item) => item.isConfidential)
    .map((item) => item.key);
  return { folder, factory, sandbox, type: probe.type, confidentialKeys };
};

export const loadSubjects = async () => Promise.all(connectorFolders.map(loadSubject));

/** Every config the sandbox knows for a fake at `baseUrl`: its own, then each scenario's. */
const sandboxConfigs = (subject: Subject, baseUrl: string) => [
  subject.sandbox.config(baseUrl),
  ...subject.sandbox.scenarios.flatMap((scenario) =>
    scenario.config ? [scenario.config(baseUrl)] : [],
  ),
];

/** The confidential values of a config. */
export const secretsOf = (subject: Subject, config: unknown): string[] => {
  if (typeof config !== 'object' || config === null) return [];
  return subject.confidentialKeys
    .map((key) => (config as Record<string, unknown>)[key])
    .filter((value): value is string => typeof value === 'string' && value.trim().length > 0);
};

/**
 * Non-secret values that may pair with a secret in a Basic header (`user:secret`): every short
 * string of the config, plus `api`, the fixed user name some providers use.
 */
const usersOf = (subject: Subject, config: Record<string, unknown>): string[] => [
  'api',
  ...Object.entries(config)
    .filter(([key]) => !subject.confidentialKeys.includes(key))
    .map(([, value]) => value)
    .filter((value): value is string => typeof value === 'string' && value.length < 200),
];

/** All secrets of every sandbox config; an error of this connector may show none of them. */
export const allSecrets = (subject: Subject) => [
  ...new Set(sandboxConfigs(subject, 'http://127.0.0.1:1').flatMap((c) => secretsOf(subject, c))),
];

export const allUsers = (subject: Subject) => [
  ...new Set(sandboxConfigs(subject, 'http://127.0.0.1:1').flatMap((c) => usersOf(subject, c))),
];

/** A config that reaches `baseUrl` directly: the sandbox config plus the `endpoint` override. */
export const configFor = (subject: Subject, baseUrl: string, config?: Record<string, unknown>) => ({
  ...(config ?? subject.sandbox.config(baseUrl)),
  endpoint: baseUrl,
});

/**
 * The config without any override pointing at `baseUrl` (the `endpoint`, a gate list), so the
 * connector uses its provider's own hosts.
 */
export const withoutOverrides = (config: Record<string, unknown>, baseUrl: string) =>
  Object.fromEntries(
    Object.entries(config).filter(
      ([key, value]) =>
        key !== 'endpoint' &&
        value !== baseUrl &&
        !(Array.isArray(value) && value.includes(baseUrl)),
    ),
  );

export type Input = {
  /** Recipient (SMS, email); unused by a social connector. */
  to?: string;
  /** The verification code (SMS, email) or the auth code (social). */
  code?: string;
  type?: string;
  /** A whole payload (replaces `{ code }`). */
  payload?: Record<string, unknown>;
  /** A whole getUserInfo data object (replaces `{ auth_code: code }`). */
  data?: unknown;
};

const defaultRecipient = (subject: Subject) =>
  subject.type === ConnectorType.Email ? 'jane@example.com' : '4915123456789';

/**
 * Calls the connector the way Logto does with a saved config: `sendMessage` for SMS and email,
 * `getUserInfo({ auth_code })` for a social connector.
 */
export const invoke = async (subject: Subject, config: unknown, input: Input = {}) => {
  const connector = await buildConnector(subject.factory, config);
  if (connector.type === ConnectorType.Social) {
    return (connector as SocialConnector).getUserInfo(
      (input.data ?? { auth_code: input.code ?? 'auth-code-0001' }) as Record<string, unknown>,
      async () => ({}),
    );
  }
  return (connector as SmsConnector | EmailConnector).sendMessage({
    to: input.to ?? defaultRecipient(subject),
    type: (input.type ?? 'Generic') as never,
    payload: input.payload ?? { code: input.code ?? '123456' },
  });
};

/** The first scenario the sandbox expects to succeed with its default config. */
export const successScenario = (subject: Subject): SandboxScenario => {
  const scenario =
    subject.sandbox.scenarios.find((s) => s.expect === 'success' && !s.config) ??
    subject.sandbox.scenarios.find((s) => s.expect === 'success');
  if (!scenario) throw new Error(`${subject.folder}: the sandbox has no success scenario`);
  return scenario;
};

export type ConnectorCall = {
  method: keyof SandboxConnector;
  args: unknown[];
  /** Where the scenario passed its config as an argument (sendMessage's inputConfig). */
  configArg?: number;
};

/**
 * Runs a sandbox scenario with a connector whose provider calls are observed: `onCall` brackets
 * each sendMessage / getUserInfo, so a recorder can tell the connector's own requests from the
 * scenario's (a social login also talks to the fake "app").
 */
export const runScenario = async (
  subject: Subject,
  scenario: SandboxScenario,
  config: Record<string, unknown>,
  onCall: (phase: 'start' | 'end', call: ConnectorCall) => void,
) => {
  const real = (await buildConnector(subject.factory, config)) as SandboxConnector;
  const wrap =
    <K extends 'sendMessage' | 'getUserInfo'>(method: K) =>
    async (...args: unknown[]) => {
      const configArg = args.indexOf(config);
      const call = { method, args, ...(configArg < 0 ? {} : { configArg }) };
      onCall('start', call);
      try {
        return await (real[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        onCall('end', call);
      }
    };
  const connector = {
    ...(real.getAuthorizationUri ? { getAuthorizationUri: real.getAuthorizationUri } : {}),
    ...(real.sendMessage ? { sendMessage: wrap('sendMessage') } : {}),
    ...(real.getUserInfo ? { getUserInfo: wrap('getUserInfo') } : {}),
  } as SandboxConnector;
  return scenario.run(connector, config);
};

/** Calls the same connector method with the same arguments on a connector built for `config`. */
export const replayCall = async (subject: Subject, config: unknown, call: ConnectorCall) => {
  const connector = (await buildConnector(subject.factory, config)) as SandboxConnector;
  const method = connector[call.method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
  if (!method) throw new Error(`${subject.folder} has no ${call.method}`);
  return method(...call.args.map((arg, index) => (index === call.configArg ? config : arg)));
};
