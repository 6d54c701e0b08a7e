// Readers of provider text do work linear in the text, whatever it holds. Logto runs every
// connector in one event loop, where a slower reader would stall every other sign-in. No clock:
// core's readers count the characters they examine (`measureSteps`), and a hostile answer is
// set beside an ordinary one of the same size, through the public factory. Names two providers:
// Aliyun's XML reader and Alipay's certificate (PEM) reader are the readers that take such text.
import { ConnectorType } from '@logto/connector-kit';
import { buildConnector, measureSteps } from '@switchboard/core/testing';
import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';

import { loadSubjects, type Subject } from './support/connectors.js';

const subjects = await loadSubjects();
const find = (part: string) => subjects.find((subject) => subject.folder.includes(part)) as Subject;

const rows: string[] = [];
afterAll(() => {
  console.log(`[reliability] reader work (characters examined):\n${rows.join('\n')}`);
});

/** Work allowed per character of input: a constant, so any superlinear reader fails. */
const perCharacter = 4;
const slack = 10_000;

type Case = [name: string, make: (size: number) => string];

/** Runs each case at `size` and `2 * size`; each must stay within the linear budget. */
const compare = async (
  label: string,
  cases: Case[],
  size: number,
  run: (text: string, index: number) => Promise<unknown>,
) => {
  let index = 0;
  const results: Array<{ name: string; length: number; steps: number; doubled: number }> = [];
  for (const [name, make] of cases) {
    const text = make(size);
    const doubledText = make(2 * size);
    const { steps } = await measureSteps(() => run(text, index++));
    const { steps: doubled } = await measureSteps(() => run(doubledText, index++));
    results.push({ name, length: text.length, steps, doubled });
    rows.push(
      `  ${label} ${name.padEnd(44)} ${String(text.length).padStart(8)} chars: ${String(steps).padStart(9)} steps; twice the size: ${doubled}`,
    );
  }
  for (const { name, length, steps, doubled } of results) {
    expect({ name, within: steps <= perCharacter * length + slack }).toEqual({
      name,
      within: true,
    });
    // Twice the text, at most about twice the work.
    expect({ name, doubling: doubled <= 2 * steps + slack }).toEqual({ name, doubling: true });
  }
  return results;
};

const pad = (text: string, size: number, filler: string) =>
  text + filler.repeat(Math.max(0, Math.ceil((size - text.length) / filler.length)));

describe("Aliyun's XML answers", () => {
  const subject = find('aliyun');
  const base = 'https://dysmsapi.reader-test.example';
  const send = async (body: string) => {
    nock(base).post(/.*/).query(true).reply(200, body, { 'content-type': 'text/xml' });
    const config = subject.sandbox.config(base);
    const connector = await buildConnector(subject.factory, config);
    if (connector.type !== ConnectorType.Sms) throw new Error('not an SMS connector');
    return connector.sendMessage(
      { to: '13800138000', type: 'Generic' as never, payload: { code: '123456' } as never },
      config,
    );
  };
  const declaration = "<?xml version='1.0' encoding='UTF-8'?>";
  const cases: Case[] = [
    [
      'ordinary: SendSmsResponse, a long Message',
      (size) =>
        `${declaration}<SendSmsResponse><Code>OK</Code><Message>${'x'.repeat(size)}</Message></SendSmsResponse>`,
    ],
    [
      'hostile: a root name of 12,000 characters',
      (size) => {
        const root = `R${'r'.repeat(11_999)}`;
        return pad(`${declaration}<${root}>`, size, '<Code>OK</Code>');
      },
    ],
    [
      'hostile: names of 64, a mismatched end tag',
      (size) => pad(`${declaration}<${'R'.repeat(64)}>`, size, `<${'C'.repeat(64)}>OK</C>`),
    ],
    [
      'hostile: references, one without its end',
      (size) => `<R><Message>${pad('', size, '&#x1F600;')}&amp</Message></R>`,
    ],
    [
      'hostile: ampersands without semicolons',
      (size) => `<R><Message>${'&'.repeat(size)}</Message></R>`,
    ],
    [
      'hostile: an unterminated CDATA section',
      (size) => `<R><Message><![CDATA[${pad('', size, ']]')}</Message></R>`,
    ],
    ['hostile: whitespace, then nothing', (size) => `<R>${' '.repeat(size)}`],
    ['hostile: nothing but <', (size) => '<'.repeat(size)],
  ];

  it('examine at most 4 characters per character of a 256 KiB and a 512 KiB answer, ordinary or hostile', async () => {
    const results = await compare('aliyun', cases, 256 * 1024, (body) =>
      send(body).catch((error: unknown) => error),
    );
    // The ordinary answer is read to its end; it is the one that costs most.
    const [ordinary, ...hostile] = results;
    expect(ordinary?.steps).toBeGreaterThan(256 * 1024);
    for (const row of hostile) expect(row.steps).toBeLessThanOrEqual(ordinary?.steps ?? 0);
  });
});

describe("Alipay's downloaded certificates", () => {
  const subject = find('alipay');
  const base = 'https://openapi.reader-test.example';
  const scenario = subject.sandbox.scenarios.find(
    (candidate) =>
      candidate.expect === 'success' &&
      candidate.config?.('http://127.0.0.1:1').signingMode === 'certificate',
  );
  const config = (scenario?.config ?? subject.sandbox.config)(base);
  const certificate = String(config.alipayPublicCertificate);

  /** A sign-in whose token answer names certificate `sn`, then the download answer `pem`. */
  const login = async (pem: string, index: number) => {
    const sn = `5ca1ab1e${String(index).padStart(24, '0')}`;
    const method = (name: string) => (query: Record<string, unknown>) => query.method === name;
    nock(base)
      .post('/gateway.do')
      .query(method('alipay.system.oauth.token'))
      .reply(
        200,
        `{"alipay_system_oauth_token_response":{"code":"10000","msg":"Success","access_token":"t","user_id":"2088102104794936"},"sign":"c2lnbg==","alipay_cert_sn":"${sn}"}`,
      );
    nock(base)
      .post('/gateway.do')
      .query(method('alipay.open.app.alipaycert.download'))
      .reply(
        200,
        `{"alipay_open_app_alipaycert_download_response":{"code":"10000","msg":"Success","alipay_cert_content":"${Buffer.from(pem).toString('base64')}"},"sign":"c2lnbg=="}`,
      );
    const connector = await buildConnector(subject.factory, config);
    if (connector.type !== ConnectorType.Social) throw new Error('not a social connector');
    return connector.getUserInfo({ auth_code: 'reader-test' }, async () => ({}));
  };

  const cases: Case[] = [
    [
      'ordinary: a certificate, then notes',
      (size) => pad(`${certificate}\n`, size, 'Issued by Alipay; renewed every year.\n'),
    ],
    ['hostile: BEGIN markers and no END', (size) => pad('', size, '-----BEGIN CERTIFICATE-----\n')],
    [
      'hostile: one BEGIN, base64 and no END',
      (size) => pad('-----BEGIN CERTIFICATE-----\n', size, 'QUFB'),
    ],
    ['hostile: dashes (markers that almost start)', (size) => '-'.repeat(size)],
    [
      'hostile: markers one dash short',
      (size) => pad('', size, '----BEGIN CERTIFICATE-----\n----END CERTIFICATE-----\n'),
    ],
  ];

  it('examine at most 4 characters per character of a 30 KiB and a 60 KiB certificate text, ordinary or hostile', async () => {
    // 30 KiB and twice that stay within the 64 KiB a certificate text may have.
    await compare('alipay', cases, 30 * 1024, (pem, index) =>
      login(pem, index).catch((error: unknown) => error),
    );
  });

  it('read nothing of a text beyond 64 KiB', async () => {
    const { steps } = await measureSteps(() =>
      login(pad('', 720 * 1024, '-----BEGIN CERTIFICATE-----\n'), 1000).catch((error) => error),
    );
    expect(steps).toBe(0);
  });
});
