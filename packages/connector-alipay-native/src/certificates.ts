// Alipay's certificate mode: the serial numbers (SN) sent as `app_cert_sn` and `alipay_root_cert_sn`,
// and the key Alipay's answers are verified with. node:crypto reads the certificates; a few lines of
// DER reading fill in what it does not expose (the signature algorithm OID, the raw issuer values).
import { createHash, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';

import { countSteps, Cursor } from '@switchboard/core';

type DerNode = { tag: number; start: number; end: number };

const readNode = (der: Buffer, offset: number): DerNode => {
  const tag = der[offset];
  let length = der[offset + 1];
  if (tag === undefined || length === undefined) throw new Error('truncated DER');
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes < 1 || bytes > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let index = 0; index < bytes; index++) length = length * 256 + (der[start + index] ?? 0);
    start += bytes;
  }
  const end = start + length;
  if (end > der.length) throw new Error('truncated DER');
  return { tag, start, end };
};

const childrenOf = (der: Buffer, node: DerNode): DerNode[] => {
  const children: DerNode[] = [];
  for (let offset = node.start; offset < node.end;) {
    const child = readNode(der, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
};

const decodeOid = (bytes: Buffer): string => {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (parts.length === 0) {
      const root = Math.min(2, Math.floor(value / 40));
      parts.push(root, value - root * 40);
    } else {
      parts.push(value);
    }
    value = 0;
  }
  return parts.join('.');
};

/** Short names as Alipay's SDKs print them; anything else keeps its dotted OID. */
const shortNames: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

const decodeText = (tag: number, bytes: Buffer): string => {
  if (tag === 0x1e) return Buffer.from(bytes).swap16().toString('utf16le'); // BMPString
  if (tag === 0x14) return bytes.toString('latin1'); // T61String
  return bytes.toString('utf8'); // UTF8String, PrintableString, IA5String
};

export type CertificateFacts = {
  /** Issuer attributes in the order they appear in the certificate. */
  issuer: Array<[name: string, value: string]>;
  serial: bigint;
  signatureOid: string;
};

/** Reads the issuer, serial and signature algorithm straight from a certificate's DER. */
export const certificateFacts = (der: Buffer): CertificateFacts => {
  const [tbs, signatureAlgorithm] = childrenOf(der, readNode(der, 0));
  if (!tbs || !signatureAlgorithm) throw new Error('not a certificate');
  const fields = childrenOf(der, tbs);
  const first = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version
  const serial = fields[first];
  const issuer = fields[first + 2];
  const algorithmOid = childrenOf(der, signatureAlgorithm)[0];
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30 || algorithmOid?.tag !== 0x06) {
    throw new Error('not a certificate');
  }
  const attributes = childrenOf(der, issuer).flatMap((set) =>
    childrenOf(der, set).map((pair): [string, string] => {
      const [type, value] = childrenOf(der, pair);
      if (!type || !value) throw new Error('malformed name');
      const oid = decodeOid(der.subarray(type.start, type.end));
      return [shortNames[oid] ?? oid, decodeText(value.tag, der.subarray(value.start, value.end))];
    }),
  );
  const serialHex = der.subarray(serial.start, serial.end).toString('hex') || '0';
  return {
    issuer: attributes,
    serial: BigInt(`0x${serialHex}`),
    signatureOid: decodeOid(der.subarray(algorithmOid.start, algorithmOid.end)),
  };
};

/**
 * A certificate's SN as Alipay defines it: md5 of the issuer attributes in reverse order written
 * `name=value` and joined with `,`, followed by the serial number in decimal.
 */
export const certificateSn = (der: Buffer): string => {
  const { issuer, serial } = certificateFacts(der);
  const principal = [...issuer]
    .reverse()
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
  return createHash('md5')
    .update(`${principal}${serial.toString(10)}`, 'utf8')
    .digest('hex');
};

const rsaSignatureOid = '1.2.840.113549.1.1';

/** The root SN: the SNs of the RSA-signed certificates in Alipay's root bundle, joined with `_`. */
export const rootCertificateSn = (ders: Buffer[]): string =>
  ders
    .filter((der) => certificateFacts(der).signatureOid.startsWith(`${rsaSignatureOid}.`))
    .map((der) => certificateSn(der))
    .join('_');

/** Largest PEM text read (a configured field or a downloaded certificate): Alipay's are 2-6 KiB. */
const maxPemLength = 64 * 1024;
/** Most certificates read from one PEM text: Alipay's root bundle holds four. */
const maxPemCertificates = 8;

const pemBegin = '-----BEGIN CERTIFICATE-----';
const pemEnd = '-----END CERTIFICATE-----';

const isBase64Code = (code: number) =>
  (code >= 0x41 && code <= 0x5a) || // A-Z
  (code >= 0x61 && code <= 0x7a) || // a-z
  (code >= 0x30 && code <= 0x39) || // 0-9
  code === 0x2b || // +
  code === 0x2f || // /
  code === 0x3d || // =
  code === 0x20 ||
  code === 0x9 ||
  code === 0xa ||
  code === 0xd;

/**
 * Every certificate in a PEM text (literal `\n` accepted), as DER. One forward pass: each marker is
 * searched for once from where the last one ended, so the work is linear in the text. Throws a
 * plain Error, worded to follow a field name, on a text beyond the bounds above, a BEGIN line
 * without its END line, or a body that is not base64.
 */
export const pemCertificates = (text: string): Buffer[] => {
  if (text.length > maxPemLength) {
    throw new Error(`is larger than ${maxPemLength / 1024} KiB, more than any certificate chain`);
  }
  const cursor = new Cursor(text.replaceAll('\\r', '').replaceAll('\\n', '\n'));
  countSteps(2 * text.length);
  const ders: Buffer[] = [];
  for (let begin = cursor.find(pemBegin); begin >= 0; begin = cursor.find(pemBegin)) {
    if (ders.length === maxPemCertificates) {
      throw new Error(`holds more than ${maxPemCertificates} certificates`);
    }
    cursor.at = begin + pemBegin.length;
    const start = cursor.at;
    cursor.skip(isBase64Code);
    const body = cursor.text.slice(start, cursor.at);
    if (!cursor.take(pemEnd)) {
      throw new Error(
        `holds a certificate whose body is not base64 or has no ${pemEnd} line after it`,
      );
    }
    ders.push(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  }
  return ders;
};

export type CertificateMode = {
  appCertSn: string;
  alipayRootCertSn: string;
  /** SN of the Alipay certificate, compared with the `alipay_cert_sn` Alipay answers with. */
  alipayCertSn: string;
  alipayPublicKey: KeyObject;
  /** Subject of the Alipay certificate; a downloaded replacement must be issued to the same. */
  alipayCertSubject: string;
  /** Every certificate of alipayRootCertificate: what a downloaded Alipay certificate must chain to. */
  alipayRoots: X509Certificate[];
};

const cache = new Map<string, CertificateMode & { appPublicKey: KeyObject }>();

/**
 * Reads the three certificates once. Throws a plain Error naming the field on anything unreadable;
 * the config guard turns that into an `invalid_config` message.
 */
export const loadCertificateMode = (
  appCertificate: string,
  alipayPublicCertificate: string,
  alipayRootCertificate: string,
  privateKey?: KeyObject,
): CertificateMode => {
  const cacheKey = [appCertificate, alipayPublicCertificate, alipayRootCertificate].join('\0');
  const cached =
    cache.get(cacheKey) ??
    readCertificates(appCertificate, alipayPublicCertificate, alipayRootCertificate);
  if (privateKey) {
    const fromPrivate = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const fromCertificate = cached.appPublicKey.export({ type: 'spki', format: 'der' });
    if (!fromPrivate.equals(fromCertificate)) {
      throw new Error(
        'appCertificate was not issued for privateKey: upload the certificate made from this key pair',
      );
    }
  }
  if (!cache.has(cacheKey)) {
    if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, cached);
  }
  return cached;
};

const readCertificates = (
  appCertificate: string,
  alipayPublicCertificate: string,
  alipayRootCertificate: string,
): CertificateMode & { appPublicKey: KeyObject } => {
  const pem = (field: string, text: string) => {
    try {
      return pemCertificates(text);
    } catch (error: unknown) {
      throw new Error(`${field} ${(error as Error).message}`);
    }
  };
  const first = (field: string, text: string) => {
    const [der] = pem(field, text);
    if (!der) throw new Error(`${field} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    try {
      return { der, certificate: new X509Certificate(der) };
    } catch {
      throw new Error(`${field} is not a readable certificate`);
    }
  };
  const app = first('appCertificate', appCertificate);
  const alipay = first('alipayPublicCertificate', alipayPublicCertificate);
  const roots = pem('alipayRootCertificate', alipayRootCertificate);
  const sn = <T>(field: string, compute: () => T): T => {
    try {
      return compute();
    } catch {
      throw new Error(`${field} is not a readable certificate`);
    }
  };
  const alipayRootCertSn = sn('alipayRootCertificate', () => rootCertificateSn(roots));
  const alipayRoots = sn('alipayRootCertificate', () =>
    roots.map((der) => new X509Certificate(der)),
  );
  if (!alipayRootCertSn) {
    throw new Error(
      'alipayRootCertificate holds no RSA root certificate: paste the whole alipayRootCert.crt',
    );
  }
  if (alipay.certificate.publicKey.asymmetricKeyType !== 'rsa') {
    throw new Error('alipayPublicCertificate does not hold an RSA public key');
  }
  return {
    appCertSn: sn('appCertificate', () => certificateSn(app.der)),
    alipayRootCertSn,
    alipayCertSn: sn('alipayPublicCertificate', () => certificateSn(alipay.der)),
    alipayPublicKey: alipay.certificate.publicKey,
    alipayCertSubject: alipay.certificate.subject,
    alipayRoots,
    appPublicKey: app.certificate.publicKey,
  };
};

const commonName = (name: string) =>
  name
    .split('\n')
    .find((line) => line.startsWith('CN='))
    ?.slice(3) ?? name.replaceAll('\n', ', ');

/** Why a certificate is not valid at `now`, if it is not. */
const validityProblem = (certificate: X509Certificate, now: Date) => {
  const from = new Date(certificate.validFrom);
  const to = new Date(certificate.validTo);
  if (now < from)
    return `"${commonName(certificate.subject)}" is not valid before ${from.toISOString()}`;
  if (now > to) return `"${commonName(certificate.subject)}" expired on ${to.toISOString()}`;
  return undefined;
};

/** Whether `issuer`'s key made the signature on `certificate`; false for keys node cannot use (SM2). */
const signedBy = (certificate: X509Certificate, issuer: X509Certificate) => {
  try {
    return certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
};

/** Certificates a chain may climb before it must have reached a root. */
const maxChainLength = 4;

export type DownloadedCertificate = { publicKey: KeyObject } | { problem: string };

/**
 * Decides whether to trust the certificate Alipay's gateway hands out for an `alipay_cert_sn`
 * (`alipay.open.app.alipaycert.download`), as Alipay's SDKs do and a little stricter. Its first
 * certificate must have the requested SN, be issued to the same subject as the configured Alipay
 * certificate (any app's certificate also chains to Alipay's roots) and hold an RSA key; it must
 * chain, through CA certificates sent with it, to a certificate of alipayRootCertificate, each
 * signature verifying and each certificate on the way valid at `now`. Answers its public key, or
 * the reason it is refused.
 */
export const trustDownloadedCertificate = (
  pem: string,
  expected: { sn: string; subject: string; roots: readonly X509Certificate[] },
  now = new Date(),
): DownloadedCertificate => {
  let ders: Buffer[];
  try {
    ders = pemCertificates(pem);
  } catch (error: unknown) {
    return { problem: `it ${(error as Error).message}` };
  }
  let chain: X509Certificate[];
  let sn: string;
  let publicKey: KeyObject | undefined;
  try {
    chain = ders.map((der) => new X509Certificate(der));
    sn = ders[0] ? certificateSn(ders[0]) : '';
    publicKey = chain[0]?.publicKey;
  } catch {
    return { problem: 'it is not a readable certificate' };
  }
  const [leaf] = chain;
  if (!leaf || !publicKey) return { problem: 'it holds no PEM certificate' };
  if (sn !== expected.sn) return { problem: `its SN is ${sn}, not ${expected.sn}` };
  if (leaf.subject !== expected.subject) {
    return {
      problem: `it is issued to "${commonName(leaf.subject)}", not to "${commonName(expected.subject)}" like the configured Alipay certificate`,
    };
  }
  if (publicKey.asymmetricKeyType !== 'rsa') {
    return { problem: 'it does not hold an RSA public key' };
  }
  let current = leaf;
  for (let depth = 0; depth < maxChainLength; depth++) {
    const invalid = validityProblem(current, now);
    if (invalid) return { problem: invalid };
    const subject = current;
    const roots = expected.roots.filter((root) => subject.checkIssued(root));
    if (roots.some((root) => signedBy(subject, root))) return { publicKey };
    const issuers = chain.filter(
      (issuer) => issuer !== subject && issuer.ca && subject.checkIssued(issuer),
    );
    const issuer = issuers.find((candidate) => signedBy(subject, candidate));
    if (!issuer) {
      const named = roots[0] ?? issuers[0];
      return {
        problem: named
          ? `the signature of "${commonName(named.subject)}" on "${commonName(subject.subject)}" does not verify: the certificate was altered`
          : `"${commonName(subject.subject)}" is not issued by a certificate of alipayRootCertificate (its issuer is "${commonName(subject.issuer)}")`,
      };
    }
    current = issuer;
  }
  return { problem: `its chain is longer than ${maxChainLength} certificates` };
};
