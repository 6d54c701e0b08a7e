// Dev-only conformance suite: every connector calls `describeConformance` once from its tests.
import { existsSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';

import {
  type AllConnector,
  ConnectorError,
  type ConnectorErrorCodes,
  connectorMetadataGuard,
  type CreateConnector,
  type SmsConnector,
} from '@logto/connector-kit';
import type nock from 'nock';
import { describe, expect, it } from 'vitest';

import { secretsOf } from '../client.js';
import { buildConnector, failureOf } from './build.js';
import { findSecrets } from './secrets.js';
import { startSilentServer } from './servers.js';

export {
  describeIntermediaryReplies,
  type IntermediaryCase,
  type IntermediaryOptions,
} from './intermediaries.js';
export { buildConnector, failureOf } from './build.js';
export { errorTexts, findSecrets, secretVariants } from './secrets.js';
export { runSandboxScenario, startSilentServer } from './servers.js';
export { measureSteps } from '../scan.js';

export type ConformanceOptions<T extends AllConnector> = {
  /** The package folder (holds package.json, README.md, the logo). */
  packageDir: string;
  createConnector: CreateConnector<T>;
  /** A config that succeeds against `intercept`; must accept `timeout` (ms). */
  validConfig: Record<string, unknown>;
  /**
   * Secret values inside `validConfig` beyond those of the connector's confidential form items,
   * which are always checked.
   */
  secrets?: string[];
  /** Non-secret values that may pair with a secret in a Basic header (account ids, `api`). */
  users?: string[];
  /** A nock interceptor for the provider call `invoke` makes first. */
  intercept: () => nock.Interceptor;
  /** The connector's main call; defaults to `sendMessage` of a Generic code to `recipient`. */
  invoke?: (connector: T, config: Record<string, unknown>) => Promise<unknown>;
  recipient?: string;
  /** Points a config at another base URL (default: sets `endpoint`). */
  withEndpoint?: (config: Record<string, unknown>, baseUrl: string) => Record<string, unknown>;
  /** A config whose templates cannot serve a Generic message, and the code it must fail with. */
  missingTemplate?: { config: Record<string, unknown>; code: `${ConnectorErrorCodes}` };
  /** An SMS connector built on createSmsConnector: checks the destination rules too. */
  sms?: boolean;
};

export const describeConformance = <T extends AllConnector>(options: ConformanceOptions<T>) => {
  const invoke =
    options.invoke ??
    (async (connector: T, config: Record<string, unknown>) => {
      if (!('sendMessage' in connector)) throw new Error('pass `invoke` for a social connector');
      return connector.sendMessage(
        {
          to: options.recipient ?? '14155550123',
          type: 'Generic' as never,
          payload: { code: '123456' },
        },
        config,
      );
    });

  const withEndpoint =
    options.withEndpoint ??
    ((config: Record<string, unknown>, endpoint: string) => ({ ...config, endpoint }));

  /** The confidential form items' values in `validConfig`, and any secrets named besides. */
  const secretsOfConnector = (connector: T) => [
    ...secretsOf(connector.metadata.formItems ?? [], options.validConfig),
    ...(options.secrets ?? []),
  ];

  const expectFailure = async (
    config: Record<string, unknown>,
    code: `${ConnectorErrorCodes}`,
  ): Promise<ConnectorError> => {
    const connector = await buildConnector(options.createConnector);
    const error = await failureOf(() => invoke(connector, config));
    expect(error).toBeInstanceOf(ConnectorError);
    const { code: actual, data } = error as ConnectorError;
    // The answer the connector gave heads the failure message, e.g. a scaffold's not_implemented.
    expect(error, `the connector answered ${actual}: ${JSON.stringify(data)}`).toMatchObject({
      code,
    });
    expect(findSecrets(error, secretsOfConnector(connector), options.users)).toEqual([]);
    return error as ConnectorError;
  };

  describe('conformance', () => {
    it('builds without reading config, and its metadata passes Logto’s guard', async () => {
      const connector = await buildConnector(options.createConnector);
      const result = connectorMetadataGuard.safeParse(connector.metadata);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      // The prefix keeps every id clear of Logto's official ones (a stock Logto refuses to start on a
      // duplicate); `pnpm check:packages` names the official id when one is reused.
      expect(connector.metadata.id).toMatch(/^switchboard-/);
      expect(['Sms', 'Email', 'Social']).toContain(connector.type);
    });

    it('ships the README and logo its metadata points at, and lists connector-kit as a dependency', async () => {
      const connector = await buildConnector(options.createConnector);
      const { readme, logo } = connector.metadata;
      expect(readme).toBe('./README.md');
      expect(existsSync(path.join(options.packageDir, readme))).toBe(true);
      expect(logo).toMatch(/\.(svg|png)$/);
      expect(existsSync(path.join(options.packageDir, logo))).toBe(true);
      const manifest = JSON.parse(
        readFileSync(path.join(options.packageDir, 'package.json'), 'utf8'),
      ) as {
        name: string;
        dependencies?: Record<string, string>;
        files?: string[];
      };
      expect(manifest.name).toMatch(/^@switchboard\/connector-/);
      expect(manifest.dependencies?.['@logto/connector-kit']).toBeTypeOf('string');
      expect(manifest.files).toEqual(
        expect.arrayContaining(['lib', 'README.md', logo.replace('./', '')]),
      );
    });

    it('accepts the form defaults wherever a form item has one', async () => {
      const connector = await buildConnector(options.createConnector);
      const defaults = Object.fromEntries(
        (connector.metadata.formItems ?? [])
          .filter((item) => item.defaultValue !== undefined)
          .map((item) => [item.key, item.defaultValue]),
      );
      const result = connector.configGuard.safeParse({ ...options.validConfig, ...defaults });
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      const keys = new Set((connector.metadata.formItems ?? []).map((item) => item.key));
      for (const key of Object.keys(options.validConfig)) expect(keys, key).toContain(key);
    });

    it('rejects an empty config with invalid_config before any request', async () => {
      await expectFailure({}, 'invalid_config');
    });

    if (options.missingTemplate) {
      const { config, code } = options.missingTemplate;
      it(`answers ${code} when no template fits`, async () => {
        await expectFailure(config, code);
      });
    }

    if (options.sms) {
      describe('destinations refused before any request (SMS pumping protection)', () => {
        const sendTo = async (config: Record<string, unknown>, to: string) => {
          const connector = (await buildConnector(
            options.createConnector,
          )) as unknown as SmsConnector;
          return failureOf(async () =>
            connector.sendMessage(
              { to, type: 'Generic' as never, payload: { code: '123456' } },
              config,
            ),
          );
        };
        const refused = async (config: Record<string, unknown>, to: string) => {
          // An interceptor that must stay unused: nothing may be sent for a refused destination.
          const scope = options.intercept().reply(500, 'must not be called');
          const error = await sendTo(config, to);
          expect(scope.isDone()).toBe(false);
          expect(error).toBeInstanceOf(ConnectorError);
          expect((error as ConnectorError).code).toBe('invalid_request_parameters');
          const { message } = (error as ConnectorError).data as { message: string };
          expect(message).not.toContain(to);
          expect(message).not.toContain(to.slice(-6));
          return message;
        };

        it('allowedCountries ["US"] refuses a German number', async () => {
          const message = await refused(
            { ...options.validConfig, allowedCountries: ['US'] },
            '4915123456789',
          );
          expect(message).toBe(
            'refused to send to +49•••••••••89: its country DE is not in allowedCountries; add DE to allowedCountries to send there',
          );
        });

        it('blockedCountries "DE" (as the Console saves it) refuses a German number', async () => {
          const message = await refused(
            { ...options.validConfig, blockedCountries: 'de' },
            '4915123456789',
          );
          expect(message).toBe(
            'refused to send to +49•••••••••89: its country DE is in blockedCountries; remove DE from blockedCountries to send there',
          );
        });

        it('refuses a UK premium-rate number by default', async () => {
          const message = await refused(options.validConfig, '449012345678');
          expect(message).toBe(
            'refused to send to +44••••••••78: it is a premium-rate number (PREMIUM_RATE), a type blockedNumberTypes refuses; remove PREMIUM_RATE from blockedNumberTypes to send to such numbers',
          );
        });

        it('refuses a French shared-cost number by default', async () => {
          const message = await refused(options.validConfig, '33810123456');
          expect(message).toContain('a shared-cost number (SHARED_COST)');
        });

        it('blockedNumberTypes NONE sends to a premium-rate number', async () => {
          const scope = options.intercept().reply(503, 'busy');
          const error = await sendTo(
            { ...options.validConfig, blockedNumberTypes: 'NONE' },
            '449012345678',
          );
          expect(scope.isDone()).toBe(true);
          expect(error).toMatchObject({ code: 'general', data: { status: 503 } });
        });

        // Numbers of no country: Iridium (+881 6), Inmarsat (+870 77) and international freephone
        // (+800), the examples in the ITU's lists of international network codes.
        it.each(['881612345678', '870772001234', '80012345678'])(
          'refuses +%s (no country) by default, naming allowedCountries and 001',
          async (to) => {
            const message = await refused(options.validConfig, to);
            expect(message).toMatch(
              /^refused to send to \+8\d\d•+\d\d: \+8\d\d numbers belong to no country .*; add 001 to allowedCountries to send there$/,
            );
          },
        );

        it.each(['881612345678', '870772001234', '80012345678'])(
          'allowedCountries "001" sends to +%s',
          async (to) => {
            const scope = options.intercept().reply(503, 'busy');
            const error = await sendTo({ ...options.validConfig, allowedCountries: '001' }, to);
            expect(scope.isDone()).toBe(true);
            expect(error).toMatchObject({ code: 'general', data: { status: 503 } });
          },
        );

        it('an unknown country code is a config error naming the field', async () => {
          const error = await expectFailure(
            { ...options.validConfig, allowedCountries: ['US', 'XX'] },
            'invalid_config',
          );
          expect((error.data as { message: string }).message).toContain('allowedCountries');
        });
      });
    }

    it('maps HTTP 429 to rate_limit_exceeded', async () => {
      options.intercept().reply(429, { message: 'Too many requests' });
      await expectFailure(options.validConfig, 'rate_limit_exceeded');
    });

    it.each([500, 502, 503])('maps HTTP %i to general, keeping the status', async (status) => {
      options.intercept().reply(status, '<html>upstream error</html>');
      const error = await expectFailure(options.validConfig, 'general');
      expect(error.data).toMatchObject({ status });
    });

    it('gives up after the configured timeout when the provider accepts the request but never answers', async () => {
      // A real socket on loopback that reads the request and stays silent: the timeout fires after
      // sending, so the error says the request may still have been processed.
      const server = await startSilentServer();
      try {
        const config = withEndpoint({ ...options.validConfig, timeout: 300 }, server.url);
        const error = await expectFailure(config, 'general');
        expect(error.data).toMatchObject({ code: 'ETIMEDOUT' });
        // The configured limit, not the default one, as the message says (no clock check: a busy
        // machine may run the timer late, and that is no fault of the connector). A connector
        // that shares one deadline between hosts (SMS Aero) names what was left of it.
        const { message } = error.data as { message: string };
        expect(message).toMatch(/within \d+ ms; .*may still have been processed/);
        const limit = Number(/within (\d+) ms/.exec(message)?.[1]);
        expect(limit).toBeGreaterThan(0);
        expect(limit).toBeLessThanOrEqual(300);
      } finally {
        await server.close();
      }
    });

    it('reports a connection reset as general', async () => {
      // A real socket on loopback: the server reads the request, then resets the connection.
      const server = createServer((socket) => {
        socket.once('data', () => socket.resetAndDestroy());
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const config = withEndpoint(options.validConfig, `http://127.0.0.1:${port}`);
        const error = await expectFailure(config, 'general');
        expect(error.data).toMatchObject({ code: 'ECONNRESET' });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('answers a body that is not JSON with a ConnectorError', async () => {
      options.intercept().reply(200, 'not json', { 'content-type': 'text/plain' });
      const connector = await buildConnector(options.createConnector);
      const error = await failureOf(() => invoke(connector, options.validConfig));
      expect(error).toBeInstanceOf(ConnectorError);
      expect(findSecrets(error, secretsOfConnector(connector), options.users)).toEqual([]);
    });

    it('runs with the network disabled', async () => {
      const error = await failureOf(() => fetch('https://example.com/'));
      expect(String(error)).toMatch(/Nock: Disallowed net connect|fetch failed/);
      expect(String((error as Error).cause ?? error)).toMatch(/Disallowed net connect/);
    });
  });
};
