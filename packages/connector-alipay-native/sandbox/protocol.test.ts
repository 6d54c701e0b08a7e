import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { testCertificateSns } from '../src/__fixtures__/configs.js';
import {
  alipayPrivateKey,
  alipayPublicCertificate,
  alipayPublicKey,
  appCertificate,
  appPublicKey,
  realAlipayRootBundle,
  rootBundle,
} from '../src/__fixtures__/keys.js';
import {
  codeInvalidNode,
  codeInvalidSign,
  tokenNode,
  tokenSign,
  userNode,
  userSignSha1,
} from '../src/__fixtures__/responses.js';
import {
  answerBody,
  beijingNow,
  certificateSnOf,
  certificatesOf,
  isRsaSigned,
  nodeNameOf,
  parseBeijing,
  rootCertificateSnOf,
  stringToSign,
  verifyRequest,
} from './protocol.js';

const appKey = createPublicKey(appPublicKey);
const gatewayKey = createPrivateKey(alipayPrivateKey);

// A certificate-mode profile request with a biz_content whose value holds `&`, `=`, a space, `/`
// and Chinese (values are signed as sent, not URL-encoded) and an empty notify_url (left out).
const parameters = {
  app_id: '2021000000000001',
  method: 'alipay.user.info.share',
  format: 'JSON',
  charset: 'utf-8',
  sign_type: 'RSA2',
  timestamp: '2025-01-02 03:04:05',
  version: '1.0',
  auth_token: 'authusrB0123456789abcdef0123456789abcdef',
  app_cert_sn: '63f839cd7e22f836ecd4c11bf04fbc6f',
  alipay_root_cert_sn: '7d8066652b6d2c593921b6afb5322782_a65eac0bfbe77a742533e14e74c36f83',
  biz_content: '{"note":"a&b=c 支付宝/ok"}',
  notify_url: '',
};
const expectedString =
  'alipay_root_cert_sn=7d8066652b6d2c593921b6afb5322782_a65eac0bfbe77a742533e14e74c36f83' +
  '&app_cert_sn=63f839cd7e22f836ecd4c11bf04fbc6f&app_id=2021000000000001' +
  '&auth_token=authusrB0123456789abcdef0123456789abcdef&biz_content={"note":"a&b=c 支付宝/ok"}' +
  '&charset=utf-8&format=JSON&method=alipay.user.info.share&sign_type=RSA2' +
  '&timestamp=2025-01-02 03:04:05&version=1.0';
// Made once, outside any code of this package, with `appPrivateKey` of __fixtures__/keys.ts:
//   printf '%s' "$expectedString" | openssl dgst -sha256 -sign app.key | base64 -w0   (-sha1 for RSA)
const opensslRsa2 =
  'hMZu2T/N4P0aDhTx7+WsPzwNEar+UJidpl09gTXPkCyECXsSg11RYrM/AxbJp/amA6SIBdQ6+1yLpXJJbB7UH403VaHQ2aZqkcWdEnlSQCjF1uPpes/CM9Bm/qjX/IYfKx559R2LTdISYGQqBn4PYxILL6RfrodjETvO7K3QB13eecBRgh8Dw9cjZk9LEfKWTTIC+syc/NaiqPU2Cb0Y82g8ZSONjdK727hOxJd4QorZ8/6COa65QQs2l5maCwUDueffNfBkUORqqpVl0bw9SrvteFGNIPa7n7ZDMPB+m3jb5LavkFBB9yYtz0ynPPlXy/DnYN87JsgzSIiPK+VOkg==';
/** The same request with sign_type=RSA, signed with -sha1. */
const opensslRsaSha1 =
  'Ak0C1xmGbBY6Q1GmIyxB7zNJe+e9UO49MvST04XC3axaEFvHspdkFM7+YXCxgxc+GfNmyqzXnd3I3W8kfJL/rokWjBbpXQ0YQq5UkXhBfFZZoCPINVxkRJWAjBBLmrCPiaeJbJbF372IHMS4Fr03KSMh2FsbGPJw8l+gkBEeKkGLq7pYXIXFRya+VdRCKYcb7r51TnNUQyd6NaN4iN4sH6mYakumzgNc/8LxjM7JH4SVFc5nR8Wj2VaGBhfU4DGzIQozCqCyGbpwBaOv2zezydsNcKGSPaWmQX9XZsBqwhxuEMpcDsWUWuyhdsZyLIeICcTEP8+wfBjMbwTBkSP2cA==';

describe('the fake’s request verifier (known answers from openssl)', () => {
  it('builds the string to sign: no sign, no empty value, ASCII order, values as sent', () => {
    expect(stringToSign(parameters)).toBe(expectedString);
    expect(stringToSign({ ...parameters, sign: opensslRsa2, return_url: undefined })).toBe(
      expectedString,
    );
  });

  it('accepts the request openssl signed, RSA2 and RSA', () => {
    expect(verifyRequest({ ...parameters, sign: opensslRsa2 }, appKey)).toBe(true);
    expect(verifyRequest({ ...parameters, sign_type: 'RSA', sign: opensslRsaSha1 }, appKey)).toBe(
      true,
    );
  });

  it.each([
    ['a changed value', { auth_token: 'authusrB0123456789abcdef0123456789abcdee' }],
    ['a parameter added', { scope: 'auth_user' }],
    ['a parameter dropped', { app_cert_sn: '' }],
    ['the value URL-encoded', { timestamp: '2025-01-02%2003%3A04%3A05' }],
    ['another digest named', { sign_type: 'RSA' }],
    ['an unknown sign_type', { sign_type: 'SM2' }],
    ['the signature changed', { sign: `A${opensslRsa2.slice(1)}` }],
    ['the RSA request’s signature', { sign: opensslRsaSha1 }],
    ['no signature', { sign: '' }],
  ])('rejects the request with %s', (_name, change) => {
    expect(verifyRequest({ ...parameters, sign: opensslRsa2, ...change }, appKey)).toBe(false);
  });

  it('rejects the genuine request with another public key', () => {
    expect(
      verifyRequest({ ...parameters, sign: opensslRsa2 }, createPublicKey(alipayPublicKey)),
    ).toBe(false);
  });
});

describe('the fake’s answers (openssl signatures of responses.ts)', () => {
  it('signs the exact node text like openssl, RSA2 and RSA', () => {
    expect(answerBody('alipay_system_oauth_token_response', tokenNode, gatewayKey, 'RSA2')).toBe(
      `{"alipay_system_oauth_token_response":${tokenNode},"sign":"${tokenSign}"}`,
    );
    expect(answerBody('error_response', codeInvalidNode, gatewayKey, 'RSA2')).toBe(
      `{"error_response":${codeInvalidNode},"sign":"${codeInvalidSign}"}`,
    );
    expect(answerBody('alipay_user_info_share_response', userNode, gatewayKey, 'RSA')).toBe(
      `{"alipay_user_info_share_response":${userNode},"sign":"${userSignSha1}"}`,
    );
  });

  it('adds alipay_cert_sn beside the node in certificate mode', () => {
    expect(answerBody('error_response', codeInvalidNode, gatewayKey, 'RSA2', 'sn-1')).toBe(
      `{"error_response":${codeInvalidNode},"sign":"${codeInvalidSign}","alipay_cert_sn":"sn-1"}`,
    );
  });

  it('names the node after the method', () => {
    expect(nodeNameOf('alipay.system.oauth.token')).toBe('alipay_system_oauth_token_response');
    expect(nodeNameOf('alipay.user.info.share')).toBe('alipay_user_info_share_response');
  });
});

describe('the fake’s certificate SNs', () => {
  // The test certificates' SNs were computed with openssl, bc and md5 (see __fixtures__/configs.ts).
  it('app_cert_sn and the Alipay certificate’s SN', () => {
    expect(certificateSnOf(new X509Certificate(appCertificate))).toBe(testCertificateSns.app);
    expect(certificateSnOf(new X509Certificate(alipayPublicCertificate))).toBe(
      testCertificateSns.alipay,
    );
  });

  it('alipay_root_cert_sn joins the RSA-signed roots and skips the ECDSA one', () => {
    expect(certificatesOf(rootBundle).map((certificate) => isRsaSigned(certificate))).toEqual([
      true,
      false,
      true,
    ]);
    expect(rootCertificateSnOf(rootBundle)).toBe(testCertificateSns.root);
  });

  it('gives the alipay_root_cert_sn Alipay documents for its published root bundle', () => {
    expect(rootCertificateSnOf(realAlipayRootBundle)).toBe(
      '687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6',
    );
  });
});

describe('the fake’s clock', () => {
  it('reads and writes Beijing time', () => {
    const instant = Date.UTC(2024, 7, 17, 10, 30, 0); // 2024-08-17 18:30:00 in Beijing
    expect(beijingNow(instant)).toBe('2024-08-17 18:30:00');
    expect(parseBeijing('2024-08-17 18:30:00')).toBe(instant);
    expect(parseBeijing('2024-08-17T10:30:00Z')).toBeNaN();
  });
});
