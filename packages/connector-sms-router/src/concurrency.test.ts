// 1,000 routed sends at once against fake providers on 127.0.0.1: each number reaches exactly one
// provider that may take it, exactly once, and the ones the first provider throttles go to the next.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { buildConnector } from '@switchboard/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { providerConfigs } from './__fixtures__/configs.js';
import createConnector from './index.js';

type Fake = { server: Server; url: string; accepted: string[]; throttled: string[] };

/** A provider that answers `accept(number)`, recording what it took. */
const startFake = async (
  numberOf: (body: string) => string,
  answer: (number: string) => { status: number; body: object },
): Promise<Fake> => {
  const fake = { accepted: [] as string[], throttled: [] as string[] } as Fake;
  fake.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const number = numberOf(Buffer.concat(chunks).toString('utf8') + (request.url ?? ''));
      const { status, body } = answer(number);
      (status < 300 ? fake.accepted : fake.throttled).push(number);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  return fake;
};

const fakes: Record<'twilio' | 'aliyun' | 'smsaero', Fake> = {} as never;

beforeAll(async () => {
  fakes.twilio = await startFake(
    (text) => new URLSearchParams(text.split('/2010-04-01')[0]).get('To') ?? '',
    () => ({ status: 201, body: { sid: 'SM1', status: 'accepted' } }),
  );
  // Aliyun's v3 request carries PhoneNumbers in the query string.
  fakes.aliyun = await startFake(
    (text) => new URLSearchParams(text.slice(text.indexOf('?') + 1)).get('PhoneNumbers') ?? '',
    () => ({ status: 200, body: { Code: 'OK', Message: 'OK', RequestId: 'R', BizId: 'B' } }),
  );
  // SMS Aero throttles every number ending in an odd digit.
  fakes.smsaero = await startFake(
    (text) =>
      String((JSON.parse(text.slice(0, text.lastIndexOf('}') + 1)) as { number: unknown }).number),
    (number) =>
      Number(number.at(-1)) % 2 === 1
        ? { status: 429, body: { success: false, message: 'Too many requests' } }
        : { status: 200, body: { success: true, data: { id: 1, number, status: 8 } } },
  );
});

afterAll(async () => {
  for (const fake of Object.values(fakes)) {
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
  }
});

describe('1,000 concurrent routed sends', () => {
  it(
    'deliver each message exactly once, through the provider its route and the answers choose',
    { timeout: 120_000 },
    async () => {
      const config = {
        // The longest limits there are: on a loaded machine 1,000 sends may queue, and a timeout
        // here would be the machine's, not the router's.
        timeBudget: 60_000,
        providers: {
          twilio: { ...providerConfigs.twilio, endpoint: fakes.twilio.url, timeout: 60_000 },
          aliyun: { ...providerConfigs.aliyun, endpoint: fakes.aliyun.url, timeout: 60_000 },
          smsaero: { ...providerConfigs.smsaero, endpoint: fakes.smsaero.url, timeout: 60_000 },
        },
        routes: [
          { countries: ['RU'], providers: ['smsaero', 'twilio'] },
          { countries: ['CN'], providers: ['aliyun'] },
          { countries: ['*'], providers: ['twilio'] },
        ],
      };
      const digits = (index: number) => String(index).padStart(4, '0');
      const us = Array.from({ length: 400 }, (_, index) => `1415555${digits(index)}`);
      const ru = Array.from({ length: 300 }, (_, index) => `7912345${digits(index)}`);
      const cn = Array.from({ length: 300 }, (_, index) => `861380013${digits(index)}`);
      const connector = await buildConnector(createConnector, config);
      const results = await Promise.all(
        [...us, ...ru, ...cn].map(async (to) =>
          connector.sendMessage({ to, type: 'SignIn' as never, payload: { code: '123456' } }),
        ),
      );
      const ruEven = ru.filter((number) => Number(number.at(-1)) % 2 === 0);
      const ruOdd = ru.filter((number) => Number(number.at(-1)) % 2 === 1);
      const sorted = (list: string[]) => [...list].sort();
      expect(sorted(fakes.twilio.accepted)).toEqual(sorted([...us, ...ruOdd].map((n) => `+${n}`)));
      expect(sorted(fakes.smsaero.accepted)).toEqual(sorted(ruEven));
      expect(sorted(fakes.smsaero.throttled)).toEqual(sorted(ruOdd));
      // Mainland numbers go to Aliyun in national form.
      expect(sorted(fakes.aliyun.accepted)).toEqual(sorted(cn.map((n) => n.slice(2))));
      const deliveredBy = results.map((result) => (result as { deliveredBy: string }).deliveredBy);
      expect(deliveredBy.filter((name) => name === 'twilio')).toHaveLength(400 + ruOdd.length);
      expect(deliveredBy.filter((name) => name === 'smsaero')).toHaveLength(ruEven.length);
      expect(deliveredBy.filter((name) => name === 'aliyun')).toHaveLength(300);
    },
  );
});
