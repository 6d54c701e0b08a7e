import { randomUUID } from 'node:crypto';

import {
  ConnectorErrorCodes,
  ConnectorType,
  type CreateConnector,
  type SocialConnector,
  type SocialUserInfo,
} from '@logto/connector-kit';
import { connectorError, resolveConfig, lazyGuard } from '@switchboard/core';
import { z } from 'zod';

import { exchangeAuthCode, fetchUserInfo } from './api.js';
import { alipayNativeConfigGuard, loadCredentials } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';
import { authInfoString } from './signing.js';

const callbackGuard = lazyGuard(() => z.object({ auth_code: z.string().trim().min(1) }));

/** Alipay's target_id: unique per request. Logto's state is, when it fits Alipay's character set. */
const targetIdFor = (state: string | undefined) =>
  state && /^[\w-]{1,64}$/.test(state) ? state : randomUUID().replaceAll('-', '');

const createAlipayNativeConnector: CreateConnector<SocialConnector> = async ({ getConfig }) => {
  const config = async () =>
    resolveConfig(PROVIDER, alipayNativeConfigGuard, getConfig, defaultMetadata.id);

  return {
    metadata: defaultMetadata,
    type: ConnectorType.Social,
    configGuard: alipayNativeConfigGuard,
    getAuthorizationUri: async ({ state }) => {
      const parsed = await config();
      if (parsed.authorizationMode === 'authInfo') {
        const { privateKey, signType } = loadCredentials(parsed);
        return authInfoString(
          { appId: parsed.appId, pid: parsed.pid ?? '', targetId: targetIdFor(state) },
          privateKey,
          signType,
        );
      }
      return `alipay://?${new URLSearchParams({ app_id: parsed.appId, state })}`;
    },
    getUserInfo: async (data) => {
      const callback = callbackGuard.safeParse(data);
      if (!callback.success) {
        throw connectorError(ConnectorErrorCodes.InvalidRequestParameters, {
          provider: PROVIDER,
          message: 'the app must send the auth_code it received from Alipay',
        });
      }
      const parsed = await config();
      const token = await exchangeAuthCode(parsed, callback.data.auth_code);
      const { profile, body } = await fetchUserInfo(parsed, token.access_token);
      const userId = profile.user_id ?? token.user_id;
      const openId = profile.open_id ?? token.open_id;
      const id =
        parsed.userIdField === 'open_id'
          ? openId
          : parsed.userIdField === 'user_id'
            ? userId
            : (userId ?? openId);
      if (!id) {
        throw connectorError(ConnectorErrorCodes.InvalidResponse, {
          provider: PROVIDER,
          message:
            parsed.userIdField === 'auto'
              ? 'Alipay sent neither user_id nor open_id'
              : `Alipay sent no ${parsed.userIdField}: check the User identity setting against the app's ID mode in the Alipay console`,
        });
      }
      return {
        id,
        ...(profile.nick_name ? { name: profile.nick_name } : {}),
        ...(profile.avatar ? { avatar: profile.avatar } : {}),
        rawData: body as SocialUserInfo['rawData'],
      };
    },
  };
};

export default createAlipayNativeConnector;
