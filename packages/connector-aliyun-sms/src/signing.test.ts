import { describe, expect, it } from 'vitest';

import {
  canonicalQuery,
  signV1,
  signV3,
  utcTimestamp,
  v1StringToSign,
  v3CanonicalRequest,
} from './signing.js';

describe('V1 (HMAC-SHA1) signature', () => {
  // The DescribeRegions example of Alibaba Cloud's RPC "Signature mechanism" documentation
  // (AccessKey ID testid, secret testsecret). The documented URL spells the parameter
  // `TimeStamp` (developer.aliyun.com/ask/210168, and Signature=CT9X0VtwR86fNWSnsc6v8YGOjuE%3D in the
  // help.aliyun.com signature pages); other revisions of the page spell it `Timestamp`, which gives
  // OLeaidS1JvxuMvnyHOwuJ+uX5qY= (also printed in Alibaba Cloud's API parameter tables).
  const documented = (timestampName: string) => ({
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    Format: 'XML',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    SignatureVersion: '1.0',
    [timestampName]: '2016-02-23T12:46:24Z',
    Version: '2014-05-26',
  });

  it('builds the documented string to sign', () => {
    expect(v1StringToSign('GET', documented('TimeStamp'))).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
  });

  it.each([
    ['TimeStamp', 'CT9X0VtwR86fNWSnsc6v8YGOjuE='],
    ['Timestamp', 'OLeaidS1JvxuMvnyHOwuJ+uX5qY='],
  ])('reproduces the documented signature (%s)', (name, signature) => {
    expect(signV1('GET', documented(name), 'testsecret')).toBe(signature);
  });

  it('signs a SendSms request with a Chinese sign name and a JSON TemplateParam', () => {
    // A SendSms example circulated with Aliyun's SMS signature page (testId / testSecret). The
    // page itself is not in our docs corpus, so the value was recomputed independently with
    // Python (urllib.parse.quote(safe='-_.~') + hmac/sha1) before being written here.
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(signV1('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('depends on the method and on the secret', () => {
    const params = documented('Timestamp');
    expect(signV1('POST', params, 'testsecret')).not.toBe(signV1('GET', params, 'testsecret'));
    expect(signV1('GET', params, 'othersecret')).not.toBe(signV1('GET', params, 'testsecret'));
  });
});

describe('V3 (ACS3-HMAC-SHA256) signature', () => {
  // The fixed-parameter example of "V3 request structure and signature"
  // (alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature,
  // help.aliyun.com/document_detail/2593177.html).
  const documented = {
    method: 'POST',
    path: '/',
    query: {
      ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
      RegionId: 'cn-shanghai',
    },
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-version': '2014-05-26',
    },
    bodyHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };

  it('builds the documented canonical request and string to sign', () => {
    const signed = signV3(documented, 'YourAccessKeyId', 'YourAccessKeySecret');
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
  });

  it('reproduces the documented signature and Authorization header', () => {
    const signed = signV3(documented, 'YourAccessKeyId', 'YourAccessKeySecret');
    expect(signed.signature).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    expect(signed.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });

  it('signs header names case-insensitively and ignores headers that are not signed', () => {
    const mixed = {
      ...documented,
      headers: {
        ...documented.headers,
        Host: documented.headers.host,
        'user-agent': 'x',
        accept: 'application/json',
      },
    };
    delete (mixed.headers as Record<string, string>).host;
    expect(v3CanonicalRequest(mixed).signedHeaders).toBe(
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
    expect(signV3(mixed, 'YourAccessKeyId', 'YourAccessKeySecret').signature).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });
});

describe('shared pieces', () => {
  it("percent-encodes RFC 3986 style: spaces as %20, * ! ' ( ) encoded, ~ kept", () => {
    expect(canonicalQuery({ b: "a b*!'()~", a: '{"code":"1"}' })).toBe(
      'a=%7B%22code%22%3A%221%22%7D&b=a%20b%2A%21%27%28%29~',
    );
  });

  it('formats UTC timestamps without milliseconds', () => {
    expect(utcTimestamp(new Date('2026-01-02T03:04:05.678+08:00'))).toBe('2026-01-01T19:04:05Z');
  });
});
