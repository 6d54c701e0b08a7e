// The gateway methods the connector calls: each signed, sent, its signature checked, a failure
// turned into a ConnectorError (errors.ts) and the answer read.
import { createRedactor, lazyGuard } from '@switchboard/core';
import { z } from 'zod';

import { type AlipayNativeConfig, loadCredentials } from './config.js';
import { alipayFailure } from './errors.js';
import { methods } from './fields.js';
import { checkSignature } from './verification.js';
import { clientFor, invalidAnswer, send } from './transport.js';

export type GatewayAnswer = {
  /** The method's node, parsed. */
  node: Record<string, unknown>;
  /** The whole body, parsed (the official connector's `rawData`). */
  body: Record<string, unknown>;
};

/**
 * Calls one gateway method: signs the documented parameters, checks Alipay's signature over the
 * raw node text when a verification key is set, and turns Alipay failures into ConnectorErrors.
 * `secrets` are the call's own values (auth code, access token) that no error may show; the
 * client hides the config's.
 */
const callGateway = async (
  config: AlipayNativeConfig,
  method: string,
  parameters: Record<string, string>,
  secrets: string[] = [],
): Promise<GatewayAnswer> => {
  const credentials = loadCredentials(config);
  const redact = createRedactor(secrets);
  const answer = await send(config, credentials, method, parameters, redact);
  await checkSignature(config, credentials, method, answer, redact);
  if (answer.failed) throw clientFor(config).fail(alipayFailure(method, answer.node), { redact });
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
    throw invalidAnswer(
      config,
      'Alipay answered alipay.system.oauth.token without an access_token',
    );
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
    throw invalidAnswer(
      config,
      'Alipay answered alipay.user.info.share with an unexpected profile',
    );
  }
  return { profile: profile.data, body };
};
