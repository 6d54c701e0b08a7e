// Alipay: with answer verification configured, a forged, truncated or re-ordered signature (or a
// node changed under a genuine one) is rejected; an expired timestamp and a replayed auth code are
// reported with Alipay's code and a message that names the problem. Runs the sandbox's own success
// scenarios (public-key and certificate mode) through a proxy that tampers with one answer.
import { createSign, generateKeyPairSync } from 'node:crypto';

import { ConnectorType } from '@logto/connector-kit';
import { failureOf } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import {
  allSecrets,
  allUsers,
  type ConnectorCall,
  loadSubjects,
  replayCall,
  runScenario,
  type Subject,
} from './support/connectors.js';
import { createCounts } from './support/counts.js';
import { guardNetwork } from './support/network.js';
import { expectCleanConnectorError } from './support/scanner.js';
import { type Recorded, type Reply, startRecorder } from './support/servers.js';

guardNetwork();

const subject = (await loadSubjects()).find(
  (candidate) => candidate.type === ConnectorType.Social && candidate.folder.includes('alipay'),
) as Subject;
const counts = createCounts('alipay', ['tampered answers', 'logins']);

const verifiedScenarios = subject.sandbox.scenarios.filter((scenario) => {
  if (scenario.expect !== 'success') return false;
  const config = (scenario.config ?? subject.sandbox.config)('http://127.0.0.1:1');
  return Boolean(config.alipayPublicKey) || config.signingMode === 'certificate';
});

/** Alipay's body: `{"<node name>":{…},"sign":"…"}`; the node text and the signature in it. */
const parts = (body: string) => {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const name = Object.keys(parsed).find((key) => key.endsWith('_response')) ?? '';
  return {
    parsed,
    name,
    node: parsed[name] as Record<string, unknown>,
    sign: String(parsed.sign ?? ''),
  };
};

const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const withSign = (body: string, sign: string | undefined) => {
  const { parsed } = parts(body);
  if (sign === undefined) delete parsed.sign;
  else parsed.sign = sign;
  return JSON.stringify(parsed);
};

const tampers: Record<string, (body: string) => string> = {
  'signed by another key': (body) => {
    const nodeText = JSON.stringify(parts(body).node);
    return withSign(body, createSign('RSA-SHA256').update(nodeText).sign(strangerKey, 'base64'));
  },
  'one bit flipped': (body) => {
    const raw = Buffer.from(parts(body).sign, 'base64');
    raw[raw.length >> 1] = (raw[raw.length >> 1] ?? 0) ^ 0x01;
    return withSign(body, raw.toString('base64'));
  },
  'truncated to half': (body) =>
    withSign(body, parts(body).sign.slice(0, parts(body).sign.length >> 1)),
  'last 4 characters cut': (body) => withSign(body, parts(body).sign.slice(0, -4)),
  're-ordered signature blocks': (body) => {
    const { sign } = parts(body);
    const quarter = Math.floor(sign.length / 4);
    return withSign(body, sign.slice(quarter) + sign.slice(0, quarter));
  },
  're-ordered node members under the genuine signature': (body) => {
    const { node, name, sign } = parts(body);
    const reversed = Object.fromEntries(Object.entries(node).reverse());
    return `{"${name}":${JSON.stringify(reversed)},"sign":"${sign}"}`;
  },
  'node changed under the genuine signature': (body) =>
    body.replace(
      /"(user_id|access_token)":"([^"]*)"/,
      (_match, key: string, value: string) => `"${key}":"${value}0"`,
    ),
  'signature removed': (body) => withSign(body, undefined),
  'empty signature': (body) => withSign(body, ''),
};

/**
 * Runs a sandbox scenario through a proxy; `tamper` may change the n-th answer to a connector call
 * (or a request on its way). Returns the scenario's outcome and the connector calls it made.
 */
const runTampered = async (
  scenario: (typeof verifiedScenarios)[number],
  tamper: {
    reply?: (reply: Reply, index: number) => Reply;
    request?: (request: Recorded) => Recorded;
  } = {},
) => {
  const fake = await subject.sandbox.start();
  let index = 0;
  const proxy = await startRecorder(fake.url, {
    request: (request) =>
      proxy.state.recording && tamper.request ? tamper.request(request) : request,
    reply: (reply) =>
      proxy.state.recording && tamper.reply ? tamper.reply(reply, index++) : reply,
  });
  proxy.state.recording = false;
  const calls: ConnectorCall[] = [];
  const config = (scenario.config ?? subject.sandbox.config)(proxy.url);
  try {
    const outcome = await runScenario(subject, scenario, config, (phase, call) => {
      proxy.state.recording = phase === 'start';
      if (phase === 'start') calls.push(call);
    }).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    counts.logins += 1;
    return { outcome, calls, config, proxy };
  } finally {
    await proxy.close();
    await fake.close();
  }
};

const secrets = allSecrets(subject);
const users = allUsers(subject);

describe.each(verifiedScenarios)('$name', (scenario) => {
  it('logs in with the genuine, signed answers', async () => {
    const { outcome } = await runTampered(scenario);
    expect(outcome.ok, String(!outcome.ok && outcome.error)).toBe(true);
  });

  const cases = Object.keys(tampers).flatMap((tamper) => [0, 1].map((call) => ({ tamper, call })));
  it.each(cases)(
    'rejects an answer with its signature $tamper (call $call)',
    async ({ tamper, call }) => {
      const change = tampers[tamper] as (body: string) => string;
      const { outcome } = await runTampered(scenario, {
        reply: (reply, index) =>
          index === call ? { ...reply, body: change(reply.body.toString()) } : reply,
      });
      counts['tampered answers'] += 1;
      expect(outcome.ok).toBe(false);
      const error = expectCleanConnectorError(!outcome.ok && outcome.error, {
        secrets,
        users,
        label: tamper,
      });
      expect(error.code).toBe('invalid_response');
      expect((error.data as { message: string }).message).toMatch(
        /signature .* does not verify|is not signed/,
      );
    },
  );

  it('reports an expired request timestamp as a clock problem, with Alipay’s code', async () => {
    const stale = new Date(Date.now() - 60 * 60 * 1000 + 8 * 60 * 60 * 1000)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d{3}Z$/, '');
    const { outcome } = await runTampered(scenario, {
      request: (request) => {
        const url = new URL(request.url, 'http://127.0.0.1');
        if (url.searchParams.has('timestamp')) url.searchParams.set('timestamp', stale);
        return { ...request, url: `${url.pathname}${url.search}` };
      },
    });
    expect(outcome.ok).toBe(false);
    const error = expectCleanConnectorError(!outcome.ok && outcome.error, { secrets, users });
    // Not social_auth_code_invalid: the user's code is fine, the server clock is not.
    expect(error.code).toBe('general');
    expect(error.data).toMatchObject({
      code: '40002',
      details: { sub_code: 'isv.invalid-timestamp' },
    });
    expect((error.data as { message: string }).message).toMatch(/时间戳|timestamp/);
    expect((error.data as { message: string }).message).toMatch(/clock/);
  });

  it('reports a replayed auth code as social_auth_code_invalid, naming the problem', async () => {
    const fake = await subject.sandbox.start();
    try {
      const config = (scenario.config ?? subject.sandbox.config)(fake.url);
      let first: ConnectorCall | undefined;
      await runScenario(subject, scenario, config, (phase, call) => {
        if (phase === 'start') first = call;
      });
      counts.logins += 1;
      expect(first?.method).toBe('getUserInfo');
      const authCode = String((first?.args[0] as { auth_code: string }).auth_code);
      const error = await failureOf(() => replayCall(subject, config, first as ConnectorCall));
      const failure = expectCleanConnectorError(error, { secrets: [...secrets, authCode], users });
      expect(failure.code).toBe('social_auth_code_invalid');
      expect(failure.data).toMatchObject({
        code: '40002',
        details: { sub_code: 'isv.code-invalid' },
      });
      expect((failure.data as { message: string }).message).toMatch(/already used/);
    } finally {
      await fake.close();
    }
  });
});
