// `switchboard check` and `switchboard doctor`: a config the guard accepts but that leaves Alipay's
// answers unverified (the official connector's config shape, so every migrated installation).
import type { Advice } from '@switchboard/core/sandbox';

import { alipayNativeConfigGuard } from './config.js';

const howToGetTheKey =
  'copy the Alipay public key (支付宝公钥) from the Alipay Open Platform console (your app → Development settings → Signing method, public key mode) into alipayPublicKey, or use certificate mode';

const unverifiedWarning = `Alipay's answers are not verified: without alipayPublicKey or certificate mode, a forged gateway answer can sign in as any Alipay user; ${howToGetTheKey}`;

const advice: Advice = {
  config: (raw) => {
    const parsed = alipayNativeConfigGuard.safeParse(raw);
    if (!parsed.success) return [];
    const { signingMode, alipayPublicKey } = parsed.data;
    return signingMode === 'certificate' || alipayPublicKey ? [] : [unverifiedWarning];
  },
  installed: `a config without alipayPublicKey and without certificate mode accepts Alipay's answers unverified (a forged answer can sign in as any Alipay user): run switchboard check alipay-native --config <file> on the config from the Console, and if it warns, ${howToGetTheKey}`,
};

export default advice;
