import { readFileSync } from 'node:fs';

import type { ZodIssue } from 'zod';

import type { ConnectorPackage } from '../resolve.js';

export class UsageError extends Error {}

export type FormItem = {
  key: string;
  label: string;
  type: string;
  placeholder?: string;
  description?: string;
  isConfidential?: boolean;
  selectItems?: Array<{ value: string }>;
};

export type LoadedConnector = {
  type: string;
  metadata: { id: string; formItems?: FormItem[] };
  configGuard: {
    safeParse(value: unknown): {
      success: boolean;
      error?: { issues: ZodIssue[] };
    };
  };
  sendMessage?: (
    data: { to: string; type: string; payload: Record<string, unknown> },
    config?: unknown,
  ) => Promise<unknown>;
  getAuthorizationUri?: (
    payload: Record<string, unknown>,
    setSession: (session: unknown) => Promise<void>,
  ) => Promise<string>;
  getUserInfo?: (
    data: unknown,
    getSession: () => Promise<Record<string, unknown>>,
  ) => Promise<unknown>;
};

export const readConfig = (file: string | undefined): Record<string, unknown> => {
  if (!file) throw new UsageError('--config <file.json> is required');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
};

/** Builds the connector as Logto does for a saved one: getConfig answers with the config. */
export const build = async (pkg: ConnectorPackage, config: Record<string, unknown>) =>
  (await pkg.createConnector({
    getConfig: async () => config,
    // Email connectors may ask Logto for its per-language templates; the cli has none.
    getI18nEmailTemplate: async () => undefined,
  } as never)) as LoadedConnector;

/** The values of the fields the connector marks confidential: never printed. */
export const secretsOf = (connector: LoadedConnector, config: Record<string, unknown>): string[] =>
  (connector.metadata.formItems ?? [])
    .filter((item) => item.isConfidential)
    .map((item) => config[item.key])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);

/** A ConnectorError from any copy of connector-kit, recognised by its shape. */
export const asConnectorError = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && 'data' in error
    ? (error as { code: string; data: unknown })
    : undefined;
