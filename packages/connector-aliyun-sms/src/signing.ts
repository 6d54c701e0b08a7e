// Alibaba Cloud request signatures, as pure functions: V1 (HMAC-SHA1 over the RPC query, the
// legacy method) and V3 (ACS3-HMAC-SHA256 in the Authorization header, the recommended one).
import { hmac, percentEncode, sha256Hex } from '@switchboard/core';

const v3Algorithm = 'ACS3-HMAC-SHA256';

/** `2016-02-23T12:46:24Z`: UTC, no milliseconds (V1 `Timestamp`, V3 `x-acs-date`). */
export const utcTimestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Names sorted, names and values RFC 3986 encoded, joined with `&`. */
export const canonicalQuery = (params: Readonly<Record<string, string>>) =>
  Object.entries(params)
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

/** V1: `METHOD&%2F&` + the encoded canonical query of every parameter except `Signature`. */
export const v1StringToSign = (method: string, params: Readonly<Record<string, string>>) =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;

/** V1: Base64(HMAC-SHA1(secret + "&", string to sign)). */
export const signV1 = (method: string, params: Readonly<Record<string, string>>, secret: string) =>
  hmac('sha1', `${secret}&`, v1StringToSign(method, params)).toString('base64');

export type V3Request = {
  method: string;
  /** Path of the request; RPC APIs use `/`. */
  path: string;
  query: Readonly<Record<string, string>>;
  /** Headers to sign: `host`, every `x-acs-*` header and `content-type` when there is one. */
  headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body, also sent as `x-acs-content-sha256`. */
  bodyHash: string;
};

/** The canonical request and the sorted list of signed header names. */
export const v3CanonicalRequest = (request: V3Request) => {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
    .filter(([name]) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path,
    canonicalQuery(request.query),
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    request.bodyHash,
  ].join('\n');
  return { canonicalRequest, signedHeaders };
};

/** V3: hex HMAC-SHA256 of `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export const signV3 = (request: V3Request, accessKeyId: string, accessKeySecret: string) => {
  const { canonicalRequest, signedHeaders } = v3CanonicalRequest(request);
  const stringToSign = `${v3Algorithm}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmac('sha256', accessKeySecret, stringToSign).toString('hex');
  return {
    canonicalRequest,
    stringToSign,
    signature,
    authorization: `${v3Algorithm} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
};
