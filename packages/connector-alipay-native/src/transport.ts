// One gateway call on the wire: the client, the gateway URL, the signed parameters split between
// query and form as Alipay's SDKs send them, and the method's node read from the answer.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import { declareClient, lazyGuard, type Redactor } from '@switchboard/core';
import { z } from 'zod';

import type { AlipayNativeConfig, Credentials } from './config.js';
import { alipayFailures } from './errors.js';
import { gatewayPath, gateways, gatewayTimeoutMs } from './fields.js';
import { defaultMetadata, PROVIDER } from './metadata.js';
import { type MethodNode, methodNodeOf } from './node.js';
import { responseNodeName, signRequest } from './signing.js';

const gatewayUrl = (config: AlipayNativeConfig) => {
  if (!config.endpoint) return gateways[config.gateway].url;
  return config.endpoint.endsWith('.do') ? config.endpoint : `${config.endpoint}${gatewayPath}`;
};

export const clientFor = declareClient({
  provider: PROVIDER,
  formItems: defaultMetadata.formItems,
  defaultTimeoutMs: gatewayTimeoutMs,
  ...alipayFailures,
});

/** An answer that is not what was asked for (no node, no or a bad signature), redacted by the client. */
export const invalidAnswer = (
  config: AlipayNativeConfig,
  message: string,
  redact?: Redactor,
  status?: number,
) =>
  clientFor(config).fail(
    { message, status },
    { redact, code: ConnectorErrorCodes.InvalidResponse },
  );

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

export type Exchange = MethodNode & {
  status: number;
  body: z.infer<typeof bodyGuard>;
};

/**
 * Posts the signed parameters, the common ones in the query as Alipay's SDKs do. The client
 * hides the config's secrets; `redact` hides the call's own too (auth code, access token).
 */
const post = (config: AlipayNativeConfig, signed: Record<string, string>, redact: Redactor) => {
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

/** Signs and sends one gateway call, and reads the method's node from the answer (unverified). */
export const send = async (
  config: AlipayNativeConfig,
  credentials: Credentials,
  method: string,
  parameters: Record<string, string>,
  redact: Redactor,
): Promise<Exchange> => {
  const { privateKey, signType, certificates } = credentials;
  const signed = signRequest(
    {
      appId: config.appId,
      privateKey,
      signType,
      appCertSn: certificates?.appCertSn,
      alipayRootCertSn: certificates?.alipayRootCertSn,
    },
    method,
    parameters,
  );
  const { status, body, rawBody } = await post(config, signed, redact);
  const node = methodNodeOf(method, rawBody);
  if (!node) {
    throw invalidAnswer(
      config,
      `Alipay answered without a ${responseNodeName(method)} object`,
      redact,
      status,
    );
  }
  return { ...node, status, body };
};
