// Twilio SMS: one `sendMessage` = one POST of a form to the Messages resource.
// Shapes: official-connectors.md part 4 (request) and Twilio's Message resource (reply).
const accountSID = 'AC00000000000000000000000000000b01';
const authToken = 'bench-auth-token-000000000000b01';
const messagingServiceSID = 'MG00000000000000000000000000000b01';
const messagesPath = `/2010-04-01/Accounts/${accountSID}/Messages.json`;

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

/** The official connector's config shape; Switchboard's guard is a superset of it. */
const config = {
  accountSID,
  authToken,
  fromMessagingServiceSID: messagingServiceSID,
  templates: usageTypes.map((usageType) => ({
    usageType,
    content: `Your ${usageType} verification code is {{code}}. It expires in 10 minutes.`,
  })),
};

/** Twilio answers 201 with the created Message resource (about 900 bytes). */
const created = JSON.stringify({
  account_sid: accountSID,
  api_version: '2010-04-01',
  body: 'Your SignIn verification code is 123456. It expires in 10 minutes.',
  date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
  date_sent: null,
  date_updated: 'Thu, 24 Aug 2023 05:01:45 +0000',
  direction: 'outbound-api',
  error_code: null,
  error_message: null,
  from: null,
  messaging_service_sid: messagingServiceSID,
  num_media: '0',
  num_segments: '0',
  price: null,
  price_unit: null,
  sid: 'SM00000000000000000000000000000b01',
  status: 'accepted',
  subresource_uris: {
    media: `/2010-04-01/Accounts/${accountSID}/Messages/SM00000000000000000000000000000b01/Media.json`,
  },
  to: '+14155552671',
  uri: `/2010-04-01/Accounts/${accountSID}/Messages/SM00000000000000000000000000000b01.json`,
});

/** @type {import('./types.js').ProviderBench} */
export default {
  official: '@logto/connector-twilio-sms',
  operation: 'sendMessage',
  target: 1.0,
  hosts: ['api.twilio.com'],
  setup: async () => ({
    config,
    invoke: (connector) =>
      connector.sendMessage({ to: '14155552671', type: 'SignIn', payload: { code: '123456' } }),
  }),
  respond: ({ method, path, headers }) => {
    if (method !== 'POST' || path !== messagesPath) return { status: 404, body: '{}' };
    if (!headers.authorization?.startsWith('Basic ')) {
      return { status: 401, body: '{"code":20003,"message":"Authenticate","status":401}' };
    }
    return { status: 201, body: created };
  },
  floor: [
    {
      method: 'POST',
      url: `https://api.twilio.com${messagesPath}`,
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSID}:${authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        To: '+14155552671',
        MessagingServiceSid: messagingServiceSID,
        Body: 'Your SignIn verification code is 123456. It expires in 10 minutes.',
        RiskCheck: 'enable',
      }).toString(),
    },
  ],
};
