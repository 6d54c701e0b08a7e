import { createPublicKey, createVerify } from 'node:crypto';

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
  appPrivateKey,
  appPublicKey,
  rootBundle,
} from './__fixtures__/keys.js';
import {
  body,
  codeInvalidBody,
  codeInvalidNode,
  tokenBody,
  tokenNode,
  tokenSign,
  userBody,
  userNode,
  userSign,
} from './__fixtures__/responses.js';
import createConnector from './index.js';
import { signContent } from './signing.js';

const token = 'alipay.system.oauth.token';
const userInfo = 'alipay.user.info.share';
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

  it('accepts the private key as bare base64 and as PEM with literal \\n', async () => {
    const bare = appPrivateKey
      .split('\n')
      .filter((line) => !line.startsWith('-----'))
      .join('');
    for (const privateKey of [bare, appPrivateKey.replaceAll('\n', '\\n')]) {
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

  it('rejects an unsigned error, keeping what it said as unverified', async () => {
    interceptMethod(token, body(codeInvalidNode, 'error_response'));
    const error = await expectFailure(() => login(verifiedConfig), 'invalid_response');
    expect(error.data).toMatchObject({
      message: expect.stringContaining('unverified: 40002 isv.code-invalid'),
    });
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
    const error = await expectFailure(() => login(certificateConfig), 'invalid_response');
    expect(error.data).toMatchObject({
      message: expect.stringContaining('0123456789abcdef0123456789abcdef'),
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
  ])('rejects %s as invalid_config before any request', async (_name, change, mention) => {
    const error = await expectFailure(
      () => login({ ...certificateConfig, ...change }),
      'invalid_config',
    );
    expect(error.data).toMatchObject({ message: expect.stringContaining(mention) });
    expect(nock.pendingMocks()).toEqual([]);
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

  it('marks the private key confidential in the form', async () => {
    const connector = await buildConnector(createConnector);
    const item = connector.metadata.formItems?.find((formItem) => formItem.key === 'privateKey');
    expect(item).toMatchObject({ isConfidential: true, required: true });
    expect(connector.metadata).toMatchObject({
      id: 'switchboard-alipay-native',
      target: 'alipay',
      platform: 'Native',
    });
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
