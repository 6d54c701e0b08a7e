import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
} from 'node:crypto';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { connectorError } from './errors.js';

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export const hmac = (algorithm: 'sha1' | 'sha256', key: string | Buffer, data: string | Buffer) =>
  createHmac(algorithm, key).update(data).digest();

const maxCachedKeys = 32;

/**
 * Parsed keys by kind and text, so a key is parsed once and not on every request; a public key
 * pasted into a private-key field is never served from the public-key entry.
 */
const cache = new Map<string, KeyObject>();

const remember = (cacheKey: string, key: KeyObject) => {
  if (cache.size >= maxCachedKeys) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, key);
  return key;
};

/** One PEM block whose line breaks may be gone (a single-line input drops them) or be spaces. */
const flatPem = /^-----BEGIN ([A-Z0-9 ]+)-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END \1-----$/;

/** Accepts PEM, PEM pasted with literal `\n` or on one line, or the bare base64 that key tools print. */
const normalizeKeyText = (text: string) => {
  const pem = text.trim().replaceAll('\\r', '').replaceAll('\\n', '\n');
  const block = flatPem.exec(pem);
  if (!block) return pem;
  // Rebuilt with the 64-character lines PEM requires; a PEM that already has them is unchanged.
  const [, label, body] = block;
  const lines = (body ?? '').replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
};

const bareBase64 = (text: string) => {
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(compact) ? Buffer.from(compact, 'base64') : undefined;
};

const isRsa = (key: KeyObject) => key.asymmetricKeyType === 'rsa';

const tryParse = (parse: () => KeyObject): KeyObject | undefined => {
  try {
    const key = parse();
    return isRsa(key) ? key : undefined;
  } catch {
    return undefined;
  }
};

/** What tells the two kinds of key apart: how they are parsed, and how an unreadable one is named. */
const keyKinds = {
  private: {
    fromText: (text: string) => createPrivateKey(text),
    fromDer: [
      (der: Buffer) => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
      (der: Buffer) => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }),
    ],
    unreadable:
      'is not a readable RSA private key: paste the PEM text including its BEGIN and END lines, or the bare base64 key',
  },
  public: {
    fromText: (text: string) => createPublicKey(text),
    fromDer: [
      (der: Buffer) => createPublicKey({ key: der, format: 'der', type: 'spki' }),
      (der: Buffer) => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }),
    ],
    unreadable:
      'is not a readable RSA public key or certificate: paste the PEM text or the bare base64 key',
  },
};

/**
 * Parses an RSA key of the given kind (PEM, PEM pasted with literal `\n`, or the bare base64 of
 * its DER form) once and caches it. A key that cannot be read is an `invalid_config` error
 * naming the field, never showing the key.
 */
const loadKey = (
  kind: keyof typeof keyKinds,
  provider: string,
  field: string,
  text: string,
): KeyObject => {
  const cacheKey = `${kind}:${text}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const { fromText, fromDer, unreadable } = keyKinds[kind];
  const normalized = normalizeKeyText(text);
  const der = normalized.includes('-----BEGIN') ? undefined : bareBase64(normalized);
  let key: KeyObject | undefined;
  if (der) for (const parse of fromDer) key ??= tryParse(() => parse(der));
  else key = tryParse(() => fromText(normalized));
  if (!key) {
    throw connectorError(ConnectorErrorCodes.InvalidConfig, {
      provider,
      message: `${field} ${unreadable}`,
    });
  }
  return remember(cacheKey, key);
};

/** An RSA private key (PKCS#8 or PKCS#1, PEM or bare base64), parsed once. */
export const loadPrivateKey = (provider: string, field: string, text: string): KeyObject =>
  loadKey('private', provider, field, text);

/** An RSA public key (SPKI or PKCS#1, PEM or bare base64, or an X.509 certificate), parsed once. */
export const loadPublicKey = (provider: string, field: string, text: string): KeyObject =>
  loadKey('public', provider, field, text);

export type RsaAlgorithm = 'RSA-SHA256' | 'RSA-SHA1';

export const rsaSign = (key: KeyObject, algorithm: RsaAlgorithm, data: string): string =>
  createSign(algorithm).update(data, 'utf8').sign(key, 'base64');

export const rsaVerify = (
  key: KeyObject,
  algorithm: RsaAlgorithm,
  data: string,
  signature: string,
): boolean => {
  try {
    return createVerify(algorithm).update(data, 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
};
