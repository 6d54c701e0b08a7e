// The SMS Aero fake for `switchboard demo`: checks requests the way API v2 does (Basic auth with the
// account e-mail and API key, a JSON body with a digits-only number, an approved sender name) and
// answers in SMS Aero's envelope. The demo config lists a dead loopback gate first, so every send
// shows the failover to the next gate. Not part of the published package.
import { TemplateType } from '@logto/connector-kit';
import {
  defineSandbox,
  emptyReply,
  intermediaryReplies,
  mask,
  parseBasicAuth,
  type ReasonedReply,
  sends,
  startFakeServer,
  verdicts,
} from '@switchboard/core/sandbox';

import { validConfig } from '../src/__fixtures__/configs.js';

/** A loopback port nothing listens on (tcpmux, privileged): connections are refused at once. */
export const deadGate = 'http://127.0.0.1:1';

/** An account whose balance is empty. */
const emptyAccount = { email: 'empty@example.com', apiKey: 'sa_key_empty_0000000000000000' };

const accounts = new Map([
  [validConfig.email, { apiKey: validConfig.apiKey, balance: 100 }],
  [emptyAccount.email, { apiKey: emptyAccount.apiKey, balance: 0 }],
]);
const approvedSigns = new Set([validConfig.senderName]);

/**
 * Numbers for which the fake answers the way the path in front of SMS Aero can, instead of
 * SMS Aero: a load balancer's HTML error page, a plain-text body, an empty body.
 */
export const awkwardNumbers = {
  /** HTTP 502, an nginx "Bad Gateway" page (text/html). */
  html502: '79990000502',
  /** HTTP 503, a load balancer's "Service Unavailable" page (text/html). */
  html503: '79990000503',
  /** HTTP 401, the plain text `Forbidden` (text/plain). */
  text401: '79990000401',
  /** HTTP 200 with an empty body. */
  empty200: '79990000200',
} as const;

const awkwardAnswers: Record<string, ReasonedReply> = {
  [awkwardNumbers.html502]: intermediaryReplies.html502,
  [awkwardNumbers.html503]: intermediaryReplies.html503,
  [awkwardNumbers.text401]: intermediaryReplies.text401,
  [awkwardNumbers.empty200]: emptyReply(200),
};

const envelope = (status: number, message: string, data: unknown = null) => ({
  status,
  body: { success: false, data, message },
});

let nextId = 700_000;

export default defineSandbox({
  start: () =>
    startFakeServer((request, observe) => {
      // sms/testsend is checked exactly like sms/send; SMS Aero delivers and charges nothing for it.
      const testSend = request.path === '/v2/sms/testsend';
      if (request.method !== 'POST' || (request.path !== '/v2/sms/send' && !testSend)) {
        return verdicts(observe, `${request.method} ${request.path}`).refuse(
          'unknown route',
          envelope(404, 'Not found.'),
        );
      }
      const auth = parseBasicAuth(request.headers.authorization);
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(request.text);
        if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
      } catch {
        // Checked below: a body that is not JSON lacks every field.
      }
      const { refuse, accept, intercept } = verdicts(
        observe,
        `POST ${request.path}${testSend ? ' (test send, nothing delivered)' : ''} as ${auth?.user ?? '?'}:${mask(auth?.password ?? '')} number=${String(body.number)} sign="${String(body.sign)}" text="${String(body.text)}"`,
      );
      // Whatever stands in front of SMS Aero answers before SMS Aero checks anything.
      const awkward = awkwardAnswers[String(body.number)];
      if (awkward) return intercept(awkward);
      const account = auth ? accounts.get(auth.user) : undefined;
      if (!account || account.apiKey !== auth?.password) {
        return refuse(
          'invalid credentials',
          envelope(401, 'Your request was made with invalid credentials.'),
        );
      }
      if (!/json/.test(request.headers['content-type'] ?? '')) {
        return refuse(
          'body is not JSON',
          envelope(400, 'Validation error.', { number: ['Number cannot be blank.'] }),
        );
      }
      const fields: Record<string, string[]> = {};
      if (typeof body.number !== 'string' || !/^\d{7,15}$/.test(body.number)) {
        fields.number = ['Invalid phone number: digits with the country code expected.'];
      }
      if (typeof body.sign !== 'string' || !approvedSigns.has(body.sign)) {
        fields.sign = ['Signature is not approved.'];
      }
      if (typeof body.text !== 'string' || !body.text) fields.text = ['Text cannot be blank.'];
      if (Object.keys(fields).length > 0) {
        return refuse(
          `invalid ${Object.keys(fields).join(', ')}`,
          envelope(400, 'Validation error.', fields),
        );
      }
      if (account.balance <= 0) {
        // An empty balance is a business failure: HTTP 200 with success false.
        return refuse('balance is empty', {
          status: 200,
          body: { success: false, data: null, message: 'Not enough money on the balance.' },
        });
      }
      const now = Math.floor(Date.now() / 1000);
      return accept({
        status: 200,
        body: {
          success: true,
          data: {
            id: nextId++,
            from: body.sign,
            number: body.number,
            text: body.text,
            status: 8,
            extendStatus: 'moderation',
            channel: 'FREE SIGN',
            cost: 2.99,
            dateCreate: now,
            dateSend: now,
          },
          message: null,
        },
      });
    }),
  config: (baseUrl) => ({ ...validConfig, gates: [deadGate, baseUrl] }),
  scenarios: [
    {
      name: 'sign-in code; the first gate refuses connections, the second accepts',
      run: sends({ to: '79990000000', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'success',
    },
    {
      name: 'two-step verification code to a Kazakhstan number written with + and spaces',
      run: sends({
        to: '+7 701 234 5678',
        type: TemplateType.MfaVerification,
        payload: { code: '771024' },
      }),
      expect: 'success',
    },
    {
      name: 'wrong API key',
      config: (baseUrl) => ({
        ...validConfig,
        apiKey: 'sa_key_wrong_000000000',
        gates: [deadGate, baseUrl],
      }),
      run: sends({ to: '79990000000', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'invalid_config',
    },
    {
      name: 'empty balance',
      config: (baseUrl) => ({ ...validConfig, ...emptyAccount, gates: [deadGate, baseUrl] }),
      run: sends({ to: '79990000000', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'usage_limit_exceeded',
    },
  ],
});
