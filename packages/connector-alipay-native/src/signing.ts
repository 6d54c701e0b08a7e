// Alipay's request signatures and response checks (https://opendocs.alipay.com/common/02kf5q). Pure:
// keys come in parsed, nothing here reads config or makes requests.
import type { KeyObject } from 'node:crypto';

import { type RsaAlgorithm, rsaSign, rsaVerify } from '@switchboard/core';

export type SignType = 'RSA' | 'RSA2';

export const signAlgorithms: Readonly<Record<SignType, RsaAlgorithm>> = {
  RSA: 'RSA-SHA1',
  RSA2: 'RSA-SHA256',
};

const beijingOffsetMs = 8 * 60 * 60 * 1000;
const pad = (value: number) => String(value).padStart(2, '0');

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8, no daylight saving), whatever the server's zone. */
export const beijingTimestamp = (date: Date = new Date()): string => {
  const beijing = new Date(date.getTime() + beijingOffsetMs);
  return (
    `${beijing.getUTCFullYear()}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())} ` +
    `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}:${pad(beijing.getUTCSeconds())}`
  );
};

export type Parameters = Record<string, string | undefined>;

/** The parameters that are sent: every one with a non-empty value. */
const nonEmpty = (parameters: Parameters): Record<string, string> =>
  Object.fromEntries(
    Object.entries(parameters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );

/** The string to sign: non-empty parameters except `sign`, sorted by name, `k=v` joined by `&`. */
export const signContent = (parameters: Parameters): string =>
  Object.entries(nonEmpty(parameters))
    .filter(([name]) => name !== 'sign')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

/** The sent parameters plus their `sign`. */
export const signParameters = (
  parameters: Parameters,
  key: KeyObject,
  signType: SignType,
): Record<string, string> => ({
  ...nonEmpty(parameters),
  sign: rsaSign(key, signAlgorithms[signType], signContent(parameters)),
});

const skipSpace = (text: string, index: number) => {
  while (index < text.length && /\s/.test(text[index] ?? '')) index++;
  return index;
};

/** Index just past the JSON string that starts at `index`. */
const stringEnd = (text: string, index: number) => {
  for (let at = index + 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '"') return at + 1;
  }
  return text.length;
};

/** Index just past the JSON value that starts at `index`. */
const valueEnd = (text: string, index: number) => {
  const first = text[index];
  if (first === '"') return stringEnd(text, index);
  if (first !== '{' && first !== '[') {
    let at = index;
    while (at < text.length && !/[\s,}\]]/.test(text[at] ?? '')) at++;
    return at;
  }
  let depth = 0;
  for (let at = index; at < text.length; at++) {
    const character = text[at];
    if (character === '"') at = stringEnd(text, at) - 1;
    else if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return text.length;
};

/**
 * The members of a JSON object, each value exactly as written in the text. Alipay signs the raw
 * text of the `<method>_response` node, so it is cut from the body rather than re-serialised. The
 * text must already be known to be valid JSON; later duplicates win, as in `JSON.parse`.
 */
export const rawMembers = (text: string): Map<string, string> => {
  const members = new Map<string, string>();
  let at = skipSpace(text, 0);
  if (text[at] !== '{') return members;
  at++;
  while (at < text.length) {
    at = skipSpace(text, at);
    if (text[at] === ',') {
      at++;
      continue;
    }
    if (text[at] !== '"') break;
    const nameEnd = stringEnd(text, at);
    const name = JSON.parse(text.slice(at, nameEnd)) as string;
    at = skipSpace(text, skipSpace(text, nameEnd) + 1); // past ':'
    const end = valueEnd(text, at);
    members.set(name, text.slice(at, end));
    at = end;
  }
  return members;
};

/** The node Alipay answers a method with: `alipay.user.info.share` → `alipay_user_info_share_response`. */
export const responseNodeName = (method: string) => `${method.replaceAll('.', '_')}_response`;

/**
 * Checks Alipay's `sign` over the raw node text. Alipay sometimes signs a node before escaping its
 * slashes; like its SDKs, a check that fails is retried once with every `\/` written `/`.
 */
export const verifyNode = (
  nodeText: string,
  signature: string,
  key: KeyObject,
  signType: SignType,
): boolean =>
  rsaVerify(key, signAlgorithms[signType], nodeText, signature) ||
  (nodeText.includes('\\/') &&
    rsaVerify(key, signAlgorithms[signType], nodeText.replaceAll('\\/', '/'), signature));

/** Fixed fields of the app-login auth info string (https://opendocs.alipay.com/open/218/105327). */
const authInfoFields = {
  apiname: 'com.alipay.account.auth',
  method: 'alipay.open.auth.sdk.code.get',
  app_name: 'mc',
  biz_type: 'openservice',
  product_id: 'APP_FAST_LOGIN',
  scope: 'kuaijie',
  auth_type: 'AUTHACCOUNT',
} as const;

/**
 * The server-signed string an app passes to the Alipay SDK's `authV2`: the fields signed like a
 * request, then written `k=v` with URL-encoded values and the URL-encoded `sign` last.
 */
export const authInfoString = (
  fields: { appId: string; pid: string; targetId: string },
  key: KeyObject,
  signType: SignType,
): string => {
  const parameters = {
    ...authInfoFields,
    app_id: fields.appId,
    pid: fields.pid,
    target_id: fields.targetId,
    sign_type: signType,
  };
  const { sign, ...signed } = signParameters(parameters, key, signType);
  const pairs = Object.entries(signed)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return [...pairs, `sign=${encodeURIComponent(sign ?? '')}`].join('&');
};

/** Who signs a gateway call: the app, its key and, in certificate mode, the two SNs it sends. */
export type Signer = {
  appId: string;
  privateKey: KeyObject;
  signType: SignType;
  appCertSn?: string;
  alipayRootCertSn?: string;
};

/** A gateway call's parameters: Alipay's common ones (in its own names), the method's own, `sign`. */
export const signRequest = (
  signer: Signer,
  method: string,
  parameters: Record<string, string>,
  now: Date = new Date(),
): Record<string, string> =>
  signParameters(
    {
      app_id: signer.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: signer.signType,
      timestamp: beijingTimestamp(now),
      version: '1.0',
      app_cert_sn: signer.appCertSn,
      alipay_root_cert_sn: signer.alipayRootCertSn,
      ...parameters,
    },
    signer.privateKey,
    signer.signType,
  );
