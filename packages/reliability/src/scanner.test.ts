// The scanner and the leak checks must be able to fail: each is shown a planted leak.
import { createConnection } from 'node:net';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { expectCleanConnectorError, scanError } from './support/scanner.js';
import { activeResources, grownResources, startTcpServer } from './support/servers.js';

const secret = 'sk_live_9f8e7d6c5b4a3928';
const pem = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC8Cx2/FV0nqS1b
bYySvdQ2a8wJN1xj8xOqK+Kal7DEeTQksaauYHfJnC1MVDqFP5oIbhQTOixwiEsb
-----END PRIVATE KEY-----`;

const leak = (message: string) =>
  new ConnectorError(ConnectorErrorCodes.General, { provider: 'test', message });

describe('secret scanner', () => {
  it.each([
    ['raw', secret],
    ['URL-encoded', encodeURIComponent(`${secret}/+=`)],
    ['base64', Buffer.from(secret).toString('base64')],
    [
      'a Basic header of a known user',
      `Basic ${Buffer.from(`AC123:${secret}`).toString('base64')}`,
    ],
    [
      'a Basic header of any user',
      `Basic ${Buffer.from(`someone-else:${secret}`).toString('base64')}`,
    ],
  ])('finds a secret leaked %s into data.message', (_form, text) => {
    const planted = text.includes('%2F') ? `${secret}/+=` : secret;
    expect(
      scanError(leak(`failed: ${text}`), { secrets: [planted], users: ['AC123'] }),
    ).not.toEqual([]);
  });

  it('finds one line of a PEM key', () => {
    const line = pem.split('\n')[2] as string;
    expect(scanError(leak(`bad key ${line}`), { secrets: [pem] })).not.toEqual([]);
  });

  it('finds a secret in the cause chain, the stack and a non-enumerable property', () => {
    const withCause = new Error('outer', { cause: new Error(`inner ${secret}`) });
    expect(scanError(withCause, { secrets: [secret] }).map((f) => f.where)).toContain(
      'cause[1].message',
    );
    const hidden = new Error('clean');
    Object.defineProperty(hidden, 'request', { value: { headers: { authorization: secret } } });
    expect(scanError(hidden, { secrets: [secret] })).not.toEqual([]);
  });

  it('passes a clean ConnectorError and refuses anything else', () => {
    expect(() =>
      expectCleanConnectorError(leak('could not reach test'), { secrets: [secret] }),
    ).not.toThrow();
    expect(() => expectCleanConnectorError(leak(secret), { secrets: [secret] })).toThrow(/leaked/);
    expect(() => expectCleanConnectorError(new TypeError('x'), { secrets: [] })).toThrow(
      /ConnectorError/,
    );
  });
});

describe('resource check', () => {
  it('sees a socket left open', async () => {
    const server = await startTcpServer(() => undefined);
    const before = activeResources();
    const socket = createConnection(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    expect(grownResources(before, activeResources())).not.toEqual([]);
    socket.destroy();
    await server.close();
  });
});
