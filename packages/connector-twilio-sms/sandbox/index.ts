// The Twilio fake for `switchboard demo`: checks requests the way Twilio's Messages API does and
// answers with Twilio's bodies, including its error bodies. Not part of the published package.
import { randomBytes } from 'node:crypto';

import { TemplateType } from '@logto/connector-kit';
import {
  defineSandbox,
  emptyReply,
  intermediaryReplies,
  mask,
  parseBasicAuth,
  parseForm,
  type ReasonedReply,
  sends,
  startFakeServer,
  verdicts,
} from '@switchboard/core/sandbox';

import { validConfig } from '../src/__fixtures__/configs.js';

const apiKey = { sid: 'SK33333333333333333333333333333333', secret: 'sandbox-api-key-secret-0042' };

/**
 * The fake account's WhatsApp sender, also in the pool of its Messaging Service, and its one
 * approved WhatsApp authentication template (Content SID), whose only variable is {{1}}.
 */
export const whatsApp = {
  sender: 'whatsapp:+14155550100',
  contentSid: 'HX44444444444444444444444444444444',
} as const;

/** Twilio's magic test number that always fails as invalid (error 21211). */
const invalidNumber = '15005550001';

/**
 * Recipients for which the fake answers the way the path in front of Twilio can, instead of
 * Twilio: a load balancer's HTML error page, a plain-text body from a proxy, an empty body. They
 * sit in the +1 500 555 range Twilio keeps for its own magic test numbers.
 */
export const awkwardRecipients = {
  /** HTTP 502, an nginx "Bad Gateway" page (text/html). */
  html502: '15005550502',
  /** HTTP 503, a load balancer's "Service Unavailable" page (text/html). */
  html503: '15005550503',
  /** HTTP 401, the plain text `Forbidden` (text/plain). */
  text401: '15005550401',
  /** HTTP 201 with an empty body. */
  empty201: '15005550201',
} as const;

const awkwardAnswers: Record<string, ReasonedReply> = {
  [awkwardRecipients.html502]: intermediaryReplies.html502,
  [awkwardRecipients.html503]: intermediaryReplies.html503,
  [awkwardRecipients.text401]: intermediaryReplies.text401,
  [awkwardRecipients.empty201]: emptyReply(201),
};

const twilioError = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

/** ValidityPeriod: whole seconds from 1 to 36000 (https://www.twilio.com/docs/api/errors/21624). */
const isValidityPeriod = (value: string) =>
  /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 36_000;

/**
 * ContentVariables: a JSON object string whose values are neither null nor empty
 * (https://www.twilio.com/docs/api/errors/21656), here holding the template's variable "1".
 */
const isContentVariables = (text: string | undefined) => {
  try {
    const variables: unknown = JSON.parse(text ?? '');
    return (
      typeof variables === 'object' &&
      variables !== null &&
      !Array.isArray(variables) &&
      Object.hasOwn(variables, '1') &&
      Object.values(variables).every((value) => typeof value === 'string' && value !== '')
    );
  } catch {
    return false;
  }
};

/** What Twilio checks in a WhatsApp send before it accepts it; undefined when it is fine. */
const whatsAppRefusal = (form: Record<string, string>) => {
  if (form.From !== undefined && form.From !== whatsApp.sender) {
    return {
      reason: 'no WhatsApp sender at this From (63007)',
      reply: twilioError(
        400,
        63007,
        "Twilio could not find a Channel with the specified 'From' address",
      ),
    };
  }
  if (!form.ContentSid) {
    // Nobody wrote to the fake's sender in the last 24 hours: only a template may go out.
    return {
      reason: 'free-form WhatsApp message outside the 24-hour window (63016)',
      reply: twilioError(
        400,
        63016,
        'Outside messaging window. For WhatsApp, use a Message Template instead',
      ),
    };
  }
  if (form.ContentSid !== whatsApp.contentSid) {
    return {
      reason: 'unknown ContentSid (21655)',
      reply: twilioError(400, 21655, 'The ContentSid is Invalid'),
    };
  }
  if (form.Body !== undefined) {
    return {
      reason: 'Body sent with a content template (63030)',
      reply: twilioError(400, 63030, 'Unsupported parameter for type of channels message'),
    };
  }
  if (!isContentVariables(form.ContentVariables)) {
    return {
      reason: 'ContentVariables is not a JSON object with variable 1 (21656)',
      reply: twilioError(400, 21656, 'The ContentVariables Parameter is invalid'),
    };
  }
  return undefined;
};

export default defineSandbox({
  start: () =>
    startFakeServer((request, observe) => {
      const credentials = parseBasicAuth(request.headers.authorization);
      const isAuthenticated = (account: string) =>
        account === validConfig.accountSID &&
        ((credentials?.user === account && credentials.password === validConfig.authToken) ||
          (credentials?.user === apiKey.sid && credentials.password === apiKey.secret));
      const accountMatch = /^\/2010-04-01\/Accounts\/([^/]+)\.json$/.exec(request.path);
      if (request.method === 'GET' && accountMatch) {
        const account = decodeURIComponent(accountMatch[1] ?? '');
        const { refuse, accept } = verdicts(
          observe,
          `GET …/Accounts/${account}.json as ${credentials?.user ?? '?'}:${mask(credentials?.password ?? '')}`,
        );
        if (!isAuthenticated(account)) {
          return refuse('authentication failed (20003)', twilioError(401, 20003, 'Authenticate'));
        }
        return accept({
          status: 200,
          body: { sid: account, friendly_name: 'Sandbox account', status: 'active' },
        });
      }
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
      if (request.method !== 'POST' || !match) {
        return verdicts(observe, `${request.method} ${request.path}`).refuse(
          'unknown route',
          twilioError(404, 20404, 'The requested resource was not found'),
        );
      }
      const account = decodeURIComponent(match[1] ?? '');
      const form = parseForm(request.text);
      const sender = form.MessagingServiceSid ?? form.From ?? '';
      const shown = (name: string) => (form[name] === undefined ? '' : ` ${name}=${form[name]}`);
      const { refuse, accept, intercept } = verdicts(
        observe,
        `POST …/Accounts/${account}/Messages.json as ${credentials?.user ?? '?'}:${mask(credentials?.password ?? '')} To=${form.To} ${form.MessagingServiceSid ? 'MessagingServiceSid' : 'From'}=${sender}${form.Body === undefined ? '' : ` Body="${form.Body}"`}${shown('ContentSid')}${shown('ContentVariables')}${shown('ValidityPeriod')}`,
      );
      // Whatever stands in front of Twilio answers before Twilio checks anything.
      const awkward = awkwardAnswers[(form.To ?? '').replace(/^\+/, '')];
      if (awkward) return intercept(awkward);
      if (!isAuthenticated(account)) {
        return refuse('authentication failed (20003)', twilioError(401, 20003, 'Authenticate'));
      }
      // A channel address is the number with the channel's prefix (https://www.twilio.com/docs/messaging/channels).
      const isWhatsApp = form.To?.startsWith('whatsapp:') === true;
      const to = isWhatsApp ? form.To?.slice('whatsapp:'.length) : form.To;
      if (!/^\+[1-9]\d{6,14}$/.test(to ?? '') || to === `+${invalidNumber}`) {
        return refuse(
          "'To' is not a valid phone number (21211)",
          twilioError(400, 21211, `The 'To' number ${form.To} is not a valid phone number.`),
        );
      }
      if (!sender) {
        return refuse(
          'no sender (21603)',
          twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required"),
        );
      }
      if (form.From !== undefined && form.From.startsWith('whatsapp:') !== isWhatsApp) {
        return refuse(
          'To and From of different channels (21910)',
          twilioError(
            400,
            21910,
            "Invalid 'From' and 'To' pair. 'From' and 'To' should be of the same channel",
          ),
        );
      }
      if (form.ValidityPeriod !== undefined && !isValidityPeriod(form.ValidityPeriod)) {
        return refuse(
          'ValidityPeriod out of 1..36000 (21624)',
          twilioError(400, 21624, 'Invalid validity period value'),
        );
      }
      if (form.ContentVariables !== undefined && !form.ContentSid) {
        return refuse(
          'ContentVariables without ContentSid (21654)',
          twilioError(400, 21654, 'ContentSid Required'),
        );
      }
      const refusal = isWhatsApp ? whatsAppRefusal(form) : undefined;
      if (refusal) return refuse(refusal.reason, refusal.reply);
      if (!isWhatsApp && !form.Body) {
        return refuse('empty body (21602)', twilioError(400, 21602, 'Message body is required.'));
      }
      return accept({
        status: 201,
        body: {
          sid: `SM${randomBytes(16).toString('hex')}`,
          account_sid: account,
          to: form.To,
          body: form.Body ?? '',
          status: form.MessagingServiceSid ? 'accepted' : 'queued',
        },
      });
    }),
  config: (baseUrl) => ({ ...validConfig, endpoint: baseUrl }),
  scenarios: [
    {
      name: 'sign-in code, Auth Token + Messaging Service',
      run: sends({ to: '14155550123', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'success',
    },
    {
      name: 'API key + alphanumeric sender, German number',
      config: (baseUrl) => ({
        accountSID: validConfig.accountSID,
        apiKeySid: apiKey.sid,
        apiKeySecret: apiKey.secret,
        from: 'Switchbrd',
        templates: validConfig.templates,
        endpoint: baseUrl,
      }),
      run: sends({ to: '4915123456789', type: TemplateType.Generic, payload: { code: '771024' } }),
      expect: 'success',
    },
    {
      name: 'WhatsApp code to a Brazilian mobile, Messaging Service with a WhatsApp sender',
      config: (baseUrl) => ({
        ...validConfig,
        whatsAppCountries: ['BR'],
        whatsAppTemplates: [{ usageType: 'Generic', contentSid: whatsApp.contentSid }],
        endpoint: baseUrl,
      }),
      run: sends({ to: '5511987654321', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'success',
    },
    {
      name: 'wrong Auth Token',
      config: (baseUrl) => ({ ...validConfig, authToken: 'not-the-token', endpoint: baseUrl }),
      run: sends({ to: '14155550123', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'invalid_config',
    },
    {
      name: 'number Twilio rejects (21211)',
      run: sends({ to: invalidNumber, type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'invalid_request_parameters',
    },
    {
      // SMS pumping protection: refused by the connector itself, so Twilio never hears of it.
      name: 'UK premium-rate number, refused before any request',
      run: sends({ to: '449012345678', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'invalid_request_parameters',
    },
  ],
});
