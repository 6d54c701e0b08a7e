// Mailgun: one `sendMessage` = one form POST to /v3/<domain>/messages on the US host.
// Shapes: official-connectors.md part 6 (request) and Mailgun's "Queued" reply.
const domain = 'mg.example.com';
const apiKey = 'key-bench000000000000000000000001';

/** The official connector's config shape; Switchboard's guard is a superset of it. */
const config = {
  domain,
  apiKey,
  from: 'Switchboard <no-reply@mg.example.com>',
  deliveries: {
    SignIn: {
      subject: 'Your sign-in code is {{code}}',
      html: '<p>Your verification code is <strong>{{code}}</strong>. It expires in 10 minutes.</p>',
      text: 'Your verification code is {{code}}. It expires in 10 minutes.',
    },
    Generic: {
      subject: 'Your code is {{code}}',
      html: '<p>Your verification code is <strong>{{code}}</strong>.</p>',
    },
  },
};

const queued = JSON.stringify({
  id: '<20240101000000.1.0B1C2D3E4F5A6B7C@mg.example.com>',
  message: 'Queued. Thank you.',
});

/** @type {import('./types.js').ProviderBench} */
export default {
  official: '@logto/connector-mailgun',
  operation: 'sendMessage',
  target: 1.0,
  hosts: ['api.mailgun.net', 'api.eu.mailgun.net'],
  setup: async () => ({
    config,
    invoke: (connector) =>
      connector.sendMessage({
        to: 'user@example.com',
        type: 'SignIn',
        payload: { code: '123456', locale: 'en' },
      }),
  }),
  respond: ({ method, path, headers }) => {
    if (method !== 'POST' || path !== `/v3/${domain}/messages`) {
      return { status: 404, body: '{"message":"Domain not found"}' };
    }
    if (!headers.authorization?.startsWith('Basic ')) {
      return { status: 401, body: 'Forbidden', headers: { 'content-type': 'text/plain' } };
    }
    return { status: 200, body: queued };
  },
  floor: [
    {
      method: 'POST',
      url: `https://api.mailgun.net/v3/${domain}/messages`,
      headers: {
        authorization: `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        from: 'Switchboard <no-reply@mg.example.com>',
        to: 'user@example.com',
        subject: 'Your sign-in code is 123456',
        html: '<p>Your verification code is <strong>123456</strong>. It expires in 10 minutes.</p>',
        text: 'Your verification code is 123456. It expires in 10 minutes.',
      }).toString(),
    },
  ],
};
