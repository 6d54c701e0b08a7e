// Aliyun SMS: one `sendMessage` = one signed RPC POST (SendSms, HMAC-SHA1) to the default site.
// Shapes: official-connectors.md part 3 (request, signing) and Aliyun's SendSms reply.
const accessKeyId = 'LTAI5tBenchAccessKey0001';
const accessKeySecret = 'benchAccessKeySecret000000000001';

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

/** The official connector's config shape; Switchboard's guard is a superset of it. */
const config = {
  accessKeyId,
  accessKeySecret,
  signName: 'Switchboard',
  templates: usageTypes.map((usageType, index) => ({
    usageType,
    templateCode: `SMS_10000000${index}`,
  })),
};

const ok = JSON.stringify({
  Message: 'OK',
  RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
  Code: 'OK',
  BizId: '900619746936498440^0',
});

/** @type {import('./types.js').ProviderBench} */
export default {
  official: '@logto/connector-aliyun-sms',
  operation: 'sendMessage',
  target: 1.0,
  // The China site is the default of both; the international site is listed in case a
  // Switchboard default ever routes there (both resolve to the fake).
  hosts: ['dysmsapi.aliyuncs.com', 'dysmsapi.ap-southeast-1.aliyuncs.com'],
  setup: async () => ({
    config,
    invoke: (connector) =>
      connector.sendMessage({ to: '13800138000', type: 'SignIn', payload: { code: '123456' } }),
  }),
  // Signature V1 (the official connector: Action and Signature in the form body) and V3
  // (ACS3-HMAC-SHA256: the action in x-acs-action, the signature in Authorization) both reach it.
  respond: ({ method, path, body, query, headers }) => {
    const parameters = new URLSearchParams(body);
    const action = parameters.get('Action') ?? query.get('Action') ?? headers['x-acs-action'];
    if (method !== 'POST' || path !== '/' || action !== 'SendSms') {
      return { status: 404, body: '{"Code":"InvalidAction.NotFound","Message":"not found"}' };
    }
    const signed =
      parameters.get('Signature') ??
      query.get('Signature') ??
      (headers.authorization?.startsWith('ACS3-HMAC-SHA256 ') ? headers.authorization : undefined);
    if (!signed) {
      return { status: 400, body: '{"Code":"MissingSignature","Message":"Signature missing"}' };
    }
    return { status: 200, body: ok };
  },
  floor: [
    {
      method: 'POST',
      url: 'https://dysmsapi.aliyuncs.com/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        AccessKeyId: accessKeyId,
        Action: 'SendSms',
        Format: 'json',
        PhoneNumbers: '13800138000',
        RegionId: 'cn-hangzhou',
        SignName: 'Switchboard',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '6a2f1e6c-3c5e-4a53-9d0b-1f7f1d2c3b4a',
        SignatureVersion: '1.0',
        TemplateCode: 'SMS_100000000',
        TemplateParam: '{"code":"123456"}',
        Timestamp: '2024-01-01T00:00:00Z',
        Version: '2017-05-25',
        Signature: 'llJfXJjBW3OacrVgxxsITgYaYm0=',
      }).toString(),
    },
  ],
};
