// Alipay's signature over the method's node: checked with the configured key, or with the key of
// a certificate Alipay rotated to (rotation.ts).
import type { Redactor } from '@switchboard/core';

import type { AlipayNativeConfig, Credentials } from './config.js';
import { rotatedKey } from './rotation.js';
import { verifyNode } from './signing.js';
import { type Exchange, invalidAnswer } from './transport.js';

/**
 * Checks Alipay's `sign` over the raw node text. As in Alipay's SDKs, a failure is verified only
 * when it is signed: the gateway answers isv.invalid-app-id and the like unsigned, and a failure
 * can only ever fail the sign-in. A success must be signed, and verify when a key is configured.
 */
export const checkSignature = async (
  config: AlipayNativeConfig,
  credentials: Credentials,
  method: string,
  answer: Exchange,
  redact: Redactor,
) => {
  const { body, status } = answer;
  if (!body.sign) {
    if (answer.failed) return;
    throw invalidAnswer(config, `Alipay's answer to ${method} is not signed`, redact, status);
  }
  const { certificates, verifyKey } = credentials;
  if (!verifyKey) return;
  const sn = body.alipay_cert_sn;
  const rotated = certificates && sn && sn !== certificates.alipayCertSn ? sn : undefined;
  const key =
    certificates && rotated
      ? await rotatedKey({ config, credentials, certificates, sn: rotated, redact })
      : verifyKey;
  if (!verifyNode(answer.nodeText, body.sign, key, credentials.signType)) {
    const used = rotated
      ? `Alipay certificate ${rotated} (downloaded)`
      : certificates
        ? 'configured Alipay public key certificate'
        : 'configured alipayPublicKey';
    throw invalidAnswer(
      config,
      `Alipay's signature on the ${method} answer does not verify with the ${used}`,
      redact,
      status,
    );
  }
};
