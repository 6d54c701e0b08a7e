import type { KeyObject } from 'node:crypto';

import { ConnectorError } from '@logto/connector-kit';
import { lazyGuard, loadPrivateKey, loadPublicKey, shapeOf } from '@switchboard/core';
import { z } from 'zod';

import { type CertificateMode, loadCertificateMode } from './certificates.js';
import { alipayFields, partnerId } from './fields.js';
import { PROVIDER } from './metadata.js';
import type { SignType } from './signing.js';

/** The rules that tie the fields together; the fields themselves are in fields.ts. */
export const alipayNativeConfigGuard = lazyGuard(() =>
  z.object(shapeOf(alipayFields)).superRefine((config, context) => {
    const problem = (path: string | undefined, message: string) =>
      context.addIssue({ code: 'custom', path: path ? [path] : [], message });
    // Keys and certificates are read here so that a bad paste fails when the config is saved.
    const attempt = (path: string | undefined, read: () => unknown) => {
      try {
        read();
        return true;
      } catch (error: unknown) {
        const { data } = error as ConnectorError;
        const message =
          error instanceof ConnectorError && typeof data === 'object' && data && 'message' in data
            ? String(data.message)
            : error instanceof Error
              ? error.message
              : 'a key or certificate cannot be read';
        problem(path, message);
        return false;
      }
    };
    const keyReadable = attempt('privateKey', () =>
      loadPrivateKey(PROVIDER, 'privateKey', config.privateKey),
    );
    if (config.signingMode === 'certificate') {
      const missing = (
        ['appCertificate', 'alipayPublicCertificate', 'alipayRootCertificate'] as const
      ).filter((field) => !config[field]);
      for (const field of missing) problem(field, `${field} is required in certificate mode`);
      // The certificate messages name their field.
      if (missing.length === 0 && keyReadable) attempt(undefined, () => loadCredentials(config));
    } else if (config.alipayPublicKey) {
      attempt('alipayPublicKey', () =>
        loadPublicKey(PROVIDER, 'alipayPublicKey', config.alipayPublicKey ?? ''),
      );
    }
    if (config.authorizationMode === 'authInfo' && !config.pid) {
      problem(
        'pid',
        `pid (the ${partnerId.prefix}… partner ID) is required for the auth info string`,
      );
    }
  }),
);

export type AlipayNativeConfig = z.infer<typeof alipayNativeConfigGuard>;

export type Credentials = {
  privateKey: KeyObject;
  signType: SignType;
  /** Verifies Alipay's answers; unset when neither an Alipay public key nor certificates are set. */
  verifyKey?: KeyObject;
  certificates?: CertificateMode;
};

/** The parsed keys; each is read once and cached by core or `certificates.ts`. */
export const loadCredentials = (config: AlipayNativeConfig): Credentials => {
  const privateKey = loadPrivateKey(PROVIDER, 'privateKey', config.privateKey);
  if (config.signingMode === 'certificate') {
    const certificates = loadCertificateMode(
      config.appCertificate ?? '',
      config.alipayPublicCertificate ?? '',
      config.alipayRootCertificate ?? '',
      privateKey,
    );
    return {
      privateKey,
      signType: config.signType,
      verifyKey: certificates.alipayPublicKey,
      certificates,
    };
  }
  return {
    privateKey,
    signType: config.signType,
    ...(config.alipayPublicKey
      ? { verifyKey: loadPublicKey(PROVIDER, 'alipayPublicKey', config.alipayPublicKey) }
      : {}),
  };
};
