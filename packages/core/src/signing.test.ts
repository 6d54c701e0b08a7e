import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

import { ConnectorError } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { hmac, loadPrivateKey, loadPublicKey, rsaSign, rsaVerify, sha256Hex } from './signing.js';
import { percentEncode } from './encoding.js';

const newRsaKeyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

const { privateKey, publicKey } = newRsaKeyPair();
const pkcs8Pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const pkcs1Pem = privateKey.export({ format: 'pem', type: 'pkcs1' }) as string;
const pkcs8Der = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
const pkcs1Der = (privateKey.export({ format: 'der', type: 'pkcs1' }) as Buffer).toString('base64');
const spkiPem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
const spkiDer = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');

/** The same key material as a fresh string, so the cache cannot answer for it. */
const fresh = (text: string) => `${text}\n`;

const sameKey = (a: KeyObject, b: KeyObject) =>
  a.export({ format: 'der', type: 'pkcs1' }).equals(b.export({ format: 'der', type: 'pkcs1' }));

describe('percentEncode', () => {
  it.each([
    ['space', 'a b', 'a%20b'],
    ['asterisk', 'a*b', 'a%2Ab'],
    ['tilde', 'a~b', 'a~b'],
    ['apostrophe', "a'b", 'a%27b'],
    ['brackets', '(a)', '%28a%29'],
    ['exclamation mark', 'a!', 'a%21'],
    ['plus', 'a+b', 'a%2Bb'],
    ['slash', 'a/b', 'a%2Fb'],
    ['equals and ampersand', 'a=b&c', 'a%3Db%26c'],
    ['colon', '12:00', '12%3A00'],
    ['unreserved characters', 'AZaz09-_.~', 'AZaz09-_.~'],
    ['UTF-8 text', '验证码', '%E9%AA%8C%E8%AF%81%E7%A0%81'],
  ])('encodes the %s per RFC 3986', (_case, input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('encodes a JSON template parameter the way Aliyun signs it', () => {
    expect(percentEncode('{"code":"123456"}')).toBe('%7B%22code%22%3A%22123456%22%7D');
  });
});

describe('hmac', () => {
  // RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA256), test cases 1, 2 and 6.
  const key1 = Buffer.alloc(20, 0x0b);
  const key6 = Buffer.alloc(131, 0xaa);
  const key6Sha1 = Buffer.alloc(80, 0xaa);

  it.each([
    ['RFC 2202 case 1', key1, 'Hi There', 'b617318655057264e28bc0b6fb378c8ef146be00'],
    [
      'RFC 2202 case 2',
      'Jefe',
      'what do ya want for nothing?',
      'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    ],
    [
      'RFC 2202 case 6',
      key6Sha1,
      'Test Using Larger Than Block-Size Key - Hash Key First',
      'aa4ae5e15272d00e95705637ce8a3b55ed402112',
    ],
  ])('HMAC-SHA1, %s', (_case, key, data, expected) => {
    expect(hmac('sha1', key, data).toString('hex')).toBe(expected);
  });

  it.each([
    [
      'RFC 4231 case 1',
      key1,
      'Hi There',
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    ],
    [
      'RFC 4231 case 2',
      'Jefe',
      'what do ya want for nothing?',
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [
      'RFC 4231 case 6',
      key6,
      'Test Using Larger Than Block-Size Key - Hash Key First',
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
  ])('HMAC-SHA256, %s', (_case, key, data, expected) => {
    expect(hmac('sha256', key, data).toString('hex')).toBe(expected);
  });

  it('returns the raw digest, ready for base64', () => {
    const digest = hmac('sha1', 'Jefe', 'what do ya want for nothing?');
    expect(Buffer.isBuffer(digest)).toBe(true);
    expect(digest.toString('base64')).toBe('7/zfauXrL6LSdBbV8YTfnCWafHk=');
  });
});

describe('digests', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('sha256Hex(%j)', (input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
    expect(sha256Hex(Buffer.from(input))).toBe(expected);
  });
});

describe('loadPrivateKey', () => {
  it.each([
    ['PEM PKCS#8', pkcs8Pem],
    ['PEM PKCS#1', pkcs1Pem],
    ['PEM with literal \\n', pkcs8Pem.trim().replaceAll('\n', '\\n')],
    ['PEM PKCS#1 with literal \\r\\n', pkcs1Pem.trim().replaceAll('\n', '\\r\\n')],
    ['bare base64 PKCS#8 DER', pkcs8Der],
    ['bare base64 PKCS#1 DER', pkcs1Der],
    ['bare base64 split over lines', pkcs8Der.replace(/(.{64})/g, '$1\n')],
    ['PEM with surrounding blank lines', `\n\n  ${pkcs8Pem}\n\n`],
    // What a single-line input (the Console's masked field) keeps of a pasted PEM.
    ['PEM PKCS#8 on one line, breaks removed', pkcs8Pem.replaceAll('\n', '')],
    ['PEM PKCS#8 on one line, breaks turned into spaces', pkcs8Pem.replaceAll('\n', ' ')],
    ['PEM PKCS#1 on one line, breaks removed', pkcs1Pem.replaceAll('\n', '')],
    ['PEM PKCS#1 on one line, breaks turned into spaces', pkcs1Pem.replaceAll('\n', ' ')],
    ['PEM with CRLF line breaks', pkcs8Pem.replaceAll('\n', '\r\n')],
  ])('reads %s', (_case, text) => {
    const key = loadPrivateKey('acme', 'privateKey', text);
    expect(key.type).toBe('private');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(sameKey(key, privateKey)).toBe(true);
  });

  it('parses a key once and answers later calls with the same KeyObject', () => {
    const text = fresh(pkcs8Pem);
    const first = loadPrivateKey('acme', 'privateKey', text);
    expect(loadPrivateKey('acme', 'privateKey', text)).toBe(first);
    expect(loadPrivateKey('acme', 'privateKey', fresh(text))).not.toBe(first);
  });

  const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
    format: 'pem',
    type: 'pkcs8',
  }) as string;
  const keyBody = pkcs8Pem.split('\n')[5] ?? '';

  it.each([
    ['text that is not a key', 'my-private-key'],
    ['an empty string', ''],
    [
      'a PEM whose body is not a key',
      `-----BEGIN PRIVATE KEY-----\n${Buffer.from('x'.repeat(300)).toString('base64')}\n-----END PRIVATE KEY-----`,
    ],
    ['a truncated PEM', pkcs8Pem.slice(0, 400)],
    ['base64 that is not a key', Buffer.from('not a key, just text').toString('base64')],
    ['a public key', spkiPem],
    ['an EC key', ecKey],
  ])('rejects %s with invalid_config naming the field, never showing the key', (_case, text) => {
    let error: unknown;
    try {
      loadPrivateKey('acme', 'privateKey', text);
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: 'invalid_config',
      data: {
        provider: 'acme',
        message: expect.stringMatching(/^privateKey is not a readable RSA/),
      },
    });
    const shown = [JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })];
    for (const line of text.split('\n').filter((line) => line.length >= 16)) {
      for (const output of shown) expect(output).not.toContain(line);
    }
    expect(shown.join('\n')).not.toContain(keyBody);
  });
});

describe('loadPublicKey', () => {
  it.each([
    ['PEM SPKI', spkiPem],
    ['PEM PKCS#1', publicKey.export({ format: 'pem', type: 'pkcs1' }) as string],
    ['bare base64 SPKI DER', spkiDer],
    ['PEM with literal \\n', spkiPem.trim().replaceAll('\n', '\\n')],
  ])('reads %s', (_case, text) => {
    const key = loadPublicKey('acme', 'alipayPublicKey', fresh(text));
    expect(key.type).toBe('public');
    expect(key.asymmetricKeyType).toBe('rsa');
  });

  it('rejects text that is not a key with invalid_config', () => {
    expect(() => loadPublicKey('acme', 'alipayPublicKey', 'nope')).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});

describe('rsaSign and rsaVerify', () => {
  const message = 'app_id=2021000000000000&biz_content={"out_trade_no":"1"}&charset=utf-8';

  it.each(['RSA-SHA256', 'RSA-SHA1'] as const)(
    '%s signs and verifies a round trip',
    (algorithm) => {
      const key = loadPrivateKey('acme', 'privateKey', pkcs1Pem);
      const signature = rsaSign(key, algorithm, message);
      expect(signature).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(signature, 'base64')).toHaveLength(256);
      expect(rsaVerify(publicKey, algorithm, message, signature)).toBe(true);
    },
  );

  it('signs deterministically (PKCS#1 v1.5)', () => {
    const key = loadPrivateKey('acme', 'privateKey', pkcs8Pem);
    expect(rsaSign(key, 'RSA-SHA256', message)).toBe(rsaSign(key, 'RSA-SHA256', message));
  });

  it('rejects a tampered message', () => {
    const signature = rsaSign(privateKey, 'RSA-SHA256', message);
    expect(rsaVerify(publicKey, 'RSA-SHA256', `${message}&amount=1000`, signature)).toBe(false);
  });

  it('rejects a tampered signature', () => {
    const signature = Buffer.from(rsaSign(privateKey, 'RSA-SHA256', message), 'base64');
    signature[10] = (signature[10] ?? 0) ^ 0xff;
    expect(rsaVerify(publicKey, 'RSA-SHA256', message, signature.toString('base64'))).toBe(false);
  });

  it('rejects a signature made with another algorithm or another key', () => {
    const signature = rsaSign(privateKey, 'RSA-SHA256', message);
    expect(rsaVerify(publicKey, 'RSA-SHA1', message, signature)).toBe(false);
    expect(rsaVerify(newRsaKeyPair().publicKey, 'RSA-SHA256', message, signature)).toBe(false);
  });

  it('answers false, not an exception, for a signature that is not base64 of the right size', () => {
    expect(rsaVerify(publicKey, 'RSA-SHA256', message, '')).toBe(false);
    expect(rsaVerify(publicKey, 'RSA-SHA256', message, 'not-a-signature')).toBe(false);
  });

  it('answers false, not an exception, for a key that cannot verify RSA signatures', () => {
    const signature = rsaSign(privateKey, 'RSA-SHA256', message);
    const { publicKey: ed25519 } = generateKeyPairSync('ed25519');
    expect(rsaVerify(ed25519, 'RSA-SHA256', message, signature)).toBe(false);
  });

  it('signs the UTF-8 bytes of non-ASCII text', () => {
    const signature = rsaSign(privateKey, 'RSA-SHA256', '订单 ✓');
    expect(rsaVerify(publicKey, 'RSA-SHA256', '订单 ✓', signature)).toBe(true);
  });
});

describe('key cache regressions', () => {
  it('does not serve a cached public key to loadPrivateKey when the same text is pasted as a private key', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(loadPublicKey('acme', 'alipayPublicKey', pem).type).toBe('public');
    expect(() => loadPrivateKey('acme', 'privateKey', pem)).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});
