// A fake Mailgun for `switchboard demo` and sandbox/index.test.ts: checks requests the way
// POST /v3/{domain}/messages does and answers with Mailgun's bodies. Dev-only, never bundled.
import { TemplateType } from '@logto/connector-kit';
import {
  defineSandbox,
  emptyReply,
  type FakeReply,
  intermediaryReplies,
  mask,
  parseBasicAuth,
  parseForm,
  type ReasonedReply,
  type RecordedRequest,
  sends,
  startFakeServer,
  verdicts,
} from '@switchboard/core/sandbox';

const sandboxDomain = 'mg.sandbox.example';
export const sandboxApiKey = 'key-sandbox-0123456789abcdef';

/** Text fields of a multipart/form-data body (Mailgun accepts both encodings). */
export const parseMultipart = (text: string, boundary: string): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]*)"/.exec(part.slice(0, split))?.[1];
    if (name !== undefined) fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
};

const formOf = (request: RecordedRequest) => {
  const type = request.headers['content-type'] ?? '';
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) return parseMultipart(request.text, boundary);
  if (/^application\/x-www-form-urlencoded/i.test(type)) return parseForm(request.text);
  return undefined;
};

/**
 * Recipients for which the fake answers the way the path in front of Mailgun can, instead of
 * Mailgun: a load balancer's HTML error page, a plain-text body, an empty body.
 */
export const awkwardRecipients = {
  /** HTTP 502, an nginx "Bad Gateway" page (text/html). */
  html502: 'html-502@awkward.sandbox.example',
  /** HTTP 503, a load balancer's "Service Unavailable" page (text/html). */
  html503: 'html-503@awkward.sandbox.example',
  /** HTTP 401, the plain text `Forbidden`, as Mailgun answers a wrong key (text/plain). */
  text401: 'text-401@awkward.sandbox.example',
  /** HTTP 200 with an empty body. */
  empty200: 'empty-200@awkward.sandbox.example',
} as const;

const awkwardAnswers: Record<string, ReasonedReply> = {
  [awkwardRecipients.html502]: intermediaryReplies.html502,
  [awkwardRecipients.html503]: intermediaryReplies.html503,
  [awkwardRecipients.text401]: intermediaryReplies.text401,
  [awkwardRecipients.empty200]: emptyReply(200),
};

const queued = (domain: string): FakeReply => ({
  status: 200,
  body: { id: `<${Date.now()}.1.SANDBOX@${domain}>`, message: 'Queued. Thank you.' },
});

const start = () =>
  startFakeServer((request, observe) => {
    // A refusal is recorded under the route; an accepted request under what it does.
    const { refuse, intercept } = verdicts(observe, `${request.method} ${request.path}`);
    const send = /^\/v3\/([^/]+)\/messages$/.exec(request.path);
    const lookup = /^\/v4\/domains\/([^/]+)$/.exec(request.path);
    const route = request.method === 'POST' ? send : request.method === 'GET' ? lookup : null;
    if (!route?.[1]) {
      return refuse('unknown route', { status: 404, body: { message: 'Not Found' } });
    }
    // Whatever stands in front of Mailgun answers before Mailgun checks anything.
    const awkward = awkwardAnswers[formOf(request)?.to ?? ''];
    if (awkward) return intercept(awkward);
    const auth = parseBasicAuth(request.headers.authorization);
    if (auth?.user !== 'api' || auth.password !== sandboxApiKey) {
      const seen = auth ? `${auth.user}:${mask(auth.password)}` : 'no credentials';
      return refuse(`wrong API key (${seen})`, { status: 401, body: 'Forbidden' });
    }
    const domain = decodeURIComponent(route[1]);
    if (domain !== sandboxDomain) {
      return refuse(`unknown domain ${domain}`, {
        status: 404,
        body: { message: lookup ? 'Domain not found' : `Domain not found: ${domain}` },
      });
    }
    if (lookup) {
      return verdicts(observe, `read domain ${domain}`).accept({
        status: 200,
        body: { domain: { name: domain, state: 'active' } },
      });
    }
    const form = formOf(request);
    if (!form) {
      return refuse('body is neither form nor multipart', {
        status: 400,
        body: { message: "'from' parameter is missing" },
      });
    }
    for (const field of ['from', 'to']) {
      if (!form[field]) {
        return refuse(`missing ${field}`, {
          status: 400,
          body: { message: `'${field}' parameter is missing` },
        });
      }
    }
    if (!/^[^\s@]+@[^\s@]+$/.test(form.to ?? '')) {
      return refuse('bad recipient', {
        status: 400,
        body: { message: "'to' parameter is not a valid address. please check documentation" },
      });
    }
    if (!form.html && !form.text && !form.template) {
      return refuse('no content', {
        status: 400,
        body: { message: "Need at least one of 'text', 'html' or 'template' parameters specified" },
      });
    }
    if (form['t:variables'] !== undefined) {
      try {
        JSON.parse(form['t:variables']);
      } catch {
        return refuse('t:variables is not JSON', {
          status: 400,
          body: { message: 't:variables is not valid JSON' },
        });
      }
    }
    const leaky = Object.keys(form).filter((key) => /^(h:X-Mailgun-Variables|v:)/i.test(key));
    const content = form.template ? `template ${form.template}` : form.html ? 'html' : 'text';
    return verdicts(
      observe,
      `send ${content} to ${form.to} from ${form.from}, subject ${JSON.stringify(form.subject ?? '')}`,
    ).accept(
      queued(domain),
      leaky.length > 0 ? `visible to recipients: ${leaky.join(', ')}` : undefined,
    );
  });

const config = (baseUrl: string) => ({
  endpoint: baseUrl,
  domain: sandboxDomain,
  apiKey: sandboxApiKey,
  from: `Sandbox <no-reply@${sandboxDomain}>`,
  deliveries: {
    Generic: { subject: 'Your code {{code}}', html: '<p>Your code is <b>{{code}}</b></p>' },
    OrganizationInvitation: { template: 'invitation', variables: { product: 'Sandbox' } },
  },
});

const sendTo = (to: string, type: TemplateType = TemplateType.Generic) =>
  sends({ to, type, payload: { code: '123456', link: 'https://auth.example/i/1' } });

export default defineSandbox({
  start,
  config,
  scenarios: [
    { name: 'sends a verification code', run: sendTo('jane@example.com'), expect: 'success' },
    {
      name: 'sends an invitation through a Mailgun-hosted template',
      run: sendTo('jane@example.com', TemplateType.OrganizationInvitation),
      expect: 'success',
    },
    {
      name: 'a wrong API key is a config problem',
      config: (baseUrl) => ({ ...config(baseUrl), apiKey: 'key-wrong-0000000000' }),
      run: sendTo('jane@example.com'),
      expect: 'invalid_config',
    },
    {
      name: 'a domain in another region is not found',
      config: (baseUrl) => ({ ...config(baseUrl), domain: 'mg.elsewhere.example' }),
      run: sendTo('jane@example.com'),
      expect: 'invalid_config',
    },
  ],
});
