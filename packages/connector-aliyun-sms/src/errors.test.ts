import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { buildConnector, failureOf, findSecrets } from '@switchboard/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';
import { validConfig } from './__fixtures__/configs.js';

// Aliyun's documented codes (help.aliyun.com/document_detail/101346.html for SendSms, the
// international site's error-code page for ResponseCode, the API gateway's common codes) and the
// Logto code each must give, written out here. Connector-kit versions without usage_limit_exceeded
// get rate_limit_exceeded for balance and quota codes.
const usage = ConnectorErrorCodes.UsageLimitExceeded
  ? 'usage_limit_exceeded'
  : 'rate_limit_exceeded';

const requestId = 'D8D3E58E-4A5E-5D3A-9C2A-3A1E0D2F7B11';

/** The same answer as Aliyun writes it in JSON (asked for) or in XML (its default). */
const formats = {
  JSON: (_root: string, fields: Record<string, string>) => ({
    body: fields,
    headers: { 'content-type': 'application/json;charset=utf-8' },
  }),
  XML: (root: string, fields: Record<string, string>) => ({
    body: `<?xml version='1.0' encoding='UTF-8'?><${root}>${Object.entries(fields)
      .map(([name, value]) => `<${name}>${value}</${name}>`)
      .join('')}</${root}>`,
    headers: { 'content-type': 'text/xml;charset=utf-8' },
  }),
};

const send = async (
  config: Record<string, unknown> = validConfig,
  to = '13800138000',
  type = 'SignIn',
) => {
  const connector = await buildConnector(createConnector);
  return failureOf(() =>
    connector.sendMessage({ to, type: type as never, payload: { code: '123456' } }, config),
  );
};

describe.each(Object.entries(formats))('answered in %s', (_format, write) => {
  const answer = (
    base: string,
    status: number,
    root: string,
    fields: Record<string, string>,
    extraHeaders: Record<string, string> = {},
  ) => {
    const { body, headers } = write(root, fields);
    nock(base)
      .post('/')
      .query(true)
      .reply(status, body, { ...headers, ...extraHeaders });
  };

  describe('SendSms codes in a 200 answer', () => {
    it.each([
      ['isv.BUSINESS_LIMIT_CONTROL', 'rate_limit_exceeded'],
      ['isv.DAY_LIMIT_CONTROL', usage],
      ['isv.MONTH_LIMIT_CONTROL', usage],
      ['isv.AMOUNT_NOT_ENOUGH', usage],
      ['isv.OUT_OF_SERVICE', usage],
      ['isv.MOBILE_NUMBER_ILLEGAL', 'invalid_request_parameters'],
      ['isv.MOBILE_COUNT_OVER_LIMIT', 'invalid_request_parameters'],
      ['isv.SMS_TEMPLATE_ILLEGAL', 'invalid_config'],
      ['isv.TEMPLATE_MISSING_PARAMETERS', 'invalid_config'],
      ['isv.TEMPLATE_PARAMS_ILLEGAL', 'invalid_config'],
      ['isv.INVALID_JSON_PARAM', 'invalid_config'],
      ['isv.SMS_SIGNATURE_ILLEGAL', 'invalid_config'],
      ['isv.SMS_SIGN_ILLEGAL', 'invalid_config'],
      ['isv.SIGN_STATE_ILLEGAL', 'invalid_config'],
      ['isv.SMS_SIGNATURE_SCENE_ILLEGAL', 'invalid_config'],
      ['isv.SMS_CONTENT_ILLEGAL', 'invalid_config'],
      ['isv.DOMESTIC_NUMBER_NOT_SUPPORTED', 'invalid_config'],
      ['isv.PRODUCT_UN_SUBSCRIPT', 'invalid_config'],
      ['isv.PRODUCT_UNSUBSCRIBE', 'invalid_config'],
      ['isv.ACCOUNT_NOT_EXISTS', 'invalid_config'],
      ['isv.ACCOUNT_ABNORMAL', 'invalid_config'],
      ['isp.RAM_PERMISSION_DENY', 'invalid_config'],
      ['isp.SYSTEM_ERROR', 'general'],
      ['isv.SOMETHING_NEW', 'general'],
    ])('%s becomes %s and keeps Code, Message and RequestId', async (code, expected) => {
      answer('https://dysmsapi.aliyuncs.com', 200, 'SendSmsResponse', {
        Message: `message for ${code}`,
        RequestId: requestId,
        Code: code,
      });
      const error = await send();
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({
        code: expected,
        data: {
          provider: 'aliyun',
          status: 200,
          code,
          requestId,
          message: expect.stringContaining(`message for ${code}`),
        },
      });
    });
  });

  describe("the international site's ResponseCode in a 200 answer", () => {
    const international = {
      ...validConfig,
      site: 'international',
      templates: [{ usageType: 'Generic', content: 'Code {{code}}' }],
    };

    it.each([
      ['isv.BUSINESS_LIMIT_CONTROL', 'rate_limit_exceeded'],
      ['OUT_OF_SERVICE', usage],
      ['MOBILE_NUMBER_ILLEGAL', 'invalid_request_parameters'],
      ['SMS_CONTENT_CODE_ILLEGAL', 'invalid_config'],
      ['SMS_SIGN_NAME_ILLEGAL', 'invalid_config'],
      ['CONTENT_MISSING_PARAMETERS', 'invalid_config'],
      ['INVALID_SENDERID', 'invalid_config'],
      ['ACCOUNT_NOT_EXISTS', 'invalid_config'],
      ['SYSTEM_ERROR', 'general'],
      ['SOMETHING_NEW', 'general'],
    ])('%s becomes %s', async (code, expected) => {
      answer('https://dysmsapi.ap-southeast-1.aliyuncs.com', 200, 'SendMessageToGlobeResponse', {
        RequestId: requestId,
        ResponseCode: code,
        ResponseDescription: `description for ${code}`,
      });
      const error = await send(international, '14155550123', 'Generic');
      expect(error).toMatchObject({
        code: expected,
        data: {
          status: 200,
          code,
          requestId,
          message: expect.stringContaining(`description for ${code}`),
        },
      });
    });
  });

  describe('throttling codes in a 200 answer', () => {
    it.each(['Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Resource'])(
      '%s becomes rate_limit_exceeded',
      async (code) => {
        answer('https://dysmsapi.aliyuncs.com', 200, 'SendSmsResponse', {
          Message: 'Request was denied due to flow control.',
          RequestId: requestId,
          Code: code,
        });
        expect(await send()).toMatchObject({
          code: 'rate_limit_exceeded',
          data: { status: 200, code, requestId },
        });
      },
    );
  });

  describe('wait hints (x-acs-retry-after, milliseconds) kept as retryAfter in seconds', () => {
    const wait = { 'x-acs-retry-after': '2000' };

    it('HTTP 400 Throttling.User', async () => {
      answer(
        'https://dysmsapi.aliyuncs.com',
        400,
        'Error',
        {
          RequestId: requestId,
          HostId: 'dysmsapi.aliyuncs.com',
          Code: 'Throttling.User',
          Message: 'Request was denied due to user flow control.',
        },
        wait,
      );
      expect(await send()).toMatchObject({
        code: 'rate_limit_exceeded',
        data: { status: 400, code: 'Throttling.User', requestId, retryAfter: 2 },
      });
    });

    it('HTTP 200 SendSms with Code isv.BUSINESS_LIMIT_CONTROL', async () => {
      answer(
        'https://dysmsapi.aliyuncs.com',
        200,
        'SendSmsResponse',
        {
          Message: '触发分钟级流控Permits:1',
          RequestId: requestId,
          Code: 'isv.BUSINESS_LIMIT_CONTROL',
        },
        wait,
      );
      expect(await send()).toMatchObject({
        code: 'rate_limit_exceeded',
        data: { status: 200, code: 'isv.BUSINESS_LIMIT_CONTROL', requestId, retryAfter: 2 },
      });
    });

    it('HTTP 200 SendMessageToGlobe with ResponseCode Throttling.User', async () => {
      answer(
        'https://dysmsapi.ap-southeast-1.aliyuncs.com',
        200,
        'SendMessageToGlobeResponse',
        {
          RequestId: requestId,
          ResponseCode: 'Throttling.User',
          ResponseDescription: 'Request was denied due to user flow control.',
        },
        wait,
      );
      const international = {
        ...validConfig,
        site: 'international',
        templates: [{ usageType: 'Generic', content: 'Code {{code}}' }],
      };
      expect(await send(international, '14155550123', 'Generic')).toMatchObject({
        code: 'rate_limit_exceeded',
        data: { status: 200, code: 'Throttling.User', retryAfter: 2 },
      });
    });

    it('leaves retryAfter out when Aliyun sends no wait', async () => {
      answer('https://dysmsapi.aliyuncs.com', 200, 'SendSmsResponse', {
        Message: '触发分钟级流控Permits:1',
        RequestId: requestId,
        Code: 'isv.BUSINESS_LIMIT_CONTROL',
      });
      const error = (await send()) as ConnectorError;
      expect(error.code).toBe('rate_limit_exceeded');
      expect(error.data).not.toHaveProperty('retryAfter');
    });
  });

  describe('gateway errors (HTTP 4xx/5xx with RequestId, HostId, Code, Message, Recommend)', () => {
    it.each([
      [400, 'SignatureDoesNotMatch', 'invalid_config'],
      [400, 'IncompleteSignature', 'invalid_config'],
      [404, 'InvalidAccessKeyId.NotFound', 'invalid_config'],
      [400, 'InvalidAccessKeyId.Inactive', 'invalid_config'],
      [403, 'Forbidden.RAM', 'invalid_config'],
      [400, 'Throttling', 'rate_limit_exceeded'],
      [400, 'Throttling.User', 'rate_limit_exceeded'],
      [503, 'Throttling.Api', 'rate_limit_exceeded'],
      // Alibaba's SDK core takes every code containing "Throttling" for throttling.
      [400, 'Throttling.Resource', 'rate_limit_exceeded'],
      [400, 'Throttling.Concurrent', 'rate_limit_exceeded'],
      [400, 'InvalidTimeStamp.Expired', 'general'],
      [400, 'MissingPhoneNumbers', 'general'],
      [403, 'SomethingElse', 'invalid_config'],
      [429, 'SomethingElse', 'rate_limit_exceeded'],
      [500, 'InternalError', 'general'],
      [503, 'ServiceUnavailable', 'general'],
    ])('HTTP %i %s becomes %s', async (status, code, expected) => {
      answer('https://dysmsapi.aliyuncs.com', status, 'Error', {
        RequestId: requestId,
        HostId: 'dysmsapi.aliyuncs.com',
        Code: code,
        Message: `Specified thing failed: ${code}`,
        Recommend: 'https://api.aliyun.com/troubleshoot?q=x',
      });
      const error = await send();
      expect(error).toMatchObject({
        code: expected,
        data: {
          status,
          code,
          requestId,
          message: expect.stringContaining(`Specified thing failed: ${code}`),
          details: { recommend: 'https://api.aliyun.com/troubleshoot?q=x' },
        },
      });
      expect(findSecrets(error, [validConfig.accessKeySecret], [validConfig.accessKeyId])).toEqual(
        [],
      );
    });

    it('adds a hint to a signature mismatch', async () => {
      answer('https://dysmsapi.aliyuncs.com', 400, 'Error', {
        RequestId: requestId,
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation.',
      });
      const error = (await send()) as ConnectorError;
      expect(error.data).toMatchObject({
        message:
          'Specified signature is not matched with our calculation. (check accessKeySecret (and that it belongs to accessKeyId))',
      });
    });
  });
});
