import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import { validConfig } from './__fixtures__/configs.js';
import { aliyunErrors } from './errors.js';

const usage = ConnectorErrorCodes.UsageLimitExceeded ?? ConnectorErrorCodes.RateLimitExceeded;

const send = async (config: Record<string, unknown> = validConfig) => {
  const connector = await buildConnector(createConnector);
  return failureOf(() =>
    connector.sendMessage(
      { to: '13800138000', type: 'SignIn' as never, payload: { code: '123456' } },
      config,
    ),
  );
};

const requestId = 'D8D3E58E-4A5E-5D3A-9C2A-3A1E0D2F7B11';

describe('Aliyun codes in a 200 answer (SendSms)', () => {
  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', ConnectorErrorCodes.RateLimitExceeded],
    ['isv.DAY_LIMIT_CONTROL', usage],
    ['isv.AMOUNT_NOT_ENOUGH', usage],
    ['isv.OUT_OF_SERVICE', usage],
    ['isv.MOBILE_NUMBER_ILLEGAL', ConnectorErrorCodes.InvalidRequestParameters],
    ['isv.SMS_TEMPLATE_ILLEGAL', ConnectorErrorCodes.InvalidConfig],
    ['isv.TEMPLATE_MISSING_PARAMETERS', ConnectorErrorCodes.InvalidConfig],
    ['isv.SMS_SIGNATURE_ILLEGAL', ConnectorErrorCodes.InvalidConfig],
    ['isv.DOMESTIC_NUMBER_NOT_SUPPORTED', ConnectorErrorCodes.InvalidConfig],
    ['isp.RAM_PERMISSION_DENY', ConnectorErrorCodes.InvalidConfig],
    ['isv.PRODUCT_UN_SUBSCRIPT', ConnectorErrorCodes.InvalidConfig],
    ['isv.SMS_CONTENT_ILLEGAL', ConnectorErrorCodes.InvalidConfig],
    ['isp.SYSTEM_ERROR', ConnectorErrorCodes.General],
    ['isv.SOMETHING_NEW', ConnectorErrorCodes.General],
  ])('%s becomes %s and keeps Code, Message and RequestId', async (code, expected) => {
    nock('https://dysmsapi.aliyuncs.com')
      .post('/')
      .query(true)
      .reply(200, { Code: code, Message: `message for ${code}`, RequestId: requestId });
    const error = await send();
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: expected,
      data: { provider: 'aliyun', status: 200, code, requestId },
    });
    expect((error as ConnectorError).data).toMatchObject({
      message: expect.stringContaining(`message for ${code}`),
    });
  });
});

describe('gateway errors (HTTP 4xx with { RequestId, HostId, Code, Message })', () => {
  it.each([
    [400, 'SignatureDoesNotMatch', ConnectorErrorCodes.InvalidConfig],
    [400, 'IncompleteSignature', ConnectorErrorCodes.InvalidConfig],
    [404, 'InvalidAccessKeyId.NotFound', ConnectorErrorCodes.InvalidConfig],
    [403, 'Forbidden.RAM', ConnectorErrorCodes.InvalidConfig],
    [400, 'Throttling.User', ConnectorErrorCodes.RateLimitExceeded],
    [400, 'InvalidTimeStamp.Expired', ConnectorErrorCodes.General],
    [400, 'MissingPhoneNumbers', ConnectorErrorCodes.General],
    [403, 'SomethingElse', ConnectorErrorCodes.InvalidConfig],
  ])('HTTP %i %s becomes %s', async (status, code, expected) => {
    nock('https://dysmsapi.aliyuncs.com')
      .post('/')
      .query(true)
      .reply(status, {
        RequestId: requestId,
        HostId: 'dysmsapi.aliyuncs.com',
        Code: code,
        Message: `Specified thing failed: ${code}`,
        Recommend: 'https://api.aliyun.com/troubleshoot?q=x',
      });
    const error = await send();
    expect(error).toMatchObject({ code: expected, data: { status, code, requestId } });
    expect(findSecrets(error, [validConfig.accessKeySecret], [validConfig.accessKeyId])).toEqual(
      [],
    );
  });

  it('adds a hint to a signature mismatch and keeps the Recommend link', async () => {
    nock('https://dysmsapi.aliyuncs.com').post('/').query(true).reply(400, {
      RequestId: requestId,
      Code: 'SignatureDoesNotMatch',
      Message: 'Specified signature is not matched with our calculation.',
      Recommend: 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch',
    });
    const error = (await send()) as ConnectorError;
    expect(error.data).toMatchObject({
      message: expect.stringMatching(/not matched.*check accessKeySecret/),
      details: { recommend: 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch' },
    });
  });
});

describe('the table', () => {
  it('only holds Logto codes', () => {
    const known = new Set<string>(Object.values(ConnectorErrorCodes));
    for (const [code, mapped] of Object.entries(aliyunErrors))
      expect(known.has(mapped), code).toBe(true);
  });
});
