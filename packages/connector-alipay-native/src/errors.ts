// What happens when Alipay says no: a method's node that fails (read in node.ts, after its
// signature is checked), its Logto code by sub code, code and method, and the hints.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  definedFields,
  entryOf,
  type ErrorTable,
  type FailureDeclaration,
  type HintTable,
  type ReadFailureWithHint,
} from '@switchboard/core';

import { methods } from './fields.js';
import type { AlipayNode } from './node.js';

/**
 * Alipay `sub_code`s (https://opendocs.alipay.com/common/02km9f) mapped to Logto codes. A sub code
 * decides before the top-level `code`.
 */
export const alipaySubCodeErrors = {
  // The auth code from the app is wrong, expired or already used.
  'isv.code-invalid': ConnectorErrorCodes.SocialAuthCodeInvalid,
  // The app's set-up in the Alipay console or in this connector.
  'isv.invalid-signature': ConnectorErrorCodes.InvalidConfig,
  'isv.invalid-signature-type': ConnectorErrorCodes.InvalidConfig,
  'isv.missing-signature-config': ConnectorErrorCodes.InvalidConfig,
  'isv.invalid-app-id': ConnectorErrorCodes.InvalidConfig,
  'isv.missing-app-cert-sn': ConnectorErrorCodes.InvalidConfig,
  'isv.insufficient-isv-permissions': ConnectorErrorCodes.InvalidConfig,
  // The server clock, not the auth code: kept general so it is not mistaken for a bad code.
  'isv.invalid-timestamp': ConnectorErrorCodes.General,
  'aop.invalid-timestamp': ConnectorErrorCodes.General,
  // Call-rate limits.
  'isv.app-call-limited': ConnectorErrorCodes.RateLimitExceeded,
  'isv.method-call-limited': ConnectorErrorCodes.RateLimitExceeded,
} satisfies ErrorTable;

/** Top-level Alipay `code`s, used when the sub code is not in the table above. */
export const alipayCodeErrors = {
  // Invalid or expired auth_token (aop.invalid-auth-token, aop.auth-token-time-out, …).
  '20001': ConnectorErrorCodes.SocialAccessTokenInvalid,
  '40005': ConnectorErrorCodes.RateLimitExceeded,
  '40006': ConnectorErrorCodes.InvalidConfig,
} satisfies ErrorTable;

/** A sentence added to Alipay's message, by sub code, where the usual cause is known. */
const alipayHints: HintTable<typeof alipaySubCodeErrors> = {
  'isv.code-invalid': 'the auth code is wrong, expired or was already used; sign in again',
  'isv.invalid-signature':
    'check that privateKey belongs to the app public key (or certificate) uploaded in the Alipay console, and that the environment (production or sandbox) matches the app',
  'isv.missing-signature-config':
    'upload the app public key or certificate for this signing algorithm in the Alipay console',
  'isv.invalid-app-id':
    'check appId and that the environment (production or sandbox) matches the app',
  'isv.missing-app-cert-sn':
    'the app uses certificate mode in the Alipay console: set signingMode to certificate',
  'isv.insufficient-isv-permissions':
    'add the "Get member information" (获取会员信息) and "App Alipay login" abilities to the app',
  'isv.invalid-timestamp': 'check the server clock',
  'aop.invalid-timestamp': 'check the server clock',
};

/**
 * The Logto code for an Alipay failure. On the token call an invalid-argument failure (40002)
 * outside the table can only be about the auth code, the one value the user supplies.
 */
const classifyAlipay = (
  method: string,
  code: string,
  subCode: string | undefined,
): ConnectorErrorCodes =>
  entryOf(alipaySubCodeErrors, subCode) ??
  entryOf(alipayCodeErrors, code) ??
  (method === methods.token && code === '40002'
    ? ConnectorErrorCodes.SocialAuthCodeInvalid
    : ConnectorErrorCodes.General);

/** A failed node as the client reads failures: Alipay's code, message, hint and fields. */
export const alipayFailure = (method: string, node: AlipayNode): ReadFailureWithHint => ({
  code: node.code ?? 'unknown',
  message: node.sub_msg ?? node.msg ?? `Alipay ${method} failed`,
  hint: entryOf(alipayHints, node.sub_code),
  details: {
    method,
    ...definedFields({ msg: node.msg, sub_code: node.sub_code, sub_msg: node.sub_msg }),
  },
});

/**
 * Alipay's failures, as the client declaration takes them: a node failure (one with `method` in
 * its details) by Alipay's tables; an error status by the status, as core does.
 */
export const alipayFailures = {
  classify: ({ code, details }) =>
    typeof details?.method === 'string'
      ? classifyAlipay(
          details.method,
          code ?? 'unknown',
          typeof details.sub_code === 'string' ? details.sub_code : undefined,
        )
      : undefined,
} satisfies FailureDeclaration;
