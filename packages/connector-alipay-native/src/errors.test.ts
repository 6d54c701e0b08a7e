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

describe('Alipay error tables', () => {
  it.each(Object.entries(alipaySubCodeErrors))('sub_code %s → %s', async (subCode, expected) => {
    const error = await tokenFails('40002', subCode);
    expect(error).toMatchObject({
      code: expected,
      data: { code: '40002', details: { sub_code: subCode } },
    });
  });

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

  it.each(Object.entries(alipayCodeErrors))('code %s → %s', async (code, expected) => {
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
