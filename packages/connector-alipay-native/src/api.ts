import type { KeyObject } from 'node:crypto';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  connectorError,
  createRedactor,
  declareClient,
  definedFields,
  lazyGuard,
  type Redactor,
  withHint,
} from '@switchboard/core';
import { z } from 'zod';

import { type CertificateMode, trustDownloadedCertificate } from './certificates.js';
import { type AlipayNativeConfig, type Credentials, loadCredentials } from './config.js';
import { alipayHintFor, classifyAlipay } from './errors.js';
import { gatewayPath, gateways, gatewayTimeoutMs, methods } from './fields.js';
import { defaultMetadata, PROVIDER } from './metadata.js';
import {
  beijingTimestamp,
  rawMembers,
  responseNodeName,
  signParameters,
  verifyNode,
} from './signing.js';

export const gatewayUrl = (config: AlipayNativeConfig) => {
  if (!config.endpoint) return gateways[config.gateway].url;
  return config.endpoint.endsWith('.do') ? config.endpoint : `${config.endpoint}${gatewayPath}`;
};

const clientFor = declareClient({
  provider: PROVIDER,
  formItems: defaultMetadata.formItems,
  defaultTimeoutMs: gatewayTimeoutMs,
});

/** Parameters Alipay's SDKs send in the query string; the rest go in the form body. */
const queryParameters = new Set([
  'app_id',
  'method',
  'format',
  'charset',
  'sign_type',
  'sign',
  'timestamp',
  'version',
  'auth_token',
  'app_cert_sn',
  'alipay_root_cert_sn',
]);

const bodyGuard = lazyGuard(() =>
  z.object({ sign: z.string().optional(), alipay_cert_sn: z.string().optional() }).passthrough(),
);

const codeGuard = lazyGuard(() => z.union([z.string(), z.number()]).transform(String));

/** Every Alipay node may carry these; only a node with a code other than 10000 is a failure. */
const outcomeGuard = lazyGuard(() =>
  z
    .object({
      code: codeGuard.optional(),
      msg: z.string().optional(),
      sub_code: z.string().optional(),
      sub_msg: z.string().optional(),
    })
    .passthrough(),
);

const fail = (message: string, redact: Redactor, status?: number) =>
  connectorError(
    ConnectorErrorCodes.InvalidResponse,
    { provider: PROVIDER, message, status },
    redact,
  );

export type GatewayAnswer = {
  /** The method's node, parsed. */
  node: Record<string, unknown>;
  /** The whole body, parsed (the official connector's `rawData`). */
  body: Record<string, unknown>;
};

type Exchange = {
  status: number;
  body: z.infer<typeof bodyGuard>;
  /** The node exactly as it stands in the body, as decoded: the text Alipay signed. */
  nodeText: string;
  node: z.infer<typeof outcomeGuard>;
  /** An `error_response`, or a node whose code is not 10000. */
  failed: boolean;
};

/** Sign: Alipay's common parameters (in its own names), the method's own, and `sign`. */
const sign = (
  config: AlipayNativeConfig,
  credentials: Credentials,
  method: string,
  parameters: Record<string, string>,
) =>
  signParameters(
    {
      app_id: config.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: credentials.signType,
      timestamp: beijingTimestamp(),
      version: '1.0',
      app_cert_sn: credentials.certificates?.appCertSn,
      alipay_root_cert_sn: credentials.certificates?.alipayRootCertSn,
      ...parameters,
    },
    credentials.privateKey,
    credentials.signType,
  );

/**
 * Request: posts the signed parameters, the common ones in the query as Alipay's SDKs do. The
 * client hides the config's secrets; `redact` hides the call's own too (auth code, access token).
 */
const request = (config: AlipayNativeConfig, signed: Record<string, string>, redact: Redactor) => {
  const entries = Object.entries(signed);
  const form = Object.fromEntries(entries.filter(([name]) => !queryParameters.has(name)));
  return clientFor(config).request({
    url: gatewayUrl(config),
    searchParams: Object.fromEntries(entries.filter(([name]) => queryParameters.has(name))),
    ...(Object.keys(form).length > 0 ? { form } : {}),
    guard: bodyGuard,
    redact,
  });
};

/** Cuts the method's node (or `error_response`) from the answer, as the text Alipay signed. */
const readNode = (
  method: string,
  { body, rawBody, status }: Awaited<ReturnType<typeof request>>,
  redact: Redactor,
): Exchange => {
  const nodeName = responseNodeName(method);
  const members = rawMembers(rawBody);
  const isError = !members.has(nodeName) && members.has('error_response');
  const nodeText = members.get(nodeName) ?? members.get('error_response');
  const parsedNode = outcomeGuard.safeParse(
    nodeText === undefined ? undefined : JSON.parse(nodeText),
  );
  if (nodeText === undefined || !parsedNode.success) {
    throw fail(`Alipay answered without a ${nodeName} object`, redact, status);
  }
  const node = parsedNode.data;
  return {
    status,
    body,
    nodeText,
    node,
    failed: isError || (node.code !== undefined && node.code !== '10000'),
  };
};

/** Signs and sends one gateway call, and reads the method's node from the answer (unverified). */
const send = async (
  config: AlipayNativeConfig,
  credentials: Credentials,
  method: string,
  parameters: Record<string, string>,
  redact: Redactor,
): Promise<Exchange> => {
  const signed = sign(config, credentials, method, parameters);
  return readNode(method, await request(config, signed, redact), redact);
};

/** Time source of the certificate checks and of the refusal memory; tests replace `now`. */
export const clock = { now: (): number => Date.now() };

/**
 * Keys of Alipay certificates downloaded after a rotation, per configured certificates (so per
 * root bundle) and SN. A download that fails is forgotten, so nothing untrusted stays.
 */
const downloaded = new WeakMap<CertificateMode, Map<string, Promise<KeyObject>>>();

/** How long a refused certificate SN is not downloaded again, and how many refusals are kept. */
export const refusalMemoryMs = 10 * 60 * 1000;
export const maxRememberedRefusals = 32;

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

/**
 * The key of the Alipay certificate `sn`, which is not the configured one: downloaded with
 * `alipay.open.app.alipaycert.download` and trusted only if it chains to alipayRootCertificate
 * (`trustDownloadedCertificate`), as Alipay's SDKs do when Alipay renews its certificate.
 */
const rotatedKey = async (
  config: AlipayNativeConfig,
  credentials: Credentials,
  certificates: CertificateMode,
  sn: string,
  redact: Redactor,
): Promise<KeyObject> => {
  const known = downloaded.get(certificates) ?? new Map<string, Promise<KeyObject>>();
  downloaded.set(certificates, known);
  const cached = known.get(sn);
  if (cached) return cached;
  const refuse = (why: string, status?: number) =>
    fail(
      `Alipay signed with certificate ${sn}, not the configured ${certificates.alipayCertSn}, and ${why}: download the current Alipay public key certificate (and root certificate) from the Alipay console`,
      redact,
      status,
    );
  const remembered = rememberedRefusal(certificates, sn);
  if (remembered) {
    throw refuse(
      `${remembered.why} (refused less than ${refusalMemoryMs / 60_000} minutes ago: not downloaded again yet)`,
      remembered.status,
    );
  }
  const refuseAndRemember = (why: string, status?: number) => {
    rememberRefusal(certificates, sn, { why, status, until: clock.now() + refusalMemoryMs });
    return refuse(why, status);
  };
  const download = (async () => {
    if (!/^[\w-]{1,128}$/.test(sn)) throw refuse('that is not a certificate SN');
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
      {
        sn,
        subject: certificates.alipayCertSubject,
        roots: certificates.alipayRoots,
      },
      new Date(clock.now()),
    );
    if ('problem' in trust) {
      throw refuseAndRemember(`the downloaded certificate is refused: ${trust.problem}`, status);
    }
    return trust.publicKey;
  })();
  known.set(sn, download);
  download.catch(() => known.delete(sn));
  return download;
};

/**
 * Verify: checks Alipay's `sign` over the raw node text. As in Alipay's SDKs, a failure is verified only
 * when it is signed: the gateway answers isv.invalid-app-id and the like unsigned, and a failure
 * can only ever fail the sign-in. A success must be signed, and verify when a key is configured.
 */
const checkSignature = async (
  config: AlipayNativeConfig,
  credentials: Credentials,
  method: string,
  answer: Exchange,
  redact: Redactor,
) => {
  const { body, status } = answer;
  if (!body.sign) {
    if (answer.failed) return;
    throw fail(`Alipay's answer to ${method} is not signed`, redact, status);
  }
  const { certificates, verifyKey } = credentials;
  if (!verifyKey) return;
  const sn = body.alipay_cert_sn;
  const rotated = certificates && sn && sn !== certificates.alipayCertSn ? sn : undefined;
  const key =
    certificates && rotated
      ? await rotatedKey(config, credentials, certificates, rotated, redact)
      : verifyKey;
  if (!verifyNode(answer.nodeText, body.sign, key, credentials.signType)) {
    const used = rotated
      ? `Alipay certificate ${rotated} (downloaded)`
      : certificates
        ? 'configured Alipay public key certificate'
        : 'configured alipayPublicKey';
    throw fail(
      `Alipay's signature on the ${method} answer does not verify with the ${used}`,
      redact,
      status,
    );
  }
};

/** Classify: the ConnectorError for a failed node, by its sub code, code and method. */
const classifyFailure = (method: string, node: Exchange['node'], redact: Redactor) => {
  const code = node.code ?? 'unknown';
  const message = node.sub_msg ?? node.msg ?? `Alipay ${method} failed`;
  return connectorError(
    classifyAlipay(method, code, node.sub_code),
    {
      provider: PROVIDER,
      code,
      message: withHint(message, alipayHintFor(node.sub_code)),
      details: {
        method,
        ...definedFields({ msg: node.msg, sub_code: node.sub_code, sub_msg: node.sub_msg }),
      },
    },
    redact,
  );
};

/**
 * Calls one gateway method: signs the documented parameters, checks Alipay's signature over the
 * raw node text when a verification key is set, and turns Alipay failures into ConnectorErrors.
 * `secrets` are the call's own values (auth code, access token) that no error may show.
 */
export const callGateway = async (
  config: AlipayNativeConfig,
  method: string,
  parameters: Record<string, string>,
  secrets: string[] = [],
): Promise<GatewayAnswer> => {
  const credentials = loadCredentials(config);
  const redact = createRedactor([config.privateKey, ...secrets]);
  const answer = await send(config, credentials, method, parameters, redact);
  await checkSignature(config, credentials, method, answer, redact);
  if (answer.failed) throw classifyFailure(method, answer.node, redact);
  return { node: answer.node, body: answer.body };
};

const tokenGuard = lazyGuard(() =>
  z
    .object({
      access_token: z.string().min(1),
      user_id: z.string().optional(),
      open_id: z.string().optional(),
    })
    .passthrough(),
);

const userInfoGuard = lazyGuard(() =>
  z
    .object({
      user_id: z.string().optional(),
      open_id: z.string().optional(),
      nick_name: z.string().optional(),
      avatar: z.string().optional(),
    })
    .passthrough(),
);

/** `alipay.system.oauth.token`: the auth code from the app becomes an access token. */
export const exchangeAuthCode = async (config: AlipayNativeConfig, authCode: string) => {
  const { node } = await callGateway(
    config,
    methods.token,
    { grant_type: 'authorization_code', code: authCode },
    [authCode],
  );
  const token = tokenGuard.safeParse(node);
  if (!token.success) {
    throw fail('Alipay answered alipay.system.oauth.token without an access_token', (text) => text);
  }
  return token.data;
};

/** `alipay.user.info.share`: the profile the access token grants. */
export const fetchUserInfo = async (config: AlipayNativeConfig, accessToken: string) => {
  const { node, body } = await callGateway(config, methods.userInfo, { auth_token: accessToken }, [
    accessToken,
  ]);
  const profile = userInfoGuard.safeParse(node);
  if (!profile.success) {
    throw fail('Alipay answered alipay.user.info.share with an unexpected profile', (text) => text);
  }
  return { profile: profile.data, body };
};
