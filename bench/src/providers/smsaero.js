// SMS Aero: one `sendMessage` = one JSON POST to /v2/sms/send on the first gate.
// Shapes: official-connectors.md part 5 (request) and SMS Aero API v2's send reply.
const email = 'bench@example.com';
const apiKey = 'benchSmsAeroApiKey0000000000001';

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

/** The official connector's config shape; Switchboard's guard is a superset of it. */
const config = {
  email,
  apiKey,
  senderName: 'SMS Aero',
  templates: usageTypes.map((usageType) => ({
    usageType,
    content: `Your ${usageType} verification code is {{code}}. It expires in 10 minutes.`,
  })),
};

const sent = JSON.stringify({
  success: true,
  data: {
    id: 90210,
    from: 'SMS Aero',
    number: '79991234567',
    text: 'Your SignIn verification code is 123456. It expires in 10 minutes.',
    status: 8,
    extendStatus: 'moderation',
    channel: 'FREE SIGN',
    cost: '4.05',
    dateCreate: 1700000000,
    dateSend: 1700000000,
  },
  message: null,
});

/** @type {import('./types.js').ProviderBench} */
export default {
  official: '@logto/connector-smsaero',
  operation: 'sendMessage',
  target: 1.0,
  // Switchboard tries gate.smsaero.ru first and the others only when it cannot connect.
  hosts: ['gate.smsaero.ru', 'gate.smsaero.org', 'gate.smsaero.net'],
  setup: async () => ({
    config,
    invoke: (connector) =>
      connector.sendMessage({ to: '79991234567', type: 'SignIn', payload: { code: '123456' } }),
  }),
  respond: ({ method, path, headers }) => {
    if (method !== 'POST' || path !== '/v2/sms/send') {
      return { status: 404, body: '{"success":false,"data":null,"message":"Not found"}' };
    }
    if (!headers.authorization?.startsWith('Basic ')) {
      return { status: 401, body: '{"success":false,"data":null,"message":"Unauthorized"}' };
    }
    return { status: 200, body: sent };
  },
  floor: [
    {
      method: 'POST',
      url: 'https://gate.smsaero.ru/v2/sms/send',
      headers: {
        authorization: `Basic ${Buffer.from(`${email}:${apiKey}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        number: '79991234567',
        sign: 'SMS Aero',
        text: 'Your SignIn verification code is 123456. It expires in 10 minutes.',
      }),
    },
  ],
};
