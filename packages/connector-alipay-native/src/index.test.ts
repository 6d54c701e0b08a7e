import { createPrivateKey, createPublicKey, createSign, createVerify } from 'node:crypto';

import type { ConnectorErrorCodes } from '@logto/connector-kit';
import { ConnectorError } from '@logto/connector-kit';
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import {
  certificateConfig,
  testCertificateSns,
  validConfig,
  verifiedConfig,
} from './__fixtures__/configs.js';
import { interceptMethod } from './__fixtures__/gateway.js';
import {
  alipayPublicCertificate,
  appCertificate,
  appPrivateKey,
  appPublicKey,
  chainedAlipayCertificate,
  expiredAlipayCertificate,
  rootBundle,
  rotatedAlipayCertificate,
  rotatedAlipayPrivateKey,
  tamperedAlipayCertificate,
  unrelatedAlipayCertificate,
} from './__fixtures__/keys.js';
import {
  body,
  codeInvalidBody,
  codeInvalidNode,
  inGbk,
  tokenBody,
  tokenNode,
  tokenSign,
  tokenSignRotated,
  userBody,
  userNode,
  userSign,
  userSignRotated,
  userSignUnescaped,
} from './__fixtures__/responses.js';
import { clock } from './rotation.js';
import createConnector from './index.js';
import { signContent } from './signing.js';

const token = 'alipay.system.oauth.token';
const userInfo = 'alipay.user.info.share';
const certificateDownload = 'alipay.open.app.alipaycert.download';
const tokenName = 'alipay_system_oauth_token_response';
const userName = 'alipay_user_info_share_response';
const accessToken = 'authusrB4c1e2f6d3a7b48e9a0c5d6e7f8091a2b';
const secrets = [appPrivateKey, accessToken, 'auth-code-1'];

const getSession = async () => ({});
const login = async (
  config: Record<string, unknown>,
  data: unknown = { auth_code: 'auth-code-1' },
) => {
  const connector = await buildConnector(createConnector, config);
  return connector.getUserInfo(data, getSession);
};
const authorizationUri = async (config: Record<string, unknown>, state = 'state-7f3a9c') => {
  const connector = await buildConnector(createConnector, config);
  return connector.getAuthorizationUri(
    {
      state,
      redirectUri: 'https://app.example.com/callback',
      connectorId: 'c1',
      connectorFactoryId: 'switchboard-alipay-native',
      jti: 'j',
      headers: {},
    },
    async () => {},
  );
};
const expectFailure = async (call: () => Promise<unknown>, code: `${ConnectorErrorCodes}`) => {
  const error = await failureOf(call);
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ code });
  expect(findSecrets(error, secrets)).toEqual([]);
  return error as ConnectorError;
};
const verifiesWithAppKey = (parameters: Record<string, string>) =>
  createVerify('RSA-SHA256')
    .update(signContent(parameters), 'utf8')
    .verify(createPublicKey(appPublicKey), parameters.sign ?? '', 'base64');

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('getAuthorizationUri', () => {
  it('returns alipay://?app_id&state for Logto’s plugins, reading the stored config', async () => {
    const getConfig = vi.fn(async () => validConfig);
    const connector = await createConnector({ getConfig });
    const uri = await connector.getAuthorizationUri(
      {
        state: 'dummy-state',
        redirectUri: 'x',
        connectorId: 'c',
        connectorFactoryId: 'f',
        jti: 'j',
        headers: {},
      },
      async () => {},
    );
    expect(uri).toBe('alipay://?app_id=2021000000000001&state=dummy-state');
    expect(getConfig).toHaveBeenCalledWith('switchboard-alipay-native');
    // The management API checks this route's answer with z.string().url().
    expect(z.string().url().safeParse(uri).success).toBe(true);
  });

  it('returns the signed auth info string in authInfo mode', async () => {
    const info = await authorizationUri({
      ...validConfig,
      authorizationMode: 'authInfo',
      pid: '2088123456789012',
    });
    const fields = Object.fromEntries(new URLSearchParams(info));
    expect(fields).toMatchObject({
      apiname: 'com.alipay.account.auth',
      method: 'alipay.open.auth.sdk.code.get',
      app_id: '2021000000000001',
      app_name: 'mc',
      biz_type: 'openservice',
      pid: '2088123456789012',
      product_id: 'APP_FAST_LOGIN',
      scope: 'kuaijie',
      target_id: 'state-7f3a9c',
      auth_type: 'AUTHACCOUNT',
      sign_type: 'RSA2',
    });
    expect(verifiesWithAppKey(fields)).toBe(true);
    // Not a URL: the management API's test route would refuse it (documented in the README).
    expect(z.string().url().safeParse(info).success).toBe(false);
  });

  it('uses a random target_id when the state has characters Alipay does not take', async () => {
    const config = { ...validConfig, authorizationMode: 'authInfo', pid: '2088123456789012' };
    const first = new URLSearchParams(await authorizationUri(config, 'a b/c')).get('target_id');
    const second = new URLSearchParams(await authorizationUri(config, 'a b/c')).get('target_id');
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
  });

  it('needs the partner ID for the auth info string', async () => {
    const error = await expectFailure(
      () => authorizationUri({ ...validConfig, authorizationMode: 'authInfo' }),
      'invalid_config',
    );
    expect(error.data).toMatchObject({ message: expect.stringContaining('pid') });
  });
});

describe('getUserInfo', () => {
  it('exchanges the auth code, then reads the profile, each signed with only documented parameters', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-08-17T10:30:00Z'));
    const tokenCall = interceptMethod(token, tokenBody);
    const userCall = interceptMethod(userInfo, userBody);

    const user = await login(validConfig);

    expect(tokenCall.query).toEqual({
      app_id: '2021000000000001',
      method: token,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2024-08-17 18:30:00',
      version: '1.0',
      sign: expect.any(String),
    });
    expect(tokenCall.form).toEqual({ grant_type: 'authorization_code', code: 'auth-code-1' });
    expect(verifiesWithAppKey({ ...tokenCall.query, ...tokenCall.form })).toBe(true);

    expect(userCall.query).toEqual({
      app_id: '2021000000000001',
      method: userInfo,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2024-08-17 18:30:00',
      version: '1.0',
      auth_token: accessToken,
      sign: expect.any(String),
    });
    expect(userCall.form).toEqual({});
    expect(verifiesWithAppKey(userCall.query!)).toBe(true);

    expect(user).toEqual({
      id: '2088102104794936',
      name: '沙箱测试',
      avatar: 'https://tfs.alipayobjects.com/images/partner/T1k0xiXXRnXXXXXXXX',
      rawData: JSON.parse(userBody),
    });
  });

  it('signs RSA (SHA1) when signType is RSA', async () => {
    const tokenCall = interceptMethod(token, tokenBody);
    interceptMethod(userInfo, userBody);
    await login({ ...validConfig, signType: 'RSA' });
    expect(tokenCall.query?.sign_type).toBe('RSA');
    const parameters = { ...tokenCall.query, ...tokenCall.form };
    expect(
      createVerify('RSA-SHA1')
        .update(signContent(parameters))
        .verify(createPublicKey(appPublicKey), parameters.sign!, 'base64'),
    ).toBe(true);
  });

  it('accepts the private key as bare base64, as PEM with literal \\n and as PEM pasted into a single-line field', async () => {
    const bare = appPrivateKey
      .split('\n')
      .filter((line) => !line.startsWith('-----'))
      .join('');
    for (const privateKey of [
      bare,
      appPrivateKey.replaceAll('\n', '\\n'),
      // A browser's single-line input drops the line breaks of a pasted PEM.
      appPrivateKey.replaceAll('\n', ''),
      appPrivateKey.trim().replaceAll('\n', ' '),
    ]) {
      const tokenCall = interceptMethod(token, tokenBody);
      interceptMethod(userInfo, userBody);
      await expect(login({ ...validConfig, privateKey })).resolves.toMatchObject({
        id: '2088102104794936',
      });
      expect(verifiesWithAppKey({ ...tokenCall.query, ...tokenCall.form })).toBe(true);
    }
  });

  it('rejects a malformed private key as invalid_config before any request', async () => {
    const error = await expectFailure(
      () =>
        login({
          ...validConfig,
          privateKey: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----',
        }),
      'invalid_config',
    );
    expect(error.data).toMatchObject({ message: expect.stringContaining('privateKey') });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('falls back on open_id for apps in OpenID mode', async () => {
    interceptMethod(
      token,
      body(
        '{"access_token":"t-1","open_id":"074aOPEN","expires_in":1296000}',
        tokenName,
        'unverified',
      ),
    );
    interceptMethod(
      userInfo,
      body(
        '{"code":"10000","msg":"Success","open_id":"074aOPEN","nick_name":"N"}',
        userName,
        'unverified',
      ),
    );
    await expect(login(validConfig)).resolves.toMatchObject({ id: '074aOPEN', name: 'N' });
  });

  it('uses open_id when told to, and fails clearly when the chosen field is missing', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(userInfo, userBody);
    await expect(login({ ...validConfig, userIdField: 'open_id' })).resolves.toMatchObject({
      id: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5',
    });
    interceptMethod(token, body('{"access_token":"t-1","open_id":"074aOPEN"}', tokenName, 'x'));
    interceptMethod(
      userInfo,
      body('{"code":"10000","msg":"Success","open_id":"074aOPEN"}', userName, 'x'),
    );
    const error = await expectFailure(
      () => login({ ...validConfig, userIdField: 'user_id' }),
      'invalid_response',
    );
    expect(error.data).toMatchObject({ message: expect.stringContaining('user_id') });
  });

  it.each([[{}], [{ auth_code: '' }], [{ code: 'x' }], [null], ['auth-code']])(
    'asks for the auth_code when the app sends %j',
    async (data) => {
      const error = await expectFailure(
        () => login(validConfig, data),
        'invalid_request_parameters',
      );
      expect(error.data).toMatchObject({ message: expect.stringContaining('auth_code') });
    },
  );

  it('maps an invalid or used auth code to social_auth_code_invalid', async () => {
    interceptMethod(token, codeInvalidBody);
    const error = await expectFailure(() => login(validConfig), 'social_auth_code_invalid');
    expect(error.data).toMatchObject({
      provider: 'alipay',
      code: '40002',
      details: {
        sub_code: 'isv.code-invalid',
        sub_msg: '授权码code无效',
        msg: 'Invalid Arguments',
      },
    });
  });

  it('maps 20001 on the profile call to social_invalid_access_token', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(
      userInfo,
      body(
        '{"code":"20001","msg":"Insufficient Token Permissions","sub_code":"aop.invalid-auth-token","sub_msg":"无效的访问令牌"}',
        userName,
        'x',
      ),
    );
    const error = await expectFailure(() => login(validConfig), 'social_invalid_access_token');
    expect(error.data).toMatchObject({
      code: '20001',
      details: { sub_code: 'aop.invalid-auth-token' },
    });
  });

  it('keeps code, sub_code and sub_msg of other failures', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(
      userInfo,
      body(
        '{"code":"40004","msg":"Business Failed","sub_code":"isv.user-not-exist","sub_msg":"用户不存在"}',
        userName,
        'x',
      ),
    );
    const error = await expectFailure(() => login(validConfig), 'general');
    expect(error.data).toEqual({
      provider: 'alipay',
      code: '40004',
      message: '用户不存在',
      details: {
        method: userInfo,
        msg: 'Business Failed',
        sub_code: 'isv.user-not-exist',
        sub_msg: '用户不存在',
      },
    });
  });

  it('redacts the access token Alipay echoes in a signature error', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(
      userInfo,
      body(
        `{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature","sub_msg":"验签出错，网关生成的验签字符串为：app_id=2021000000000001&auth_token=${accessToken}&charset=utf-8"}`,
        userName,
        'x',
      ),
    );
    const error = await expectFailure(() => login(validConfig), 'invalid_config');
    expect(JSON.stringify(error.data)).toContain('[redacted]');
  });

  it.each([
    ['a body that is not JSON', 200, 'upstream says no'],
    ['a body without the method’s node', 200, '{"sign":"x"}'],
    ['a success without sign', 200, body(tokenNode, tokenName)],
    ['a token answer without access_token', 200, body('{"user_id":"2088"}', tokenName, 'x')],
  ])('turns %s into invalid_response', async (_name, status, reply) => {
    interceptMethod(token, reply, { status });
    await expectFailure(() => login(validConfig), 'invalid_response');
  });

  it('maps HTTP errors with their status', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(userInfo, '<html>bad gateway</html>', { status: 502 });
    const error = await expectFailure(() => login(validConfig), 'general');
    expect(error.data).toMatchObject({ status: 502 });
  });

  it('calls the sandbox gateway, or the endpoint override', async () => {
    interceptMethod(token, tokenBody, { host: 'https://openapi-sandbox.dl.alipaydev.com' });
    interceptMethod(userInfo, userBody, { host: 'https://openapi-sandbox.dl.alipaydev.com' });
    await expect(login({ ...validConfig, gateway: 'sandbox' })).resolves.toBeDefined();
    interceptMethod(token, tokenBody, { host: 'https://alipay-proxy.example.com' });
    interceptMethod(userInfo, userBody, { host: 'https://alipay-proxy.example.com' });
    await expect(
      login({ ...validConfig, endpoint: 'https://alipay-proxy.example.com/' }),
    ).resolves.toBeDefined();
  });

  it.each([
    ['', undefined, 'https://openapi.alipay.com'],
    ['  ', undefined, 'https://openapi.alipay.com'],
    ['', 'sandbox', 'https://openapi-sandbox.dl.alipaydev.com'],
  ])(
    'takes a blank endpoint (%j) as unset: gateway %s goes to %s',
    async (endpoint, gateway, host) => {
      // The Console stores "" after an administrator clears the field.
      const seenToken = interceptMethod(token, tokenBody, { host });
      const seenUser = interceptMethod(userInfo, userBody, { host });
      await expect(
        login({ ...validConfig, endpoint, ...(gateway ? { gateway } : {}) }),
      ).resolves.toMatchObject({ id: '2088102104794936' });
      expect(seenToken.query?.method).toBe(token);
      expect(seenUser.query?.method).toBe(userInfo);
      expect(nock.isDone()).toBe(true);
    },
  );

  it('refuses a plain-http endpoint that is not loopback', async () => {
    await expectFailure(
      () => login({ ...validConfig, endpoint: 'http://alipay-proxy.example.com' }),
      'invalid_config',
    );
  });
});

describe('verified answers (alipayPublicKey)', () => {
  it('accepts answers whose sign verifies over the raw node', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(userInfo, userBody);
    await expect(login(verifiedConfig)).resolves.toMatchObject({ id: '2088102104794936' });
  });

  it('accepts a signed error and maps it', async () => {
    interceptMethod(token, codeInvalidBody);
    await expectFailure(() => login(verifiedConfig), 'social_auth_code_invalid');
  });

  it.each([
    ['a changed profile', body(userNode.replace('沙箱测试', '攻击者'), userName, userSign)],
    ['another node’s signature', body(userNode, userName, tokenSign)],
    ['a missing sign', body(userNode, userName)],
    ['a signature that is not base64', body(userNode, userName, '%%%')],
  ])('rejects %s as invalid_response', async (_name, reply) => {
    interceptMethod(token, tokenBody);
    interceptMethod(userInfo, reply);
    const error = await expectFailure(() => login(verifiedConfig), 'invalid_response');
    expect(error.data).toMatchObject({
      message: expect.stringMatching(/not signed|does not verify/),
    });
  });

  // Alipay's gateway answers these unsigned (https://opendocs.alipay.com/common/02km9f); its SDKs
  // verify a failure only when it carries a sign. Bodies as Alipay writes them.
  it.each([
    [
      'isv.invalid-app-id',
      '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id","sub_msg":"无效的AppID参数"}}',
      'invalid_config',
      '无效的AppID参数 (check appId and that the environment (production or sandbox) matches the app)',
    ],
    [
      'isv.missing-signature-config',
      '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.missing-signature-config","sub_msg":"验签出错，未配置对应签名算法的公钥或者证书"}}',
      'invalid_config',
      '验签出错，未配置对应签名算法的公钥或者证书 (upload the app public key or certificate for this signing algorithm in the Alipay console)',
    ],
    [
      'isv.code-invalid',
      '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"}}',
      'social_auth_code_invalid',
      '授权码code无效 (the auth code is wrong, expired or was already used; sign in again)',
    ],
  ] as const)(
    'maps an unsigned %s failure by its code, in public-key and certificate mode',
    async (subCode, reply, expected, message) => {
      for (const config of [verifiedConfig, certificateConfig]) {
        interceptMethod(token, reply);
        const error = await expectFailure(() => login(config), expected);
        expect(error.data).toMatchObject({
          provider: 'alipay',
          code: '40002',
          message,
          details: { method: token, msg: 'Invalid Arguments', sub_code: subCode },
        });
      }
    },
  );

  it('still rejects a failure whose sign does not verify', async () => {
    interceptMethod(token, body(codeInvalidNode, 'error_response', userSign));
    const error = await expectFailure(() => login(verifiedConfig), 'invalid_response');
    expect(error.data).toMatchObject({ message: expect.stringContaining('does not verify') });
  });

  it('still rejects an unsigned success in certificate mode', async () => {
    interceptMethod(
      token,
      body(tokenNode, tokenName, undefined, `,"alipay_cert_sn":"${testCertificateSns.alipay}"`),
    );
    const error = await expectFailure(() => login(certificateConfig), 'invalid_response');
    expect(error.data).toMatchObject({ message: expect.stringContaining('not signed') });
  });

  it('rejects a malformed Alipay public key as invalid_config', async () => {
    await expectFailure(
      () => login({ ...validConfig, alipayPublicKey: 'MIIBIjAN-not-a-key' }),
      'invalid_config',
    );
  });
});

describe('certificate mode', () => {
  it('sends app_cert_sn and alipay_root_cert_sn, signed, and verifies with the Alipay certificate', async () => {
    const tokenCall = interceptMethod(
      token,
      body(tokenNode, tokenName, tokenSign, `,"alipay_cert_sn":"${testCertificateSns.alipay}"`),
    );
    const userCall = interceptMethod(userInfo, userBody);
    await expect(login(certificateConfig)).resolves.toMatchObject({ id: '2088102104794936' });
    for (const call of [tokenCall, userCall]) {
      expect(call.query).toMatchObject({
        app_cert_sn: testCertificateSns.app,
        alipay_root_cert_sn: testCertificateSns.root,
      });
      expect(verifiesWithAppKey({ ...call.query, ...call.form })).toBe(true);
    }
  });

  it('says when Alipay signed with a certificate other than the configured one', async () => {
    interceptMethod(
      token,
      body(tokenNode, tokenName, userSign, ',"alipay_cert_sn":"0123456789abcdef0123456789abcdef"'),
    );
    // The connector asks for that certificate; here the gateway refuses to hand it out.
    interceptMethod(
      certificateDownload,
      '{"error_response":{"code":"40006","msg":"Insufficient Permissions","sub_code":"isv.insufficient-isv-permissions","sub_msg":"ISV权限不足"}}',
    );
    const error = await expectFailure(() => login(certificateConfig), 'invalid_response');
    expect(error.data).toMatchObject({
      message: expect.stringContaining('0123456789abcdef0123456789abcdef'),
    });
    expect(error.data).toMatchObject({
      message: expect.stringContaining(
        'alipay.open.app.alipaycert.download failed (40006 isv.insufficient-isv-permissions ISV权限不足)',
      ),
    });
  });

  it.each([
    ['a missing root certificate', { alipayRootCertificate: '' }, 'alipayRootCertificate'],
    [
      'an app certificate for another key',
      { appCertificate: alipayPublicCertificate },
      'privateKey',
    ],
    [
      'a root bundle without RSA roots',
      {
        alipayRootCertificate:
          rootBundle.split('-----END CERTIFICATE-----\n')[1] + '-----END CERTIFICATE-----',
      },
      'RSA root',
    ],
    [
      'a certificate that is not PEM',
      { alipayPublicCertificate: 'hello' },
      'alipayPublicCertificate',
    ],
    [
      'a root bundle of nine certificates',
      { alipayRootCertificate: `${rootBundle}\n${rootBundle}\n${rootBundle}` },
      'alipayRootCertificate holds more than 8 certificates',
    ],
    [
      'a root bundle larger than 64 KiB',
      { alipayRootCertificate: `${rootBundle}\n${' '.repeat(64 * 1024)}\n${rootBundle}` },
      'alipayRootCertificate is larger than 64 KiB',
    ],
  ])('rejects %s as invalid_config before any request', async (_name, change, mention) => {
    const error = await expectFailure(
      () => login({ ...certificateConfig, ...change }),
      'invalid_config',
    );
    expect(error.data).toMatchObject({ message: expect.stringContaining(mention) });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('certificate rotation (alipay.open.app.alipaycert.download)', () => {
  const certSn = (sn: string) => `,"alipay_cert_sn":"${sn}"`;
  /** The download answer as Alipay documents it: the certificate's PEM, base64, in alipay_cert_content. */
  const downloadAnswer = (pem: string, sn = testCertificateSns.rotated) => {
    const node = `{"code":"10000","msg":"Success","alipay_cert_content":"${Buffer.from(pem).toString('base64')}"}`;
    const sign = createSign('RSA-SHA256')
      .update(node)
      .sign(createPrivateKey(rotatedAlipayPrivateKey), 'base64');
    return body(node, 'alipay_open_app_alipaycert_download_response', sign, certSn(sn));
  };

  it('downloads the certificate an answer names, trusts it through the root, and signs in', async () => {
    const tokenCall = interceptMethod(
      token,
      body(tokenNode, tokenName, tokenSignRotated, certSn(testCertificateSns.rotated)),
    );
    const download = interceptMethod(certificateDownload, downloadAnswer(rotatedAlipayCertificate));
    const userCall = interceptMethod(
      userInfo,
      body(userNode, userName, userSignRotated, certSn(testCertificateSns.rotated)),
    );

    await expect(login(certificateConfig)).resolves.toMatchObject({
      id: '2088102104794936',
      name: '沙箱测试',
    });

    expect(download.query).toMatchObject({
      app_id: '2021000000000001',
      method: 'alipay.open.app.alipaycert.download',
      app_cert_sn: testCertificateSns.app,
      alipay_root_cert_sn: testCertificateSns.root,
    });
    expect(download.form).toEqual({
      biz_content: '{"alipay_cert_sn":"f0a84deab02c3da7ae0374089925dee1"}',
    });
    expect(verifiesWithAppKey({ ...download.query, ...download.form })).toBe(true);
    expect(tokenCall.query?.method).toBe(token);
    expect(userCall.query?.method).toBe(userInfo);
    // One download for both answers, none for the next sign-in: the certificate is kept.
    expect(nock.pendingMocks()).toEqual([]);
    interceptMethod(
      token,
      body(tokenNode, tokenName, tokenSignRotated, certSn(testCertificateSns.rotated)),
    );
    interceptMethod(
      userInfo,
      body(userNode, userName, userSignRotated, certSn(testCertificateSns.rotated)),
    );
    await expect(login(certificateConfig)).resolves.toMatchObject({ id: '2088102104794936' });

    // The kept certificate verifies: a signature made with the old key under its SN does not.
    interceptMethod(
      token,
      body(tokenNode, tokenName, tokenSign, certSn(testCertificateSns.rotated)),
    );
    const error = await expectFailure(() => login(certificateConfig), 'invalid_response');
    expect(error.data).toMatchObject({
      message: `Alipay's signature on the ${token} answer does not verify with the Alipay certificate f0a84deab02c3da7ae0374089925dee1 (downloaded)`,
    });
  });

  it('follows the chain when the download holds an intermediate CA certificate', async () => {
    interceptMethod(
      token,
      body(tokenNode, tokenName, tokenSignRotated, certSn(testCertificateSns.chained)),
    );
    interceptMethod(
      certificateDownload,
      downloadAnswer(chainedAlipayCertificate, testCertificateSns.chained),
    );
    interceptMethod(
      userInfo,
      body(userNode, userName, userSignRotated, certSn(testCertificateSns.chained)),
    );
    await expect(login(certificateConfig)).resolves.toMatchObject({ id: '2088102104794936' });
  });

  it.each([
    [
      'issued by a CA outside alipayRootCertificate',
      unrelatedAlipayCertificate,
      testCertificateSns.unrelated,
      '"Switchboard Fake Alipay" is not issued by a certificate of alipayRootCertificate (its issuer is "Unrelated Test Root")',
    ],
    [
      'expired',
      expiredAlipayCertificate,
      testCertificateSns.expired,
      '"Switchboard Fake Alipay" expired on 2021-01-01T00:00:00.000Z',
    ],
    [
      'altered after it was issued',
      tamperedAlipayCertificate,
      testCertificateSns.tampered,
      'the signature of "Switchboard Test Root CA R1" on "Switchboard Fake Alipay" does not verify: the certificate was altered',
    ],
    [
      'another SN than the one asked for',
      rotatedAlipayCertificate,
      '5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e',
      'its SN is f0a84deab02c3da7ae0374089925dee1, not 5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e',
    ],
    [
      'issued to someone else (an app certificate also chains to the root)',
      appCertificate,
      testCertificateSns.app,
      'it is issued to "2021000000000001", not to "Switchboard Fake Alipay" like the configured Alipay certificate',
    ],
  ])(
    'refuses a downloaded certificate %s, and remembers the refusal for 10 minutes',
    async (_name, pem, sn, problem) => {
      const start = Date.parse('2026-03-04T05:06:07Z');
      const now = vi.spyOn(clock, 'now').mockReturnValue(start);
      const message = (why: string) =>
        `Alipay signed with certificate ${sn}, not the configured ${testCertificateSns.alipay}, and the downloaded certificate is refused: ${why}: download the current Alipay public key certificate (and root certificate) from the Alipay console`;
      const attempt = async (downloads: boolean, why: string) => {
        interceptMethod(token, body(tokenNode, tokenName, tokenSignRotated, certSn(sn)));
        const download = downloads
          ? interceptMethod(certificateDownload, downloadAnswer(pem, sn))
          : undefined;
        const error = await expectFailure(() => login(certificateConfig), 'invalid_response');
        expect(error.data).toMatchObject({ provider: 'alipay', message: message(why) });
        if (download) expect(download.form).toEqual({ biz_content: `{"alipay_cert_sn":"${sn}"}` });
        expect(nock.pendingMocks()).toEqual([]);
      };
      await attempt(true, problem);
      // Within 10 minutes, the same SN is refused without a download (nock allows none).
      now.mockReturnValue(start + 10 * 60 * 1000 - 1);
      await attempt(
        false,
        `${problem} (refused less than 10 minutes ago: not downloaded again yet)`,
      );
      // Then it is asked for again.
      now.mockReturnValue(start + 10 * 60 * 1000);
      await attempt(true, problem);
    },
  );

  it.each([
    [
      'text of 720 KiB full of BEGIN markers',
      '-----BEGIN CERTIFICATE-----\n'.repeat(Math.ceil((720 * 1024) / 28)),
      '6b1d6b1d6b1d6b1d6b1d6b1d6b1d6b1d',
      'it is larger than 64 KiB, more than any certificate chain',
    ],
    [
      'nine certificates',
      [
        rotatedAlipayCertificate,
        ...Array.from(
          { length: 8 },
          () => rootBundle.split('\n-----END')[0] + '\n-----END CERTIFICATE-----',
        ),
      ].join('\n'),
      '9c1d9c1d9c1d9c1d9c1d9c1d9c1d9c1d',
      'it holds more than 8 certificates',
    ],
    [
      'a BEGIN line without its END line',
      rotatedAlipayCertificate.replace('-----END CERTIFICATE-----', ''),
      '0e1d0e1d0e1d0e1d0e1d0e1d0e1d0e1d',
      'it holds a certificate whose body is not base64 or has no -----END CERTIFICATE----- line after it',
    ],
  ])(
    'refuses a download of %s before reading any certificate in it',
    async (_name, pem, sn, problem) => {
      interceptMethod(token, body(tokenNode, tokenName, tokenSignRotated, certSn(sn)));
      interceptMethod(certificateDownload, downloadAnswer(pem, sn));
      const error = await expectFailure(() => login(certificateConfig), 'invalid_response');
      expect(error.data).toMatchObject({
        message: `Alipay signed with certificate ${sn}, not the configured ${testCertificateSns.alipay}, and the downloaded certificate is refused: ${problem}: download the current Alipay public key certificate (and root certificate) from the Alipay console`,
      });
      expect(nock.pendingMocks()).toEqual([]);
    },
  );

  it('remembers the last 32 refused SNs: the oldest is asked for again after 32 others', async () => {
    vi.spyOn(clock, 'now').mockReturnValue(Date.parse('2026-03-04T05:06:07Z'));
    const sns = Array.from({ length: 33 }, (_, index) => `a11ce${String(index).padStart(27, '0')}`);
    const refusedLogin = async (sn: string, downloads: boolean) => {
      interceptMethod(token, body(tokenNode, tokenName, tokenSignRotated, certSn(sn)));
      if (downloads) {
        interceptMethod(
          certificateDownload,
          '{"error_response":{"code":"40004","msg":"Business Failed","sub_code":"isv.cert-not-exist","sub_msg":"no such certificate"}}',
        );
      }
      await expectFailure(() => login(certificateConfig), 'invalid_response');
      expect(nock.pendingMocks()).toEqual([]);
    };
    for (const sn of sns.slice(0, 32)) await refusedLogin(sn, true);
    // All 32 remembered: the first is refused without a download.
    await refusedLogin(sns[0] ?? '', false);
    // A 33rd pushes out the oldest, the first: it is asked for again, and pushes out the second.
    await refusedLogin(sns[32] ?? '', true);
    await refusedLogin(sns[0] ?? '', true);
    await refusedLogin(sns[2] ?? '', false);
    await refusedLogin(sns[1] ?? '', true);
  });

  it('never downloads in public-key mode', async () => {
    interceptMethod(
      token,
      body(tokenNode, tokenName, tokenSign, certSn(testCertificateSns.rotated)),
    );
    interceptMethod(userInfo, userBody);
    await expect(login(verifiedConfig)).resolves.toMatchObject({ id: '2088102104794936' });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('charsets and escaped slashes', () => {
  const gbk = { contentType: 'text/html;charset=GBK' };

  it('verifies a GBK answer over the text as decoded, and reads its Chinese', async () => {
    const bytes = inGbk(userBody);
    // 沙箱测试 in GBK, not in UTF-8 (e6b299…).
    expect(bytes.includes(Buffer.from('c9b3cfe4b2e2cad4', 'hex'))).toBe(true);
    expect(bytes.includes(Buffer.from('沙箱测试'))).toBe(false);
    interceptMethod(token, tokenBody);
    interceptMethod(userInfo, bytes, gbk);
    const user = await login(verifiedConfig);
    expect(user).toMatchObject({ id: '2088102104794936', name: '沙箱测试' });
    expect(user.rawData).toMatchObject({
      [userName]: { province: '安徽省', city: '安庆' },
    });
  });

  it('keeps the sub_msg of a GBK error readable, signed or not', async () => {
    interceptMethod(token, inGbk(codeInvalidBody), gbk);
    const signed = await expectFailure(() => login(verifiedConfig), 'social_auth_code_invalid');
    expect(signed.data).toMatchObject({ details: { sub_msg: '授权码code无效' } });

    interceptMethod(
      token,
      inGbk(
        '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id","sub_msg":"无效的AppID参数"}}',
      ),
      gbk,
    );
    const unsigned = await expectFailure(() => login(verifiedConfig), 'invalid_config');
    expect(unsigned.data).toMatchObject({
      message: expect.stringMatching(/^无效的AppID参数 \(check appId/),
      details: { sub_msg: '无效的AppID参数' },
    });
  });

  it('accepts a node Alipay signed with its slashes unescaped', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(userInfo, body(userNode, userName, userSignUnescaped));
    await expect(login(verifiedConfig)).resolves.toMatchObject({
      avatar: 'https://tfs.alipayobjects.com/images/partner/T1k0xiXXRnXXXXXXXX',
    });
  });

  it('still refuses a changed node, escaped or not', async () => {
    interceptMethod(token, tokenBody);
    interceptMethod(
      userInfo,
      body(userNode.replace('T1k0xiXXRnXXXXXXXX', 'T1evil'), userName, userSignUnescaped),
    );
    const error = await expectFailure(() => login(verifiedConfig), 'invalid_response');
    expect(error.data).toMatchObject({ message: expect.stringContaining('does not verify') });
  });
});

describe('secrets', () => {
  it('never shows the private key, auth code or access token in any error', async () => {
    const errors: unknown[] = [];
    errors.push(
      await failureOf(() => login({ ...validConfig, privateKey: `${appPrivateKey}broken` })),
    );
    interceptMethod(token, codeInvalidBody);
    errors.push(await failureOf(() => login(validConfig)));
    interceptMethod(token, tokenBody);
    interceptMethod(userInfo, '{', { status: 500 });
    errors.push(await failureOf(() => login(validConfig)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect(findSecrets(error, secrets)).toEqual([]);
    }
  });

  it('asks for the private key in a single-line confidential field, the only kind the Console masks', async () => {
    const connector = await buildConnector(createConnector);
    const item = connector.metadata.formItems?.find((formItem) => formItem.key === 'privateKey');
    expect(item).toMatchObject({ type: 'Text', isConfidential: true, required: true });
    expect(connector.metadata).toMatchObject({
      id: 'switchboard-alipay-native',
      target: 'alipay',
      platform: 'Native',
    });
  });
});

describe('the Console description', () => {
  it('says first that answers are unverified without the Alipay public key or certificate mode', async () => {
    const connector = await buildConnector(createConnector);
    const { description } = connector.metadata;
    expect(description.en).toMatch(
      /^Important: set the Alipay public key or use certificate mode, or Alipay’s answers are not verified\. /,
    );
    expect(description['zh-CN']).toMatch(
      /^重要：请配置支付宝公钥或使用证书模式，否则支付宝的响应不会被验签。/,
    );
    expect(Object.keys(description).sort()).toEqual(Object.keys(connector.metadata.name).sort());
  });
});

describe('config', () => {
  it('accepts the official connector’s config unchanged', async () => {
    const connector = await buildConnector(createConnector);
    expect(
      connector.configGuard.safeParse({
        appId: '2021000000000000',
        privateKey: appPrivateKey,
        signType: 'RSA',
      }).success,
    ).toBe(true);
  });

  it.each([
    [{ appId: '20210000000000001' }, 'appId'],
    [{ signType: 'RSA3' }, 'signType'],
    [{ pid: '1234' }, 'pid'],
    [{ gateway: 'staging' }, 'gateway'],
    [{ signingMode: 'certificate' }, 'appCertificate'],
  ])('rejects %j', async (change, field) => {
    const connector = await buildConnector(createConnector);
    const result = connector.configGuard.safeParse({ ...validConfig, ...change });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(field);
  });
});
