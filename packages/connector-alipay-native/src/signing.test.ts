import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';

import { loadPrivateKey } from '@switchboard/core';
import { describe, expect, it } from 'vitest';

import {
  certificateFacts,
  certificateSn,
  pemCertificates,
  rootCertificateSn,
  trustDownloadedCertificate,
} from './certificates.js';
import { testCertificateSns } from './__fixtures__/configs.js';
import {
  alipayPublicCertificate,
  alipayPublicKey,
  appCertificate,
  appPrivateKey,
  chainedAlipayCertificate,
  expiredAlipayCertificate,
  realAlipayRootBundle,
  rootBundle,
  rotatedAlipayCertificate,
  rotatedAlipayPrivateKey,
  tamperedAlipayCertificate,
  unrelatedAlipayCertificate,
} from './__fixtures__/keys.js';
import {
  codeInvalidNode,
  codeInvalidSign,
  tokenBody,
  tokenNode,
  tokenSign,
  userNode,
  userSign,
  userSignSha1,
  userSignUnescaped,
} from './__fixtures__/responses.js';
import {
  authInfoString,
  beijingTimestamp,
  rawMembers,
  responseNodeName,
  signContent,
  signParameters,
  verifyNode,
} from './signing.js';

const appKey = loadPrivateKey('alipay', 'privateKey', appPrivateKey);
const alipayKey = createPublicKey(alipayPublicKey);

// Every expected signature below was computed outside this code with
//   printf '%s' '<string to sign>' | openssl dgst -sha256 -sign app.key | base64 -w0
// (-sha1 for RSA), app.key being `appPrivateKey` from __fixtures__/keys.ts.
const tokenParameters = {
  app_id: '2021000000000001',
  method: 'alipay.system.oauth.token',
  format: 'JSON',
  charset: 'utf-8',
  sign_type: 'RSA2',
  timestamp: '2024-08-17 18:30:00',
  version: '1.0',
  grant_type: 'authorization_code',
  code: '4b203fe6c11548bcabd8da5bb087a83b',
};
const tokenContent =
  'app_id=2021000000000001&charset=utf-8&code=4b203fe6c11548bcabd8da5bb087a83b&format=JSON&grant_type=authorization_code&method=alipay.system.oauth.token&sign_type=RSA2&timestamp=2024-08-17 18:30:00&version=1.0';
const tokenRsa2 =
  'f8oT7b+FK2YrGEUaaTlzoF7O6O7Q2hS7UfhCPl92QVFqx8zLk4ky2tJufekSjHNw0tTUYw6WmqccfeLDwWdTg/H2g9A7CwcRowZTihaLoq1yCHCDfxFaqjl+GToGjT0AeTJqqQOS96AZgyOxQO1LNnIzYSHbzIlsyl+BygfeYTRSfIVB0VIOdtNT6v9utRPzUqY9tDi7LtaqbKfU7WYr+c/4T8kn49akCrzVyE6WaDFjBMtrYzUBjQMCHktIEoK2JfBIBlhl/eO97v9DQCJzmJ2DfsnLOHUR50Lt6Z/1Qro0cU3dQxr3jKJ7LxoAKJOUX1CquKsiwPQv24FP9rn/0w==';
const tokenRsa =
  'Q+c0yhUTMN04bqIUHrSESTksLV8YD1zPre1d5QjZY4hUO7aK4EjD/2jxZAewxqAgTQzI3DYM8mp3JL6DXq3/VcC5T6RKOp6hABG33JA4xvr7SK9KXRxYvgSaUkkFwIMisygO7juppn7gDhnXLLxGn6/s7vvQmJ/+8fo4lnk52Zvj4tRnnI0MXZQ2EH4x81d/1Qjib36/i8ws9eJwa3MA7dOmNqhiLMeVyMiI9iEHyKPs19cyF3/Hl1Z4I/Fe5CVBrSf/aeRj1OHwF8T58M4ZmcmK3fWBs1RpAP3dxu9Z79p5cdnyyUJK10uOwMC0wTk+L6k6HJsIHVzhksV7kr6rmA==';
const certModeParameters = {
  app_id: '2021000000000001',
  method: 'alipay.user.info.share',
  format: 'JSON',
  charset: 'utf-8',
  sign_type: 'RSA2',
  timestamp: '2024-08-17 18:30:01',
  version: '1.0',
  auth_token: 'authusrB4c1e2f6d3a7b48e9a0c5d6e7f8091a2b',
  app_cert_sn: testCertificateSns.app,
  alipay_root_cert_sn: testCertificateSns.root,
};
const certModeRsa2 =
  'ugUxojWCbNo8QZ3rISIUOxoomgdNXkXTR7+fMZJhtmVGvGp62dIZHsiDj38Dt+eCrvmj1C/1GUt2Yiy+X77Byy/M3TH25IWYHYFwALXTnVQ0r1u2313tmmukVJ5N4hoNF0OCq7se075tnyJiigVWu9zpuMwendmrl/0DoaNTkwzuUKZ7aQobhgDv1swKxHaostTEecPLLtmnK3Sgx27mYM1Ud4iF9pCj3iKDqr6wTj8MFT8gcG5GDBtqO1I8ZGd13KVB94HFl6xGIF5lP3C8kMKOlqNJFa69UQmsUwiAExfQfWb2rU3LmQaMMgKicdHJDw5maZg+FoRhJ38A2EULeA==';

describe('request signing (known answers from openssl)', () => {
  it('builds the string to sign from the sorted, non-empty parameters', () => {
    expect(signContent(tokenParameters)).toBe(tokenContent);
    expect(
      signContent({ ...tokenParameters, sign: 'old', biz_content: '', notify_url: undefined }),
    ).toBe(tokenContent);
  });

  it('signs RSA2 (SHA256withRSA) like openssl', () => {
    expect(signParameters(tokenParameters, appKey, 'RSA2')).toEqual({
      ...tokenParameters,
      sign: tokenRsa2,
    });
  });

  it('signs RSA (SHA1withRSA) like openssl', () => {
    const parameters = { ...tokenParameters, sign_type: 'RSA' };
    expect(signParameters(parameters, appKey, 'RSA').sign).toBe(tokenRsa);
  });

  it('signs the certificate-mode SNs as part of the string', () => {
    expect(signParameters(certModeParameters, appKey, 'RSA2').sign).toBe(certModeRsa2);
  });

  it('gives the same signature for the key as PEM, PEM with literal \\n, bare base64 and PKCS#1', () => {
    const body = appPrivateKey
      .split('\n')
      .filter((line) => !line.startsWith('-----'))
      .join('');
    const pkcs1 = createPrivateKey(appPrivateKey).export({
      type: 'pkcs1',
      format: 'pem',
    }) as string;
    for (const text of [appPrivateKey.replaceAll('\n', '\\n'), body, pkcs1]) {
      const key = loadPrivateKey('alipay', 'privateKey', text);
      expect(signParameters(tokenParameters, key, 'RSA2').sign).toBe(tokenRsa2);
    }
  });

  it('drops empty parameters from the sent set as well as from the signature', () => {
    const signed = signParameters(
      { ...tokenParameters, app_cert_sn: undefined, extra: '' },
      appKey,
      'RSA2',
    );
    expect(signed).not.toHaveProperty('app_cert_sn');
    expect(signed).not.toHaveProperty('extra');
    expect(signed.sign).toBe(tokenRsa2);
  });
});

describe('beijingTimestamp', () => {
  it.each([
    ['2024-08-17T10:30:00Z', '2024-08-17 18:30:00'],
    ['2024-12-31T16:00:00Z', '2025-01-01 00:00:00'],
    ['2024-02-28T23:59:59.999Z', '2024-02-29 07:59:59'],
    ['2024-08-17T18:30:00+08:00', '2024-08-17 18:30:00'],
  ])('%s is %s in Beijing', (instant, expected) => {
    expect(beijingTimestamp(new Date(instant))).toBe(expected);
  });

  it('does not depend on the process time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        expect(beijingTimestamp(new Date('2024-08-17T10:30:00Z'))).toBe('2024-08-17 18:30:00');
      }
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('response verification over the raw node text', () => {
  it('cuts each top-level member out of the body exactly as written', () => {
    const members = rawMembers(
      `{ "alipay_user_info_share_response" : ${userNode} , "sign":"${userSign}"}`,
    );
    expect(members.get('alipay_user_info_share_response')).toBe(userNode);
    expect(members.get('sign')).toBe(`"${userSign}"`);
    const tricky = '{"a":{"s":"}\\"{[","n":[1,{"x":"]"}]},"b":-1.5e3,"c":null,"d":"x"}';
    expect(Object.fromEntries(rawMembers(tricky))).toEqual({
      a: '{"s":"}\\"{[","n":[1,{"x":"]"}]}',
      b: '-1.5e3',
      c: 'null',
      d: '"x"',
    });
  });

  it('names the node after the method', () => {
    expect(responseNodeName('alipay.system.oauth.token')).toBe(
      'alipay_system_oauth_token_response',
    );
  });

  it('verifies the signature made by openssl over the raw text, escaped slashes and Chinese included', () => {
    expect(verifyNode(userNode, userSign, alipayKey, 'RSA2')).toBe(true);
    expect(verifyNode(userNode, userSignSha1, alipayKey, 'RSA')).toBe(true);
    expect(verifyNode(tokenNode, tokenSign, alipayKey, 'RSA2')).toBe(true);
    expect(verifyNode(codeInvalidNode, codeInvalidSign, alipayKey, 'RSA2')).toBe(true);
    expect(rawMembers(tokenBody).get('alipay_system_oauth_token_response')).toBe(tokenNode);
  });

  it('rejects the re-serialised node, a changed node, another key and another algorithm', () => {
    const reserialised = JSON.stringify(JSON.parse(userNode));
    expect(reserialised).not.toBe(userNode);
    expect(verifyNode(reserialised, userSign, alipayKey, 'RSA2')).toBe(false);
    expect(verifyNode(userNode.replace('沙箱测试', '沙箱测验'), userSign, alipayKey, 'RSA2')).toBe(
      false,
    );
    expect(verifyNode(userNode, userSign, createPublicKey(appKey), 'RSA2')).toBe(false);
    expect(verifyNode(userNode, userSign, alipayKey, 'RSA')).toBe(false);
    expect(verifyNode(userNode, 'not base64 at all', alipayKey, 'RSA2')).toBe(false);
  });

  it('retries once with \\/ written /, as Alipay’s SDKs do, and only that way round', () => {
    const unescaped = userNode.replaceAll('\\/', '/');
    expect(unescaped).toContain('"avatar":"https://tfs.alipayobjects.com/images/partner/');
    expect(verifyNode(userNode, userSignUnescaped, alipayKey, 'RSA2')).toBe(true);
    expect(verifyNode(unescaped, userSignUnescaped, alipayKey, 'RSA2')).toBe(true);
    // A signature over the escaped text does not cover the unescaped one.
    expect(verifyNode(unescaped, userSign, alipayKey, 'RSA2')).toBe(false);
    expect(verifyNode(userNode.replace('安庆', '合肥'), userSignUnescaped, alipayKey, 'RSA2')).toBe(
      false,
    );
  });
});

describe('certificate SNs', () => {
  // Computed with openssl, independently of this code:
  //   issuer=$(openssl x509 -in c.crt -noout -issuer -nameopt RFC2253)   (reversed order, k=v joined by ,)
  //   serial=$(echo "ibase=16; $(openssl x509 -in c.crt -noout -serial | cut -d= -f2)" | bc)
  //   printf '%s' "$issuer$serial" | openssl md5
  it('app_cert_sn of the test app certificate', () => {
    const [der] = pemCertificates(appCertificate);
    expect(certificateSn(der!)).toBe(testCertificateSns.app);
    expect(certificateFacts(der!)).toMatchObject({
      serial: 0x0140a1c0ffee20240817deadbeefn,
      signatureOid: '1.2.840.113549.1.1.11',
    });
  });

  it('SN of the test Alipay certificate', () => {
    expect(certificateSn(pemCertificates(alipayPublicCertificate)[0]!)).toBe(
      testCertificateSns.alipay,
    );
  });

  it('alipay_root_cert_sn joins the RSA-signed roots (sha256 and sha1) and skips the ECDSA one', () => {
    const roots = pemCertificates(rootBundle);
    expect(roots.map((der) => certificateFacts(der).signatureOid)).toEqual([
      '1.2.840.113549.1.1.11',
      '1.2.840.10045.4.3.2',
      '1.2.840.113549.1.1.5',
    ]);
    expect(rootCertificateSn(roots)).toBe(testCertificateSns.root);
  });

  it('gives the alipay_root_cert_sn Alipay documents for its published root bundle (SM2 and ECDSA skipped)', () => {
    expect(rootCertificateSn(pemCertificates(realAlipayRootBundle))).toBe(
      '687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6',
    );
  });

  it('SNs of the rotated test Alipay certificates', () => {
    const sn = (pem: string) => certificateSn(pemCertificates(pem)[0]!);
    expect(sn(rotatedAlipayCertificate)).toBe(testCertificateSns.rotated);
    expect(sn(chainedAlipayCertificate)).toBe(testCertificateSns.chained);
    expect(sn(expiredAlipayCertificate)).toBe(testCertificateSns.expired);
    expect(sn(unrelatedAlipayCertificate)).toBe(testCertificateSns.unrelated);
    expect(sn(tamperedAlipayCertificate)).toBe(testCertificateSns.tampered);
  });

  it('reads PEM pasted with literal \\n', () => {
    expect(rootCertificateSn(pemCertificates(rootBundle.replaceAll('\n', '\\n')))).toBe(
      testCertificateSns.root,
    );
  });
});

describe('a downloaded Alipay certificate', () => {
  const configured = new X509Certificate(alipayPublicCertificate);
  const roots = pemCertificates(rootBundle).map((der) => new X509Certificate(der));
  const expected = (sn: string) => ({ sn, subject: configured.subject, roots });

  it('is trusted when it chains to the root, with the key it holds', () => {
    const trust = trustDownloadedCertificate(
      rotatedAlipayCertificate,
      expected(testCertificateSns.rotated),
    );
    expect(
      'publicKey' in trust && trust.publicKey.equals(createPublicKey(rotatedAlipayPrivateKey)),
    ).toBe(true);
  });

  it.each([
    // Valid from 2024-01-01 (see __fixtures__/keys.ts).
    [
      'before its validity period',
      rotatedAlipayCertificate,
      testCertificateSns.rotated,
      new Date('2023-12-31T23:59:59Z'),
      '"Switchboard Fake Alipay" is not valid before 2024-01-01T00:00:00.000Z',
    ],
    [
      'without its intermediate CA certificate',
      chainedAlipayCertificate.split(/(?<=-----END CERTIFICATE-----)/)[0]!,
      testCertificateSns.chained,
      undefined,
      '"Switchboard Fake Alipay" is not issued by a certificate of alipayRootCertificate (its issuer is "Switchboard Test Class 1 CA")',
    ],
    [
      'that is no PEM certificate',
      'hello',
      'f0a84deab02c3da7ae0374089925dee1',
      undefined,
      'it holds no PEM certificate',
    ],
    [
      'that is not readable',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      'f0a84deab02c3da7ae0374089925dee1',
      undefined,
      'it is not a readable certificate',
    ],
  ])('is refused %s', (_name, pem, sn, now, problem) => {
    expect(trustDownloadedCertificate(pem, expected(sn), now)).toEqual({ problem });
  });
});

describe('auth info string', () => {
  // printf '%s' 'apiname=com.alipay.account.auth&app_id=2021000000000001&app_name=mc&auth_type=AUTHACCOUNT&biz_type=openservice&method=alipay.open.auth.sdk.code.get&pid=2088123456789012&product_id=APP_FAST_LOGIN&scope=kuaijie&sign_type=RSA2&target_id=state-7f3a9c' | openssl dgst -sha256 -sign app.key | base64 -w0
  const expectedSign =
    'tyA6Ns3nlOYaA+OGs8DJeRkru+hkzKNd2spBYByOVoyH8qCBxOdRV7B6F6+C3FfYzGQYO2phPm3nCVmmxFk2wjJ63GhooJEK1EbheFDLB5MuyEgxkhHPKBDEfZV7ptNrNUCTRuU2zp1r0LhIpSMEqr7NQOQMJWMkH424D5Wpj23G8OHlKjT3efNe9pVMS/YEIId8n64i7NTPyUSPWWVAmi0AE5Pstmtkwwc6+uogg+/YSHsWopYTznMLi3ZO0hvB3o1p9khmK0Sfvngv2lQ9svhi0/jbMjJLJoP9Z+MIrNPsKDfRuY6iMMc06da7THYbYykP5ztZGSWDm7ApKOHPgQ==';

  it('holds the documented fields, signed like openssl, with the sign URL-encoded last', () => {
    const info = authInfoString(
      { appId: '2021000000000001', pid: '2088123456789012', targetId: 'state-7f3a9c' },
      appKey,
      'RSA2',
    );
    expect(info).toBe(
      'apiname=com.alipay.account.auth&app_id=2021000000000001&app_name=mc&auth_type=AUTHACCOUNT&biz_type=openservice&method=alipay.open.auth.sdk.code.get&pid=2088123456789012&product_id=APP_FAST_LOGIN&scope=kuaijie&sign_type=RSA2&target_id=state-7f3a9c' +
        `&sign=${encodeURIComponent(expectedSign)}`,
    );
    expect(info).toContain('%2B');
  });
});
