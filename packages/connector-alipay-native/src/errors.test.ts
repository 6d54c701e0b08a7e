import { buildConnector, failureOf } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import { validConfig } from './__fixtures__/configs.js';
import { interceptMethod } from './__fixtures__/gateway.js';
import { body, tokenBody } from './__fixtures__/responses.js';
import { alipayCodeErrors, alipaySubCodeErrors } from './errors.js';
import createConnector from './index.js';

const login = async () =>
  (await buildConnector(createConnector, validConfig)).getUserInfo(
    { auth_code: 'c' },
    async () => ({}),
  );

const failureNode = (code: string, subCode?: string) =>
  JSON.stringify({
    code,
    msg: 'from Alipay',
    ...(subCode ? { sub_code: subCode, sub_msg: 'detail' } : {}),
  });

/** The token call fails at the gateway (error_response, as Alipay answers it). */
const tokenFails = (code: string, subCode?: string) => {
  interceptMethod(
    'alipay.system.oauth.token',
    body(failureNode(code, subCode), 'error_response', 'x'),
  );
  return failureOf(login);
};

/** The token call succeeds, the profile call fails inside its own node. */
const profileFails = (code: string, subCode?: string) => {
  interceptMethod('alipay.system.oauth.token', tokenBody);
  interceptMethod(
    'alipay.user.info.share',
    body(failureNode(code, subCode), 'alipay_user_info_share_response', 'x'),
  );
  return failureOf(login);
};

// Alipay's documented codes (https://opendocs.alipay.com/common/02km9f, the common error codes) with
// the Logto code each must give, written out here rather than read from errors.ts. `code` is the
// top-level code Alipay documents the sub code under; `hint` is what the message must add.
const documented: Array<{
  call: 'token' | 'profile';
  code: string;
  subCode: string;
  meaning: string;
  expected: string;
  hint?: RegExp;
}> = [
  {
    call: 'token',
    code: '40002',
    subCode: 'isv.code-invalid',
    meaning: '授权码code无效 (wrong, expired or used auth code)',
    expected: 'social_auth_code_invalid',
    hint: /already used; sign in again/,
  },
  {
    call: 'token',
    code: '40002',
    subCode: 'isv.invalid-signature',
    meaning: '无效签名 (key pair or environment mismatch)',
    expected: 'invalid_config',
    hint: /privateKey belongs to the app public key/,
  },
  {
    call: 'token',
    code: '40002',
    subCode: 'isv.invalid-signature-type',
    meaning: '无效的签名类型',
    expected: 'invalid_config',
  },
  {
    call: 'token',
    code: '40003',
    subCode: 'isv.missing-signature-config',
    meaning: '应用未配置对应签名算法的公钥或者证书',
    expected: 'invalid_config',
    hint: /upload the app public key or certificate/,
  },
  {
    call: 'token',
    code: '40002',
    subCode: 'isv.invalid-app-id',
    meaning: '无效的AppID参数 (unknown app or not online)',
    expected: 'invalid_config',
    hint: /check appId/,
  },
  {
    call: 'token',
    code: '40002',
    subCode: 'isv.missing-app-cert-sn',
    meaning: '缺少应用公钥证书序列号 (the app is in certificate mode)',
    expected: 'invalid_config',
    hint: /set signingMode to certificate/,
  },
  {
    call: 'token',
    code: '40006',
    subCode: 'isv.insufficient-isv-permissions',
    meaning: 'ISV权限不足 (ability not added or app not online)',
    expected: 'invalid_config',
    hint: /Get member information/,
  },
  {
    call: 'token',
    code: '40002',
    subCode: 'isv.invalid-timestamp',
    meaning: '非法的时间戳参数',
    expected: 'general',
    hint: /check the server clock/,
  },
  {
    // Not in Alipay's current list; kept as the gateway's older spelling of the same failure.
    call: 'token',
    code: '40002',
    subCode: 'aop.invalid-timestamp',
    meaning: 'invalid timestamp',
    expected: 'general',
    hint: /check the server clock/,
  },
  {
    call: 'token',
    code: '40005',
    subCode: 'isv.app-call-limited',
    meaning: '应用调用次数超限，包含调用频率超限',
    expected: 'rate_limit_exceeded',
  },
  {
    call: 'token',
    code: '40005',
    subCode: 'isv.method-call-limited',
    meaning: 'API调用次数超限，包含调用频率超限',
    expected: 'rate_limit_exceeded',
  },
  {
    call: 'profile',
    code: '20001',
    subCode: 'aop.invalid-auth-token',
    meaning: '无效的访问令牌',
    expected: 'social_invalid_access_token',
  },
  {
    call: 'profile',
    code: '20001',
    subCode: 'aop.auth-token-time-out',
    meaning: '访问令牌已过期',
    expected: 'social_invalid_access_token',
  },
  {
    call: 'profile',
    code: '40006',
    subCode: 'isv.insufficient-user-permissions',
    meaning: '用户权限不足',
    expected: 'invalid_config',
  },
];

describe('Alipay error codes', () => {
  it.each(documented)(
    '$subCode ($code, $meaning) on the $call call → $expected',
    async ({ call, code, subCode, expected, hint }) => {
      const error = await (call === 'token' ? tokenFails : profileFails)(code, subCode);
      expect(error).toMatchObject({
        code: expected,
        data: { code, details: { sub_code: subCode } },
      });
      if (hint) expect((error as { data: { message: string } }).data.message).toMatch(hint);
    },
  );

  it.each(['isv.invalid-timestamp', 'aop.invalid-timestamp'])(
    '%s on the token call is a clock problem, not a bad auth code',
    async (subCode) => {
      const error = await tokenFails('40002', subCode);
      expect(error).toMatchObject({ code: 'general' });
      expect((error as { data: { message: string } }).data.message).toMatch(
        /check the server clock/,
      );
    },
  );

  // The top-level code decides when the sub code is one Alipay has not documented.
  it.each([
    ['20001', 'social_invalid_access_token'],
    ['40005', 'rate_limit_exceeded'],
    ['40006', 'invalid_config'],
  ])('code %s with an unknown sub_code → %s', async (code, expected) => {
    const error = await profileFails(code, 'something.new');
    expect(error).toMatchObject({
      code: expected,
      data: { code, details: { sub_code: 'something.new' } },
    });
  });

  it.each([
    [
      'an unlisted 40002 on the token call',
      () => tokenFails('40002', 'isv.invalid-parameter'),
      'social_auth_code_invalid',
    ],
    [
      'an unlisted 40002 on the profile call',
      () => profileFails('40002', 'isv.invalid-parameter'),
      'general',
    ],
    ['an unlisted 40004', () => profileFails('40004', 'isv.user-not-exist'), 'general'],
    ['20000 (service unavailable)', () => tokenFails('20000', 'isp.unknow-error'), 'general'],
    ['a code without sub_code', () => profileFails('40004'), 'general'],
  ])('%s → %s', async (_name, fails, expected) => {
    expect(await fails()).toMatchObject({ code: expected });
  });

  it('holds the issue’s required mappings', () => {
    expect(alipaySubCodeErrors['isv.code-invalid']).toBe('social_auth_code_invalid');
    expect(alipayCodeErrors['20001']).toBe('social_invalid_access_token');
  });
});
