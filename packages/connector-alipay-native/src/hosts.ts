/** Alipay's openapi gateways (https://opendocs.alipay.com/common/02kf5q). */
export const gateways = {
  production: 'https://openapi.alipay.com/gateway.do',
  sandbox: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
} as const;
