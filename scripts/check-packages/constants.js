// Facts about Logto that `pnpm check:packages` checks against. Sources: shared/reference/logto-host.md
// (read from the Logto monorepo and the published @logto/cli 1.43.0).

/** The `@logto/connector-kit` version each supported Logto release ships (Logto 1.35 .. latest). */
export const logtoKitVersions = [
  { kit: '4.7.0', logto: '1.35–1.37' },
  { kit: '5.0.0', logto: '1.38–1.39' },
  { kit: '5.0.1', logto: '1.40' },
  { kit: '5.1.0', logto: '1.41–1.42' },
  { kit: '5.1.1', logto: '1.43 (npm @logto/cli)' },
];

/**
 * Logto core's direct runtime dependencies that are useful to connectors (logto-host.md §6). A
 * package added with `logto connector add` gets no `node_modules`; its bare imports resolve only to
 * these (pnpm's isolated layout puts nothing else in `packages/core/node_modules`).
 */
export const logtoCoreDependencies = [
  '@logto/connector-kit',
  '@logto/core-kit',
  '@logto/language-kit',
  '@logto/shared',
  '@logto/schemas',
  '@logto/js',
  '@silverhand/essentials',
  'zod',
  'got',
  'ky',
  'snakecase-keys',
  'camelcase-keys',
  'iconv-lite',
  'jose',
  'date-fns',
  'fast-xml-parser',
  'node-forge',
  'nanoid',
  'p-retry',
  'p-map',
  'lru-cache',
  'deepmerge',
  'semver',
  'chalk',
];

/**
 * The versions Logto core ships where logto-host.md states them. The fake Logto instance takes a
 * dependency from the copies installed next to @logto/cli (Logto's own pins) first; a copy found
 * anywhere else in the repository is used only if it matches this range, so the check never loads
 * a connector against a version Logto would not have.
 */
export const logtoCoreDependencyRanges = {
  '@logto/connector-kit': '^5.1.1',
  '@logto/language-kit': '^1.0.0',
  '@silverhand/essentials': '^2.9.1',
  zod: '3.24.3',
  got: '^14.0.0',
  ky: '^1.0.0',
  'snakecase-keys': '^8.0.0',
  'iconv-lite': '0.6.3',
  jose: '^6.0.0',
  'date-fns': '^2.0.0',
  semver: '^7.3.8',
};

/**
 * Metadata ids of official Logto connectors. A stock Logto ships all of them, so reusing one under
 * another package name stops the server from starting (duplicate factory id). The first group was
 * checked against the Logto sources; the rest are the commonly known ids. The `switchboard-` prefix
 * rule below excludes all of them anyway; this list only sharpens the failure message.
 */
export const officialConnectorIds = new Set([
  // checked against packages/connectors/*/src/constant.ts
  'twilio-short-message-service',
  'aliyun-short-message-service',
  'smsaero-short-message-service',
  'mailgun-email',
  'alipay-native',
  'alipay-web',
  // demo and cloud connectors special-cased by core
  'logto-sms',
  'logto-email',
  'logto-social-demo',
  // other official connectors
  'aliyun-direct-mail',
  'apple-universal',
  'aws-ses-mail',
  'azure-ad',
  'discord-universal',
  'facebook-universal',
  'feishu-web',
  'github-universal',
  'google-universal',
  'kakao-universal',
  'naver-universal',
  'oauth2',
  'oidc',
  'saml',
  'sendgrid-email-service',
  'smtp',
  'tencent-short-message-service',
  'wechat-native',
  'wechat-web',
]);

export const packagePrefix = '@switchboard/connector-';
export const idPrefix = 'switchboard-';

/** How long one package may take to load before we call it a hang (Logto startup would hang). */
export const loadTimeoutMs = 15_000;
