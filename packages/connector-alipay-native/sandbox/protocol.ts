// Alipay's open gateway protocol as the sandbox fake checks and answers it, written from Alipay's
// documentation with node:crypto alone: request signing (https://opendocs.alipay.com/common/02kf5q),
// response signing, and the certificate SNs of certificate mode (https://opendocs.alipay.com/common/057k53).
// On purpose it shares no code with the connector (signing.ts, certificates.ts, api.ts) or with
// core's signing helpers: a fake that reused them would only prove the connector agrees with itself.
// Never bundled into the published package (tsup builds src/index.ts alone); the cli bundles it
// with the sandbox.
import { createHash, type KeyObject, sign, verify, X509Certificate } from 'node:crypto';

/** `sign_type` → the digest of SHA256withRSA (RSA2) or SHA1withRSA (RSA). */
const digests: Readonly<Record<string, string>> = { RSA2: 'sha256', RSA: 'sha1' };

export const isSignType = (value: string | undefined): value is 'RSA' | 'RSA2' =>
  value === 'RSA' || value === 'RSA2';

/**
 * The string the gateway checks a request's `sign` over: every parameter except `sign` and those
 * with an empty value, sorted by name in ASCII order, written `name=value` (value as sent, not
 * URL-encoded) and joined with `&`.
 */
export const stringToSign = (parameters: Readonly<Record<string, string | undefined>>): string =>
  Object.keys(parameters)
    .filter((name) => name !== 'sign' && parameters[name] !== undefined && parameters[name] !== '')
    .sort()
    .map((name) => `${name}=${parameters[name]}`)
    .join('&');

/** Checks a request's base64 `sign` with the app's public key and the digest its `sign_type` names. */
export const verifyRequest = (
  parameters: Readonly<Record<string, string | undefined>>,
  appPublicKey: KeyObject,
): boolean => {
  const digest = digests[parameters.sign_type ?? ''];
  if (!digest || !parameters.sign) return false;
  try {
    return verify(
      digest,
      Buffer.from(stringToSign(parameters), 'utf8'),
      appPublicKey,
      Buffer.from(parameters.sign, 'base64'),
    );
  } catch {
    return false;
  }
};

/** The gateway's `sign` over a text (the raw JSON of the answer's node), base64. */
const signText = (text: string, privateKey: KeyObject, signType: 'RSA' | 'RSA2'): string =>
  sign(digests[signType], Buffer.from(text, 'utf8'), privateKey).toString('base64');

/** The node a method is answered in: `alipay.system.oauth.token` → `alipay_system_oauth_token_response`. */
export const nodeNameOf = (method: string) => `${method.split('.').join('_')}_response`;

/**
 * The answer body: the node's JSON text, then `sign` over exactly that text, and in certificate
 * mode `alipay_cert_sn`, the SN of the certificate whose key made the signature.
 */
export const answerBody = (
  nodeName: string,
  nodeText: string,
  privateKey: KeyObject,
  signType: 'RSA' | 'RSA2',
  alipayCertSn?: string,
): string =>
  `{"${nodeName}":${nodeText},"sign":"${signText(nodeText, privateKey, signType)}"` +
  `${alipayCertSn === undefined ? '' : `,"alipay_cert_sn":"${alipayCertSn}"`}}`;

/**
 * A certificate's SN: md5 (hex) of the issuer's attributes in reverse order, written `name=value`
 * and joined with `,`, followed by the serial number in decimal. node:crypto prints the issuer one
 * attribute a line in certificate order (values with RFC 2253 specials come escaped, which no
 * certificate the fake uses has).
 */
export const certificateSnOf = (certificate: X509Certificate): string => {
  const issuer = certificate.issuer.split('\n').reverse().join(',');
  const serial = BigInt(`0x${certificate.serialNumber}`).toString(10);
  return createHash('md5').update(`${issuer}${serial}`, 'utf8').digest('hex');
};

/** Every certificate of a PEM text, in order. */
export const certificatesOf = (pem: string): X509Certificate[] =>
  (pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map(
    (block) => new X509Certificate(block),
  );

/** DER content bounds of the element at `offset`: tag, start and end of its value. */
const element = (der: Buffer, offset: number) => {
  const first = der[offset + 1] ?? 0;
  const lengthBytes = first & 0x80 ? first & 0x7f : 0;
  const length = lengthBytes ? der.readUIntBE(offset + 2, lengthBytes) : first;
  const start = offset + 2 + lengthBytes;
  return { tag: der[offset], start, end: start + length };
};

/** 1.2.840.113549.1.1 (PKCS #1, the RSA signature algorithms) as DER OID bytes. */
const pkcs1Arc = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01]);

/**
 * Whether the certificate is signed with an RSA algorithm (OID 1.2.840.113549.1.1.*): the OID of
 * `signatureAlgorithm`, the element after `tbsCertificate` in the certificate's SEQUENCE.
 */
export const isRsaSigned = (certificate: X509Certificate): boolean => {
  const der = certificate.raw;
  const outer = element(der, 0);
  const tbs = element(der, outer.start);
  const algorithm = element(der, tbs.end);
  const oid = element(der, algorithm.start);
  const bytes = der.subarray(oid.start, oid.end);
  return (
    oid.tag === 0x06 && bytes.length > pkcs1Arc.length && bytes.subarray(0, 8).equals(pkcs1Arc)
  );
};

/** `alipay_root_cert_sn`: the SNs of the bundle's RSA-signed certificates, joined with `_`. */
export const rootCertificateSnOf = (bundlePem: string): string =>
  certificatesOf(bundlePem)
    .filter((certificate) => isRsaSigned(certificate))
    .map((certificate) => certificateSnOf(certificate))
    .join('_');

const beijingMs = 8 * 60 * 60 * 1000;

/** Now as the gateway writes it: `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8). */
export const beijingNow = (now = Date.now()) =>
  new Date(now + beijingMs).toISOString().slice(0, 19).replace('T', ' ');

/** A request `timestamp` (`yyyy-MM-dd HH:mm:ss`, Beijing time) as epoch ms; NaN when malformed. */
export const parseBeijing = (text: string): number =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)
    ? Date.parse(`${text.replace(' ', 'T')}+08:00`)
    : Number.NaN;
