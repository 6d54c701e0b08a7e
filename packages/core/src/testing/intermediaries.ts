// Dev-only: the tests every message connector's sandbox runs over the answers of what stands in
// front of its provider (core's `intermediaryReplies`: nginx's 502 page, a load balancer's 503
// page, a proxy's plain-text 401, an empty success). Each connector calls it once, with what it
// expects of each answer written out at the call site.
import {
  ConnectorError,
  type ConnectorErrorCodes,
  type CreateConnector,
  type EmailConnector,
  type SendMessageData,
  type SmsConnector,
} from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import type { Sandbox } from '../sandbox/index.js';
import { buildConnector, failureOf } from './build.js';
import { findSecrets } from './secrets.js';

/**
 * One awkward answer: its name in the sandbox, the HTTP status and content type the fake answers
 * with (no content type for an empty body), a pattern its body matches, and the ConnectorError
 * code the connector must turn it into.
 */
export type IntermediaryCase<Name extends string> = readonly [
  name: Name,
  status: number,
  contentType: RegExp | undefined,
  body: RegExp,
  code: `${ConnectorErrorCodes}`,
];

export type IntermediaryOptions<Name extends string, T extends SmsConnector | EmailConnector> = {
  /** As the provider is written in prose: `Twilio`. */
  providerName: string;
  /** `data.provider` of the connector's errors. */
  provider: string;
  sandbox: Sandbox;
  createConnector: CreateConnector<T>;
  cases: ReadonlyArray<IntermediaryCase<Name>>;
  /** Sends, without credentials, the provider request that the fake answers as `name`. */
  request: (baseUrl: string, name: Name) => Promise<Response>;
  /** The message the connector sends, with the sandbox config, to meet the answer `name`. */
  message: (name: Name) => SendMessageData;
  /** The secret values of the sandbox config, and the ids that may pair with one (`findSecrets`). */
  secrets: string[];
  users?: string[];
};

export const describeIntermediaryReplies = <
  Name extends string,
  T extends SmsConnector | EmailConnector,
>(
  options: IntermediaryOptions<Name, T>,
) =>
  describe(`answers from the path in front of ${options.providerName}`, () => {
    const { sandbox, cases } = options;

    it.each(cases)(
      'the fake answers %s with HTTP %i in that format',
      async (name, status, contentType, body) => {
        const fake = await sandbox.start();
        try {
          const response = await options.request(fake.url, name);
          expect(response.status).toBe(status);
          if (contentType) expect(response.headers.get('content-type')).toMatch(contentType);
          expect(await response.text()).toMatch(body);
          expect(fake.observations).toEqual([expect.objectContaining({ accepted: false })]);
        } finally {
          await fake.close();
        }
      },
    );

    it.each(cases)(
      'the connector turns %s (HTTP %i) into a clean ConnectorError',
      async (name, status, _contentType, _body, code) => {
        const fake = await sandbox.start();
        try {
          const connector = await buildConnector(options.createConnector);
          const error = await failureOf(() =>
            connector.sendMessage(options.message(name), sandbox.config(fake.url)),
          );
          expect(error).toBeInstanceOf(ConnectorError);
          expect(error).toMatchObject({ code, data: { provider: options.provider, status } });
          const { data } = error as ConnectorError;
          expect(findSecrets(error, options.secrets, options.users)).toEqual([]);
          // Neither the page nor its markup ends up in what Logto shows.
          expect(JSON.stringify(data)).not.toMatch(/[<>]|nginx|Service Unavailable/);
          // The request reached the fake once, and the fake turned it down: nothing was retried.
          expect(fake.observations).toEqual([expect.objectContaining({ accepted: false })]);
        } finally {
          await fake.close();
        }
      },
    );
  });
