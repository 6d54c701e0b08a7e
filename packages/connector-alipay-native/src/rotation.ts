// Alipay's certificate rotation: the key of a certificate Alipay signs with after renewing it,
// downloaded once and trusted only if it chains to the configured root; refusals remembered.
import type { KeyObject } from 'node:crypto';

import type { Redactor } from '@switchboard/core';

import { type CertificateMode, trustDownloadedCertificate } from './certificates.js';
import type { AlipayNativeConfig, Credentials } from './config.js';
import { methods } from './fields.js';
import { invalidAnswer, send } from './transport.js';

/** Time source of the certificate checks and of the refusal memory; tests replace `now`. */
export const clock = { now: (): number => Date.now() };

/**
 * Keys of Alipay certificates downloaded after a rotation, per configured certificates (so per
 * root bundle) and SN. A download that fails is forgotten, so nothing untrusted stays.
 */
const downloaded = new WeakMap<CertificateMode, Map<string, Promise<KeyObject>>>();

/** How long a refused certificate SN is not downloaded again, and how many refusals are kept. */
const refusalMemoryMs = 10 * 60 * 1000;
const maxRememberedRefusals = 32;

type Refusal = { why: string; status?: number; until: number };

/**
 * SNs whose download Alipay's gateway refused or whose certificate was refused, per configured
 * certificates: an answer that keeps naming one is refused without a new download, so a forged
 * or broken answer cannot make every sign-in download and read a certificate again. The oldest
 * refusal goes first when the memory is full; a network failure is not remembered.
 */
const refusals = new WeakMap<CertificateMode, Map<string, Refusal>>();

const rememberRefusal = (certificates: CertificateMode, sn: string, refusal: Refusal) => {
  const known = refusals.get(certificates) ?? new Map<string, Refusal>();
  refusals.set(certificates, known);
  known.delete(sn);
  if (known.size >= maxRememberedRefusals) known.delete(known.keys().next().value as string);
  known.set(sn, refusal);
};

const rememberedRefusal = (certificates: CertificateMode, sn: string) => {
  const known = refusals.get(certificates);
  const refusal = known?.get(sn);
  if (!known || !refusal) return undefined;
  if (refusal.until > clock.now()) return refusal;
  known.delete(sn);
  return undefined;
};

type Rotation = {
  config: AlipayNativeConfig;
  credentials: Credentials;
  certificates: CertificateMode;
  sn: string;
  redact: Redactor;
};

/** The error for a rotated certificate that cannot be used, and why. */
const refusal = ({ config, certificates, sn, redact }: Rotation, why: string, status?: number) =>
  invalidAnswer(
    config,
    `Alipay signed with certificate ${sn}, not the configured ${certificates.alipayCertSn}, and ${why}: download the current Alipay public key certificate (and root certificate) from the Alipay console`,
    redact,
    status,
  );

/** Downloads the certificate `sn` and trusts it only if it chains to the configured root. */
const download = async (rotation: Rotation): Promise<KeyObject> => {
  const { config, credentials, certificates, sn, redact } = rotation;
  const refuseAndRemember = (why: string, status?: number) => {
    rememberRefusal(certificates, sn, { why, status, until: clock.now() + refusalMemoryMs });
    return refusal(rotation, why, status);
  };
  if (!/^[\w-]{1,128}$/.test(sn)) throw refusal(rotation, 'that is not a certificate SN');
  const answer = await send(
    config,
    credentials,
    methods.certificateDownload,
    { biz_content: JSON.stringify({ alipay_cert_sn: sn }) },
    redact,
  );
  const { node, status } = answer;
  if (answer.failed) {
    const said = [node.code, node.sub_code, node.sub_msg ?? node.msg].filter(Boolean).join(' ');
    throw refuseAndRemember(`${methods.certificateDownload} failed (${said})`, status);
  }
  const content = node.alipay_cert_content;
  if (typeof content !== 'string' || !content) {
    throw refuseAndRemember(`${methods.certificateDownload} sent no alipay_cert_content`, status);
  }
  const trust = trustDownloadedCertificate(
    Buffer.from(content, 'base64').toString('utf8'),
    { sn, subject: certificates.alipayCertSubject, roots: certificates.alipayRoots },
    new Date(clock.now()),
  );
  if ('problem' in trust) {
    throw refuseAndRemember(`the downloaded certificate is refused: ${trust.problem}`, status);
  }
  return trust.publicKey;
};

/**
 * The key of the Alipay certificate `sn`, which is not the configured one: downloaded with
 * `alipay.open.app.alipaycert.download` and trusted only if it chains to alipayRootCertificate
 * (`trustDownloadedCertificate`), as Alipay's SDKs do when Alipay renews its certificate.
 */
export const rotatedKey = async (rotation: Rotation): Promise<KeyObject> => {
  const { certificates, sn } = rotation;
  const known = downloaded.get(certificates) ?? new Map<string, Promise<KeyObject>>();
  downloaded.set(certificates, known);
  const cached = known.get(sn);
  if (cached) return cached;
  const remembered = rememberedRefusal(certificates, sn);
  if (remembered) {
    throw refusal(
      rotation,
      `${remembered.why} (refused less than ${refusalMemoryMs / 60_000} minutes ago: not downloaded again yet)`,
      remembered.status,
    );
  }
  const key = download(rotation);
  known.set(sn, key);
  key.catch(() => known.delete(sn));
  return key;
};
