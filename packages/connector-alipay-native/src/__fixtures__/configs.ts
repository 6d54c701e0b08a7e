import {
  alipayPublicCertificate,
  alipayPublicKey,
  appCertificate,
  appPrivateKey,
  rootBundle,
} from './keys.js';

/** A config in the official connector's shape: appId, privateKey, signType (test-only key). */
export const validConfig = {
  appId: '2021000000000001',
  privateKey: appPrivateKey,
  signType: 'RSA2',
};

/** Public-key mode with Alipay's answers verified. */
export const verifiedConfig = { ...validConfig, alipayPublicKey };

/** Certificate mode (公钥证书). */
export const certificateConfig = {
  ...validConfig,
  signingMode: 'certificate',
  appCertificate,
  alipayPublicCertificate,
  alipayRootCertificate: rootBundle,
};

/** SNs of the test certificates, computed independently with openssl, bc and md5 (see signing.test.ts). */
export const testCertificateSns = {
  app: '63f839cd7e22f836ecd4c11bf04fbc6f',
  alipay: '90081e2a444c5cd62293c6df659ed9ad',
  root: '7d8066652b6d2c593921b6afb5322782_a65eac0bfbe77a742533e14e74c36f83',
  /** The rotated Alipay certificates of keys.ts, by the same method. */
  rotated: 'f0a84deab02c3da7ae0374089925dee1',
  chained: 'afa772dc8357c975667e4e8e1944eeda',
  expired: '6ab4156b2ba3c3a1992cb2e03720c396',
  unrelated: '131b2d8dddfab40d9ade51e7cf919ac7',
  tampered: 'bb490079070b6bffe09406511821b15d',
};
