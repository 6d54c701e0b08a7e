// Every config field of the Alipay connector, declared once: its guard and the Console form item
// that edits it, in the Console's order; the provider's constants they are built from come first.
// config.ts adds the rules that tie fields together, metadata.ts the names and descriptions.
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import { endpointField, field, lazyGuard, optionalText, timeoutField } from '@switchboard/core';
import { z } from 'zod';

import { signAlgorithms, type SignType } from './signing.js';

/** The path of Alipay's openapi gateway, on its hosts and appended to an endpoint override. */
export const gatewayPath = '/gateway.do';

const gateway = (name: string, host: string) => ({
  url: `https://${host}${gatewayPath}`,
  title: `${name} (${host})`,
});

/** Alipay's openapi gateways (https://opendocs.alipay.com/common/02kf5q). */
export const gateways = {
  production: gateway('Production', 'openapi.alipay.com'),
  sandbox: gateway('Sandbox', 'openapi-sandbox.dl.alipaydev.com'),
} as const;

/** The gateway methods the connector calls. */
export const methods = {
  token: 'alipay.system.oauth.token',
  userInfo: 'alipay.user.info.share',
  /** Certificate mode: the Alipay certificate an answer names by its `alipay_cert_sn`. */
  certificateDownload: 'alipay.open.app.alipaycert.download',
} as const;

/** Alipay's own SDKs wait 5 s; the official Logto connector does too. */
export const gatewayTimeoutMs = 5000;

/** Alipay's APPID is at most 16 characters. */
const appIdMaxLength = 16;

/** A partner ID (PID) is 16 digits that start with 2088. */
export const partnerId = { prefix: '2088', digits: 16 };
const partnerIdPattern = new RegExp(
  `^${partnerId.prefix}\\d{${partnerId.digits - partnerId.prefix.length}}$`,
);

/** `sign_type` in the Console's order (the algorithms themselves are signing.ts's table). */
const signTypeTitles: Readonly<Record<SignType, string>> = {
  RSA2: `RSA2 (${signAlgorithms.RSA2}, recommended)`,
  RSA: `RSA (${signAlgorithms.RSA}, legacy)`,
};

const signingModes = {
  publicKey: 'Public key (公钥)',
  certificate: 'Public key certificate (公钥证书)',
} as const;

type SigningMode = keyof typeof signingModes;

const authorizationModes = {
  plugin: 'alipay://?app_id=…&state=… (Logto iOS / Android plugins)',
  authInfo: 'Signed auth info string (Alipay SDK authV2 / React Native / Flutter)',
} as const;

type AuthorizationMode = keyof typeof authorizationModes;

const certificateMode = [
  { targetKey: 'signingMode', expectValue: 'certificate' satisfies SigningMode },
];

const keysOf = <V extends string>(table: Readonly<Record<V, unknown>>) =>
  Object.keys(table) as [V, ...V[]];

const titlesOf = <V extends string>(table: Readonly<Record<V, { title: string }>>) =>
  Object.fromEntries(
    Object.entries<{ title: string }>(table).map(([value, { title }]) => [value, title]),
  ) as Record<V, string>;

/**
 * A Select field: one of `options` (value → title, in the Console's order), `defaultValue` when
 * unset. `values` is the order of the guard's enum (its message lists them), the options' by default.
 */
const selectField = <V extends string>({
  label,
  options,
  defaultValue,
  description,
  values = keysOf(options),
}: {
  label: string;
  options: Readonly<Record<V, string>>;
  defaultValue: NoInfer<V>;
  description?: string;
  values?: readonly [V, ...V[]];
}) =>
  field(
    lazyGuard(() => z.enum(values).default(defaultValue)),
    {
      label,
      type: ConnectorConfigFormItemType.Select,
      defaultValue,
      selectItems: Object.entries<string>(options).map(([value, title]) => ({ value, title })),
      ...(description === undefined ? {} : { description }),
    },
  );

const certificateField = (label: string, description: string) =>
  field(optionalText, {
    label,
    type: ConnectorConfigFormItemType.MultilineText,
    placeholder: '-----BEGIN CERTIFICATE-----',
    showConditions: certificateMode,
    description,
  });

/** The official connector's fields (appId, privateKey, signType) plus Switchboard's own. */
export const alipayFields = {
  appId: field(
    lazyGuard(() =>
      z
        .string()
        .trim()
        .min(1, 'appId is required')
        .max(appIdMaxLength, `appId has at most ${appIdMaxLength} characters`),
    ),
    {
      label: 'App ID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '2021000000000000',
      description: `The APPID of your Alipay mobile app (at most ${appIdMaxLength} characters).`,
    },
  ),
  privateKey: field(
    lazyGuard(() => z.string().trim().min(1, 'privateKey is required')),
    {
      label: 'App private key',
      // Single-line: the Console masks only a single-line confidential Text, never a multi-line one.
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '-----BEGIN PRIVATE KEY----- MIIEv… -----END PRIVATE KEY-----',
      description:
        'The RSA private key of your app: paste the PEM (its line breaks may go) or the bare base64 text Alipay’s key tool prints.',
    },
  ),
  signType: selectField({
    label: 'Signing algorithm',
    options: signTypeTitles,
    defaultValue: 'RSA2',
    values: keysOf(signAlgorithms),
  }),
  signingMode: selectField({
    label: 'Signing mode',
    options: signingModes,
    defaultValue: 'publicKey',
    description:
      'Must match the signing mode (接口加签方式) chosen for the app in the Alipay console.',
  }),
  alipayPublicKey: field(optionalText, {
    label: 'Alipay public key',
    type: ConnectorConfigFormItemType.MultilineText,
    placeholder: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…',
    showConditions: [{ targetKey: 'signingMode', expectValue: 'publicKey' satisfies SigningMode }],
    description:
      'Recommended. The Alipay public key (支付宝公钥) shown in the console. When set, every Alipay answer must carry a valid signature.',
  }),
  appCertificate: certificateField(
    'App public key certificate',
    'Contents of appCertPublicKey_<APPID>.crt.',
  ),
  alipayPublicCertificate: certificateField(
    'Alipay public key certificate',
    'Contents of alipayCertPublicKey_RSA2.crt; Alipay’s answers are verified with it.',
  ),
  alipayRootCertificate: certificateField(
    'Alipay root certificate',
    'Contents of alipayRootCert.crt (all certificates in the file). When Alipay renews its certificate, the new one is checked against it.',
  ),
  authorizationMode: selectField({
    label: 'What the app receives',
    options: authorizationModes,
    defaultValue: 'plugin',
    description:
      'The signed auth info string lets apps call the current Alipay SDK directly; it needs the partner ID below.',
  }),
  pid: field(
    lazyGuard(() =>
      optionalText.refine((value) => value === undefined || partnerIdPattern.test(value), {
        message: `pid is the ${partnerId.digits}-digit partner ID that starts with ${partnerId.prefix}`,
      }),
    ),
    {
      label: 'Partner ID (PID)',
      type: ConnectorConfigFormItemType.Text,
      placeholder: partnerId.prefix.padEnd(partnerId.digits, '0'),
      showConditions: [
        { targetKey: 'authorizationMode', expectValue: 'authInfo' satisfies AuthorizationMode },
      ],
      description: `The ${partnerId.digits}-digit ${partnerId.prefix}… ID of the Alipay account that owns the app. Only for the auth info string.`,
    },
  ),
  userIdField: selectField({
    label: 'User identity',
    options: {
      auto: 'user_id, or open_id when Alipay sends no user_id',
      user_id: 'user_id only',
      open_id: 'open_id only',
    },
    defaultValue: 'auto',
    description:
      'Apps created after Alipay’s OpenID switch only receive open_id. Changing this later disconnects existing users.',
  }),
  gateway: selectField({
    label: 'Environment',
    options: titlesOf(gateways),
    defaultValue: 'production',
  }),
  endpoint: endpointField(
    'https://alipay-proxy.example.com',
    `Optional base URL of a proxy; ${gatewayPath} is appended. https only.`,
  ),
  timeout: timeoutField('Alipay', gatewayTimeoutMs, 'each Alipay call'),
};
