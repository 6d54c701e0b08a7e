import { ConnectorErrorCodes } from '@logto/connector-kit';
import { connectorError, createHttpClient, createRedactor } from '@switchboard/core';
import { z } from 'zod';

import { type AlipayNativeConfig, loadCredentials } from './config.js';
import { alipayHints, classifyAlipay } from './errors.js';
import { defaultTimeoutMs, gateways, methods, PROVIDER } from './metadata.js';
import {
  beijingTimestamp,
  rawMembers,
  responseNodeName,
  signParameters,
  verifyNode,
} from './signing.js';

export const gatewayUrl = (config: AlipayNativeConfig) => {
  if (!config.endpoint) return gateways[config.gateway];
  return config.endpoint.endsWith('.do') ? config.endpoint : `${config.endpoint}/gateway.do`;
};

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

const bodyGuard = z
  .object({ sign: z.string().optional(), alipay_cert_sn: z.string().optional() })
  .passthrough();

const codeGuard = z.union([z.string(), z.number()]).transform(String);

/** Every Alipay node may carry these; only a node with a code other than 10000 is a failure. */
const outcomeGuard = z
  .object({
    code: codeGuard.optional(),
    msg: z.string().optional(),
    sub_code: z.string().optional(),
    sub_msg: z.string().optional(),
  })
  .passthrough();

const fail = (message: string, redact: (text: string) => string, status?: number) =>
  connectorError(
    ConnectorErrorCodes.InvalidResponse,
    { provider: PROVIDER, message, ...(status === undefined ? {} : { status }) },
    redact,
  );

export type GatewayAnswer = {
  /** The method's node, parsed. */
  node: Record<string, unknown>;
  /** The whole body, parsed (the official connector's `rawData`). */
  body: Record<string, unknown>;
};

/**
 * Calls one gateway method: signs the documented parameters, checks Alipay's signature over the
 * raw node text when a verification key is set, and turns Alipay failures into ConnectorErrors.
 */
export const callGateway = async (
  config: AlipayNativeConfig,
  method: string,
  parameters: Record<string, string>,
  secrets: string[] = [],
): Promise<GatewayAnswer> => {
  const credentials = loadCredentials(config);
  const allSecrets = [config.privateKey, ...secrets];
  const redact = createRedactor(allSecrets);
  const signed = signParameters(
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
  const entries = Object.entries(signed);
  const form = Object.fromEntries(entries.filter(([name]) => !queryParameters.has(name)));
  const client = createHttpClient({
    provider: PROVIDER,
    timeoutMs: config.timeout ?? defaultTimeoutMs,
    secrets: allSecrets,
  });
  const { body, rawBody, status } = await client.request({
    url: gatewayUrl(config),
    searchParams: Object.fromEntries(entries.filter(([name]) => queryParameters.has(name))),
    ...(Object.keys(form).length > 0 ? { form } : {}),
    guard: bodyGuard,
  });

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
  const failed = isError || (node.code !== undefined && node.code !== '10000');

  if (credentials.verifyKey) {
    if (!body.sign) {
      throw fail(
        `Alipay's answer to ${method} is not signed${failed ? ` (unverified: ${node.code ?? ''} ${node.sub_code ?? ''} ${node.sub_msg ?? node.msg ?? ''})` : ''}`,
        redact,
        status,
      );
    }
    if (!verifyNode(nodeText, body.sign, credentials.verifyKey, credentials.signType)) {
      const expected = credentials.certificates?.alipayCertSn;
      const rotated =
        expected && body.alipay_cert_sn && body.alipay_cert_sn !== expected
          ? `; Alipay signed with certificate ${body.alipay_cert_sn}, not the configured ${expected}: download the current Alipay public key certificate`
          : '';
      throw fail(
        `Alipay's signature on the ${method} answer does not verify with the configured ${credentials.certificates ? 'Alipay public key certificate' : 'alipayPublicKey'}${rotated}`,
        redact,
        status,
      );
    }
  } else if (!failed && !body.sign) {
    throw fail(`Alipay's answer to ${method} is not signed`, redact, status);
  }

  if (failed) {
    const code = node.code ?? 'unknown';
    const hint = node.sub_code ? alipayHints[node.sub_code] : undefined;
    const message = node.sub_msg ?? node.msg ?? `Alipay ${method} failed`;
    throw connectorError(
      classifyAlipay(method, code, node.sub_code),
      {
        provider: PROVIDER,
        code,
        message: hint ? `${message} (${hint})` : message,
        details: {
          method,
          ...(node.msg === undefined ? {} : { msg: node.msg }),
          ...(node.sub_code === undefined ? {} : { sub_code: node.sub_code }),
          ...(node.sub_msg === undefined ? {} : { sub_msg: node.sub_msg }),
        },
      },
      redact,
    );
  }
  return { node, body };
};

const tokenGuard = z
  .object({
    access_token: z.string().min(1),
    user_id: z.string().optional(),
    open_id: z.string().optional(),
  })
  .passthrough();

const userInfoGuard = z
  .object({
    user_id: z.string().optional(),
    open_id: z.string().optional(),
    nick_name: z.string().optional(),
    avatar: z.string().optional(),
  })
  .passthrough();

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
