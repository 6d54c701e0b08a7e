// The Aliyun fake's signature checks, written from Alibaba Cloud's documentation with node:crypto
// alone, never with the connector's signing module, so the fake can disagree with the connector.
// V3: "V3 request structure and signature" (help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature).
// V1: the RPC "Signature mechanism" pages (HMAC-SHA1 over the canonicalized query).
// Not part of the published package.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986: A-Z a-z 0-9 - _ . ~ as they are, everything else %XX of its UTF-8 bytes. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** Parameters sorted by name, name and value encoded, `=` between, `&` between pairs. */
const canonicalized = (params: ReadonlyArray<readonly [string, string]>) =>
  params
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

const sameText = (a: string, b: string) => {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
};

export type SignatureCheck =
  { ok: true; accessKeyId: string } | { ok: false; code: string; message: string; reason: string };

const refuse = (code: string, message: string, reason: string): SignatureCheck => ({
  ok: false,
  code,
  message,
  reason,
});

export type V3Input = {
  method: string;
  /** The path of the request, `/` for RPC APIs. */
  path: string;
  query: ReadonlyArray<readonly [string, string]>;
  /** Every request header, names in lowercase (as Node gives them). */
  headers: Readonly<Record<string, string>>;
  body: Buffer | string;
};

/** Headers that must be signed, whichever the client chose: `host`, `content-type`, `x-acs-*`. */
const mustBeSigned = (name: string) =>
  name === 'host' || name === 'content-type' || name.startsWith('x-acs-');

const authorizationPattern =
  /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9;.-]+),Signature=([0-9a-f]{64})$/;

/**
 * Verifies an ACS3-HMAC-SHA256 `Authorization` header: every signable header signed, the body hash
 * in `x-acs-content-sha256`, and HexEncode(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" +
 * HexEncode(SHA256(canonical request)))) equal to the signature sent.
 */
export const verifyV3 = (
  request: V3Input,
  secretOf: (accessKeyId: string) => string | undefined,
): SignatureCheck => {
  const incomplete = (reason: string) =>
    refuse(
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards.',
      reason,
    );
  const match = authorizationPattern.exec(request.headers.authorization ?? '');
  if (!match) return incomplete('malformed Authorization header');
  const [, accessKeyId = '', signedList = '', signature = ''] = match;

  const signable = Object.keys(request.headers).filter(mustBeSigned).sort();
  if (signedList !== signable.join(';')) {
    return incomplete(`SignedHeaders ${signedList} is not the sorted list ${signable.join(';')}`);
  }
  const secret = secretOf(accessKeyId);
  if (secret === undefined) {
    return refuse(
      'InvalidAccessKeyId.NotFound',
      'Specified access key is not found.',
      'unknown AccessKey ID',
    );
  }
  const hashedPayload = createHash('sha256').update(request.body).digest('hex');
  const mismatch = (reason: string) =>
    refuse(
      'SignatureDoesNotMatch',
      'Specified signature is not matched with our calculation.',
      reason,
    );
  if (request.headers['x-acs-content-sha256'] !== hashedPayload) {
    return mismatch('x-acs-content-sha256 is not the SHA-256 of the body');
  }
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path,
    canonicalized(request.query),
    signable.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`).join(''),
    signable.join(';'),
    hashedPayload,
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const expected = createHmac('sha256', secret).update(stringToSign).digest('hex');
  return sameText(expected, signature)
    ? { ok: true, accessKeyId }
    : mismatch('V3 signature does not match the recomputed one');
};

/**
 * V1: Base64(HMAC-SHA1(secret + "&", method + "&" + encode("/") + "&" + encode(canonicalized
 * query))), over every parameter except `Signature`.
 */
const v1Signature = (method: string, params: Readonly<Record<string, string>>, secret: string) => {
  const stringToSign = `${method.toUpperCase()}&${encode('/')}&${encode(canonicalized(Object.entries(params)))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
};

export const verifyV1 = (
  method: string,
  params: Readonly<Record<string, string>>,
  signature: string,
  secret: string,
): boolean => sameText(v1Signature(method, params, secret), signature);
