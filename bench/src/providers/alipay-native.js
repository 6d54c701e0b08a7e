// Alipay (native app login): one `getUserInfo` = two signed gateway calls,
// alipay.system.oauth.token then alipay.user.info.share, each RSA2-signed by the caller.
// Shapes: official-connectors.md part 7; the replies carry a `sign` the official guard requires.
import { generateKeyPairSync } from 'node:crypto';

const appId = '2021000000000000';
const userId = '2088102104794936';
const accessToken = 'authusrB6c0e7f6a2a5e4d1b8f3e9a0c1d2e3f4a5';
// A signature-shaped value (RSA 2048 → 344 Base64 characters). The bench configures no Alipay
// public key, so neither connector verifies it; the official one only requires it to be present.
const sign = `${'Qm9ndXNTaWduYXR1cmVGb3JUaGVCZW5jaA'.repeat(10)}AAAA==`.slice(0, 344);

const tokenReply = JSON.stringify({
  alipay_system_oauth_token_response: {
    access_token: accessToken,
    alipay_user_id: '20880000000000000000000000000001',
    expires_in: 1296000,
    re_expires_in: 2592000,
    refresh_token: 'authusrBrefresh0e7f6a2a5e4d1b8f3e9a0c1d2e3',
    user_id: userId,
  },
  sign,
});

const userReply = JSON.stringify({
  alipay_user_info_share_response: {
    code: '10000',
    msg: 'Success',
    user_id: userId,
    avatar: 'https://tfs.alipayobjects.com/images/partner/T1bench.png',
    province: '浙江省',
    city: '杭州市',
    nick_name: 'Bench User',
    gender: 'F',
  },
  sign,
});

const replies = {
  'alipay.system.oauth.token': tokenReply,
  'alipay.user.info.share': userReply,
};

/** A query string of the size the official connector sends (it puts everything in the query). */
const floorQuery = (method) =>
  new URLSearchParams({
    app_id: appId,
    charset: 'utf8',
    code: 'bench-auth-code',
    format: 'JSON',
    grant_type: 'authorization_code',
    method,
    sign_type: 'RSA2',
    timestamp: '2024-01-01 00:00:00',
    version: '1.0',
    sign,
  }).toString();

/** @type {import('./types.js').ProviderBench} */
export default {
  official: '@logto/connector-alipay-native',
  operation: 'getUserInfo',
  target: 0.35,
  hosts: ['openapi.alipay.com'],
  setup: async () => {
    // A fresh 2048-bit app key, PKCS#8 PEM with header and footer as the official README asks.
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    return {
      config: { appId, privateKey, signType: 'RSA2' },
      invoke: (connector) =>
        connector.getUserInfo({ auth_code: 'bench-auth-code' }, async () => ({})),
      check: (result) => {
        if (result?.id !== userId)
          throw new Error(`unexpected user info ${JSON.stringify(result)}`);
      },
    };
  },
  respond: ({ method, path, query, body }) => {
    const form = new URLSearchParams(body);
    const name = query.get('method') ?? form.get('method');
    const reply = name ? replies[name] : undefined;
    if (method !== 'POST' || path !== '/gateway.do' || !reply) {
      return { status: 404, body: '{"error_response":{"code":"40004","msg":"Business Failed"}}' };
    }
    if (!(query.get('sign') ?? form.get('sign'))) {
      return {
        status: 200,
        body: '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.missing-signature"}}',
      };
    }
    return { status: 200, body: reply, headers: { 'content-type': 'text/html;charset=utf-8' } };
  },
  floor: ['alipay.system.oauth.token', 'alipay.user.info.share'].map((method) => ({
    method: 'POST',
    url: `https://openapi.alipay.com/gateway.do?${floorQuery(method)}`,
    headers: {},
  })),
};
