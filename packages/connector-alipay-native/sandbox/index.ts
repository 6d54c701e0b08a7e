// The Alipay fake for `switchboard demo`: a gateway that checks request signatures with the app's
// public key (or app certificate) and signs its answers with its own key, plus a stand-in for the
// Alipay app that hands out auth codes. Under /rotated it plays Alipay after a certificate renewal:
// it signs with the renewed key, names the renewed certificate's SN and hands that certificate out
// through alipay.open.app.alipaycert.download. Its signing and certificate code is its own
// (./protocol.ts, node:crypto from Alipay's documentation), never the connector's. Not part
// of the published package; all keys are the test-only fixtures.
import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto';

import {
  type FakeReply,
  type Observe,
  type RecordedRequest,
  type SandboxConnector,
  defineSandbox,
  mask,
  parseForm,
  startFakeServer,
  verdicts,
} from '@switchboard/core/sandbox';

import { certificateConfig, validConfig } from '../src/__fixtures__/configs.js';
import {
  alipayPrivateKey,
  alipayPublicCertificate,
  alipayPublicKey,
  appCertificate,
  appPublicKey,
  rootBundle,
  rotatedAlipayCertificate,
  rotatedAlipayPrivateKey,
} from '../src/__fixtures__/keys.js';
import {
  answerBody,
  beijingNow,
  certificateSnOf,
  isSignType,
  nodeNameOf,
  parseBeijing,
  rootCertificateSnOf,
  stringToSign,
  verifyRequest,
} from './protocol.js';

/** The app as uploaded in the Alipay console: its public key and, for certificate mode, its certificate. */
const uploaded = {
  publicKey: createPublicKey(appPublicKey),
  certificate: new X509Certificate(appCertificate),
};
/** The SNs the gateway expects and sends in certificate mode, worked out from the certificates. */
const sns = {
  app: certificateSnOf(uploaded.certificate),
  root: rootCertificateSnOf(rootBundle),
  alipay: certificateSnOf(new X509Certificate(alipayPublicCertificate)),
  rotated: certificateSnOf(new X509Certificate(rotatedAlipayCertificate)),
};
/** The gateway's key and the SN of its certificate: as first issued, and after the renewal. */
type Signer = { key: KeyObject; certSn: string };
const signers: Readonly<Record<'first' | 'rotated', Signer>> = {
  first: { key: createPrivateKey(alipayPrivateKey), certSn: sns.alipay },
  rotated: { key: createPrivateKey(rotatedAlipayPrivateKey), certSn: sns.rotated },
};
/** What alipay.open.app.alipaycert.download hands out, by SN. */
const alipayCertificates = new Map([
  [sns.alipay, alipayPublicCertificate],
  [sns.rotated, rotatedAlipayCertificate],
]);
const rotatedPrefix = '/rotated';
const user = {
  user_id: '2088102104794936',
  open_id: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5',
};
const maxClockSkewMs = 10 * 60 * 1000;

/**
 * Auth codes that make the fake answer the token call the way the path to the real gateway
 * sometimes does, before any gateway check: a load balancer's HTML error page, a plain-text body,
 * an empty 200. The plain-text body echoes the request's auth code, so a test can see that none of
 * it reaches the connector's error.
 */
export const awkwardAuthCodes = {
  badGateway: 'sandbox-lb-502',
  gatewayTimeout: 'sandbox-lb-504',
  plainText: 'sandbox-plain-text',
  emptyBody: 'sandbox-empty-200',
} as const;

const loadBalancerPage = (status: number, reason: string): FakeReply => ({
  status,
  headers: { 'content-type': 'text/html' },
  body:
    `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n` +
    `<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`,
});

const awkwardAnswers = new Map<string, (code: string) => FakeReply>([
  [awkwardAuthCodes.badGateway, () => loadBalancerPage(502, 'Bad Gateway')],
  [awkwardAuthCodes.gatewayTimeout, () => loadBalancerPage(504, 'Gateway Time-out')],
  [
    awkwardAuthCodes.plainText,
    (code) => ({
      status: 200,
      headers: { 'content-type': 'text/plain;charset=utf-8' },
      body: `System busy, please try again later (code=${code})`,
    }),
  ],
  [
    awkwardAuthCodes.emptyBody,
    () => ({ status: 200, headers: { 'content-type': 'text/html;charset=utf-8' }, body: '' }),
  ],
]);

type Node = Record<string, unknown>;
type Failure = { code: string; msg: string; sub_code: string; sub_msg: string };

const failure = (code: string, sub_code: string, sub_msg: string): Failure => ({
  code,
  msg:
    code === '40001'
      ? 'Missing Required Arguments'
      : code === '20001'
        ? 'Insufficient Token Permissions'
        : 'Invalid Arguments',
  sub_code,
  sub_msg,
});

/** Alipay's body: the node text, then its signature over exactly that text. */
const answer = (
  name: string,
  node: Node,
  signType: 'RSA' | 'RSA2',
  certificateMode: boolean,
  signer: Signer = signers.first,
): FakeReply => ({
  status: 200,
  headers: { 'content-type': 'text/html;charset=utf-8' },
  body: answerBody(
    name,
    JSON.stringify(node),
    signer.key,
    signType,
    certificateMode ? signer.certSn : undefined,
  ),
});

/** Checks what Alipay's gateway checks before any method runs; returns the failure, if any. */
const checkCommon = (parameters: Record<string, string>): Failure | undefined => {
  for (const name of ['app_id', 'method', 'sign_type', 'sign', 'timestamp', 'version'] as const) {
    if (!parameters[name])
      return failure('40001', `isv.missing-${name.replace('_', '-')}`, `缺少 ${name} 参数`);
  }
  if (parameters.app_id !== validConfig.appId)
    return failure('40002', 'isv.invalid-app-id', '无效的AppID参数');
  if (parameters.format && parameters.format !== 'JSON')
    return failure('40002', 'isv.invalid-format', '无效的数据格式');
  if (parameters.charset && !/^(utf-8|gbk)$/i.test(parameters.charset))
    return failure('40002', 'isv.invalid-charset', '字符集错误');
  const when = parseBeijing(parameters.timestamp ?? '');
  if (Number.isNaN(when) || Math.abs(when - Date.now()) > maxClockSkewMs) {
    return failure(
      '40002',
      'isv.invalid-timestamp',
      `非法的时间戳参数 (expected Beijing time near ${beijingNow()})`,
    );
  }
  if (!isSignType(parameters.sign_type)) {
    return failure('40002', 'isv.invalid-signature-type', '无效的签名类型');
  }
  const certificateMode = Boolean(parameters.app_cert_sn);
  if (certificateMode && parameters.app_cert_sn !== sns.app) {
    return failure('40002', 'isv.invalid-app-cert-sn', '应用公钥证书序列号不匹配');
  }
  if (certificateMode && parameters.alipay_root_cert_sn !== sns.root) {
    return failure('40002', 'isv.invalid-alipay-root-cert-sn', '支付宝根证书序列号不匹配');
  }
  const key = certificateMode ? uploaded.certificate.publicKey : uploaded.publicKey;
  if (!verifyRequest(parameters, key)) {
    return failure(
      '40002',
      'isv.invalid-signature',
      `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${stringToSign(parameters)}`,
    );
  }
  return undefined;
};

/** What Logto passes to getAuthorizationUri, apart from the state. */
const authorizationRequest = {
  redirectUri: 'io.logto://callback',
  connectorId: 'sandbox',
  connectorFactoryId: 'switchboard-alipay-native',
  jti: 'sandbox',
  headers: {},
};

const authInfoFields = [
  'apiname',
  'method',
  'app_id',
  'app_name',
  'biz_type',
  'pid',
  'product_id',
  'scope',
  'target_id',
  'auth_type',
  'sign_type',
];

/**
 * A login the way the Alipay app does it: open the alipay:// descriptor, consent, and hand the
 * auth code it returns to getUserInfo.
 */
const viaAlipayApp =
  (state: string) => async (connector: SandboxConnector, config: Record<string, unknown>) => {
    const uri = await connector.getAuthorizationUri!(
      { ...authorizationRequest, state },
      async () => {},
    );
    const query = new URL(uri).searchParams;
    const consent = (await (
      await fetch(`${String(config.endpoint)}/app/authorize?${query}`)
    ).json()) as { auth_code?: string };
    return connector.getUserInfo!({ auth_code: consent.auth_code }, async () => ({}));
  };

export default defineSandbox({
  start: () => {
    const codes = new Set<string>();
    const tokens = new Set<string>();
    const issueCode = () => {
      const code = randomBytes(16).toString('hex');
      codes.add(code);
      return code;
    };

    const app = (request: RecordedRequest, observe: Observe) => {
      // The Alipay app: shows the consent page for an `alipay://` descriptor or an auth info string.
      const fields =
        request.path === '/app/auth-v2'
          ? parseForm(request.text)
          : Object.fromEntries(request.query);
      if (request.path === '/app/auth-v2') {
        const { sign = '', ...signed } = fields;
        const missing = authInfoFields.filter((name) => !signed[name]);
        const { refuse, accept } = verdicts(
          observe,
          `Alipay app authV2 app_id=${fields.app_id} pid=${fields.pid} target_id=${fields.target_id}`,
        );
        if (missing.length > 0) {
          return refuse(`missing ${missing.join(', ')}`, {
            status: 200,
            body: { resultStatus: '4000', memo: '系统异常' },
          });
        }
        if (!verifyRequest({ ...signed, sign }, uploaded.publicKey)) {
          return refuse('auth info signature does not verify', {
            status: 200,
            body: { resultStatus: '4000', memo: '系统异常' },
          });
        }
        return accept({
          status: 200,
          body: {
            resultStatus: '9000',
            result: `success=true&result_code=200&auth_code=${issueCode()}&user_id=${user.user_id}`,
          },
        });
      }
      const { refuse, accept } = verdicts(
        observe,
        `Alipay app opened alipay://?app_id=${fields.app_id}&state=${fields.state}`,
      );
      if (fields.app_id !== validConfig.appId || !fields.state) {
        return refuse('unknown app_id or no state', {
          status: 200,
          body: { resultStatus: '4000' },
        });
      }
      return accept({
        status: 200,
        body: { resultStatus: '9000', auth_code: issueCode(), state: fields.state },
      });
    };

    return startFakeServer((received, observe) => {
      const rotated = received.path.startsWith(`${rotatedPrefix}/`);
      const request = rotated
        ? { ...received, path: received.path.slice(rotatedPrefix.length) }
        : received;
      const signer = rotated ? signers.rotated : signers.first;
      if (request.path.startsWith('/app/')) return app(request, observe);
      if (request.method !== 'POST' || request.path !== '/gateway.do') {
        return verdicts(observe, `${request.method} ${request.path}`).refuse('unknown route', {
          status: 404,
          body: 'Not Found',
        });
      }
      const parameters = { ...Object.fromEntries(request.query), ...parseForm(request.text) };
      const method = parameters.method ?? '';
      const signType = parameters.sign_type === 'RSA' ? 'RSA' : 'RSA2';
      const certificateMode = Boolean(parameters.app_cert_sn);
      const shown = Object.entries(parameters)
        .map(
          ([name, value]) =>
            `${name}=${['sign', 'code', 'auth_token'].includes(name) ? mask(value) : value}`,
        )
        .join(' ');
      const { refuse, accept } = verdicts(observe, `POST /gateway.do ${shown}`);
      /** The gateway's signed answer, in the request's sign type and mode. */
      const signed = (name: string, node: Node) =>
        answer(name, node, signType, certificateMode, signer);
      const awkward = awkwardAnswers.get(parameters.code ?? '');
      if (method === 'alipay.system.oauth.token' && awkward) {
        const reply = awkward(parameters.code ?? '');
        return refuse(
          `magic auth code: answered HTTP ${reply.status} ${reply.headers?.['content-type'] ?? ''}${reply.body ? '' : ', empty body'}`,
          reply,
        );
      }
      const common = checkCommon(parameters);
      if (common) return refuse(`${common.sub_code}`, signed('error_response', common));
      if (method === 'alipay.system.oauth.token') {
        if (
          parameters.grant_type !== 'authorization_code' ||
          !parameters.code ||
          !codes.delete(parameters.code)
        ) {
          return refuse(
            'isv.code-invalid (unknown or used auth code)',
            signed('error_response', failure('40002', 'isv.code-invalid', '授权码code无效')),
          );
        }
        const accessToken = `authusrB${randomBytes(16).toString('hex')}`;
        tokens.add(accessToken);
        return accept(
          signed(nodeNameOf(method), {
            access_token: accessToken,
            alipay_user_id: user.user_id,
            expires_in: 1_296_000,
            re_expires_in: 2_592_000,
            refresh_token: `authusrR${randomBytes(16).toString('hex')}`,
            ...user,
          }),
        );
      }
      if (method === 'alipay.open.app.alipaycert.download') {
        let requested: unknown;
        try {
          requested = (JSON.parse(parameters.biz_content ?? '') as { alipay_cert_sn?: unknown })
            .alipay_cert_sn;
        } catch {
          requested = undefined;
        }
        const pem = typeof requested === 'string' ? alipayCertificates.get(requested) : undefined;
        if (!pem) {
          // The fake's own wording: Alipay does not document this failure.
          return refuse(
            `no Alipay certificate ${String(requested)}`,
            signed(
              nodeNameOf(method),
              failure('40004', 'isv.alipay-cert-not-exist', '支付宝公钥证书不存在'),
            ),
          );
        }
        return accept(
          signed(nodeNameOf(method), {
            code: '10000',
            msg: 'Success',
            alipay_cert_content: Buffer.from(pem, 'utf8').toString('base64'),
          }),
        );
      }
      if (method === 'alipay.user.info.share') {
        if (!tokens.has(parameters.auth_token ?? '')) {
          return refuse(
            'aop.invalid-auth-token',
            signed(
              nodeNameOf(method),
              failure('20001', 'aop.invalid-auth-token', '无效的访问令牌'),
            ),
          );
        }
        return accept(
          signed(nodeNameOf(method), {
            code: '10000',
            msg: 'Success',
            ...user,
            avatar: 'https://tfs.alipayobjects.com/images/partner/sandbox',
            nick_name: '沙箱用户',
            province: '浙江省',
            city: '杭州市',
            gender: 'F',
          }),
        );
      }
      return refuse(
        'isv.invalid-method',
        signed('error_response', failure('40002', 'isv.invalid-method', '不存在的方法名')),
      );
    });
  },
  config: (baseUrl) => ({ ...validConfig, alipayPublicKey, endpoint: baseUrl }),
  scenarios: [
    {
      name: 'login: alipay:// descriptor, the Alipay app, token, profile (verified answers)',
      run: viaAlipayApp('demo-state-1'),
      expect: 'success',
    },
    {
      name: 'login with the signed auth info string (Alipay SDK authV2), certificate mode',
      config: (baseUrl) => ({
        ...certificateConfig,
        authorizationMode: 'authInfo',
        pid: '2088123456789012',
        endpoint: baseUrl,
      }),
      run: async (connector, config) => {
        const info = await connector.getAuthorizationUri!(
          { ...authorizationRequest, state: 'demo-state-2' },
          async () => {},
        );
        const reply = await fetch(`${String(config.endpoint)}/app/auth-v2`, {
          method: 'POST',
          body: info,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        const { result = '' } = (await reply.json()) as { result?: string };
        return connector.getUserInfo!(
          { auth_code: new URLSearchParams(result).get('auth_code') },
          async () => ({}),
        );
      },
      expect: 'success',
    },
    {
      name: 'login in certificate mode after Alipay renewed its certificate (downloaded, checked against the root)',
      config: (baseUrl) => ({ ...certificateConfig, endpoint: `${baseUrl}${rotatedPrefix}` }),
      run: viaAlipayApp('demo-state-3'),
      expect: 'success',
    },
    {
      name: 'auth code Alipay never issued',
      run: (connector) => connector.getUserInfo!({ auth_code: 'made-up-code' }, async () => ({})),
      expect: 'social_auth_code_invalid',
    },
    {
      name: 'private key that does not match the uploaded app public key',
      config: (baseUrl) => ({
        ...validConfig,
        privateKey: alipayPrivateKey,
        alipayPublicKey,
        endpoint: baseUrl,
      }),
      run: (connector) => connector.getUserInfo!({ auth_code: 'any' }, async () => ({})),
      expect: 'invalid_config',
    },
    ...(
      [
        ['a load balancer’s 502 HTML page', awkwardAuthCodes.badGateway, 'general'],
        ['a load balancer’s 504 HTML page', awkwardAuthCodes.gatewayTimeout, 'general'],
        ['a plain-text 200 body', awkwardAuthCodes.plainText, 'invalid_response'],
        ['an empty 200 body', awkwardAuthCodes.emptyBody, 'invalid_response'],
      ] as const
    ).map(([name, code, expected]) => ({
      name: `token call answered with ${name}`,
      run: (connector: SandboxConnector) =>
        connector.getUserInfo!({ auth_code: code }, async () => ({})),
      expect: expected,
    })),
  ],
});
