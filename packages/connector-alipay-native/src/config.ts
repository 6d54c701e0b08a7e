import type { KeyObject } from 'node:crypto';

import { ConnectorError } from '@logto/connector-kit';
import {
  endpointGuard,
  loadPrivateKey,
  loadPublicKey,
  optionalText,
  timeoutGuard,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import { type CertificateMode, loadCertificateMode } from './certificates.js';
import { PROVIDER } from './metadata.js';
import type { SignType } from './signing.js';

/** The official connector's fields (appId, privateKey, signType) plus Switchboard's own. */
export const alipayNativeConfigGuard = lazyGuard(() =>
  z
    .object({
      appId: z
        .string()
        .trim()
        .min(1, 'appId is required')
        .max(16, 'appId has at most 16 characters'),
      privateKey: z.string().trim().min(1, 'privateKey is required'),
      signType: z.enum(['RSA', 'RSA2']).default('RSA2'),
      signingMode: z.enum(['publicKey', 'certificate']).default('publicKey'),
      alipayPublicKey: optionalText,
      appCertificate: optionalText,
      alipayPublicCertificate: optionalText,
      alipayRootCertificate: optionalText,
      authorizationMode: z.enum(['plugin', 'authInfo']).default('plugin'),
      pid: optionalText.refine((value) => value === undefined || /^2088\d{12}$/.test(value), {
        message: 'pid is the 16-digit partner ID that starts with 2088',
      }),
      userIdField: z.enum(['auto', 'user_id', 'open_id']).default('auto'),
      // The keys of `gateways` in hosts.ts.
      gateway: z.enum(['production', 'sandbox']).default('production'),
      endpoint: endpointGuard.optional(),
      timeout: timeoutGuard.optional(),
    })
    .superRefine((config, context) => {
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
        problem('pid', 'pid (the 2088… partner ID) is required for the auth info string');
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
