// Gateway bodies in Alipay's documented shapes, signed over the raw node text with the TEST-ONLY
// fake Alipay key (`alipayPrivateKey` in keys.ts). The signatures were made with
//   printf '%s' '<node text>' | openssl dgst -sha256 -sign alipay.key | base64 -w0
// so they also check that nothing re-serialises the node before verifying it.

export const tokenNode =
  '{"access_token":"authusrB4c1e2f6d3a7b48e9a0c5d6e7f8091a2b","alipay_user_id":"20880012939123234423","expires_in":1296000,"re_expires_in":2592000,"refresh_token":"authusrR0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d","user_id":"2088102104794936","open_id":"074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5"}';
export const tokenSign =
  'pxnNReC8QVpmeaWCs7KqIcCTnGFn2JC6iu1ch33GVy0MANnLipVJRmQMUC8KxsArKeTFuesAj7WDARDreVYxH7c+CEaNXceRWvkpJ+jj+9yVozk9Ss3nX3QPZBFxzqf/yUMWYgBDb1g83rTQIhSOmQlN8U4ZrE1QrjvMF3hzUE8cUbMOPeNnk9GN3z5lZZ38moS9v9dQo1ALDsk7FutxrNxKcNjQ3e01vF7Rwj6KUWbjDWTcixBBVrDLA5T48tIRqgLm1blq1W36ey5G7n7QNiyHb8ITeRlpQpJP9SlTygL5PV+0T0FJ7b90NhaUFPS9xMuJP9oZoH0VBzYfqmuLgw==';

/** Escaped slashes and Chinese text, exactly as Alipay writes them. */
export const userNode =
  '{"code":"10000","msg":"Success","user_id":"2088102104794936","open_id":"074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5","avatar":"https:\\/\\/tfs.alipayobjects.com\\/images\\/partner\\/T1k0xiXXRnXXXXXXXX","nick_name":"沙箱测试","province":"安徽省","city":"安庆","gender":"F"}';
export const userSign =
  'eCp9TLuxAanmeaW4wAFHV/EFdIspAc0A+Yj1qf2FRU0eiW0CiC7jei4IsKQ/wLT3d8zuTmZc2T4tCWkA+3CXQ7oAZ3itb4FAENxLedssAGTOqMLdPutHegaNwma2R7/M5hdMEUsoamGZYjLsC0IZQGBVqVd9dmW++H9zIBeabD6+JassbU7kavXy8+/eT6T5q75TVU6Wq5Pn79w6ptvNDyXGELBkSKaqKxyN/RK/qMMO5IvTLfuXxlUv+6ejoQlueH5/rgMmhL6ZC/IFFkBhEFzoGhpKoTHyFIQ79bowP3AoefudIkwRUTsaFckowOtjpGXSe7Ihzi/UKWp5Fc7/pA==';
/** The same node signed with RSA-SHA1 (signType RSA). */
export const userSignSha1 =
  'PkjFyX01+CR1oLeOzZmm1y4o5nTEy4bLDS5QXUOpVjE9khKFD4PZBb3fwqnXxyM9B9JQEtbPgCXw9iV3Ni2vkzqymUWYyNC6l/dA+TYUL+cl6KwtULo3j5TuMQ54lolp5MXHpki4UwPEwaXYfduOfTiTOMVdoKnBAxoSPsmabHkQgQlj2Pe7C8ToKzvK61Dyxt4y+Y0JSJHDACAas3IaN+Ot+ReHe9UxIA06Dclb2Y53UULRUHoXFEPPEJCsax8Xl1nDSGB1s9opDIBkmE1l9ex0pE+VgyM+VaGBMz1CYit90o6W07O2vv6IKgUXn7n/xiMuAlMAXVXrCvnC83telg==';

export const codeInvalidNode =
  '{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"}';
export const codeInvalidSign =
  'G51beaww+8LFn4SHi3Vt9TkFm3/fG5oZqsMdX399C6AuWjScK+IbjrZ9GBG+gEMb55WFpZkph12mdD92HE6iUocM0qCyL5KkuzYCr2Plsz2fFqvfQCbrqT7O7i4EQajSk9bUc0jLhCaHZUqaSXzExIOX3IGC61D2MK+vADETp9vZi7OQZlZ19y1tnufFjvkz7YoAqamU7VZ+UpTtnJc0bTs7hGcE8bMQ5B5HC3w709evsdLODXKUMmt2kwRMux4+LrBt43h059cVa3zD2gGyMEPfSCh6Ax2uuTab0nuMMBr+dI/mlKL0/jlcESB7VtzWMzUnUWdb2K/qe1X8WWJuxQ==';

/** A body as Alipay writes it: the node text verbatim, then the signature. */
export const body = (node: string, name: string, sign?: string, extra = '') =>
  `{"${name}":${node}${sign === undefined ? '' : `,"sign":"${sign}"`}${extra}}`;

export const tokenBody = body(tokenNode, 'alipay_system_oauth_token_response', tokenSign);
export const userBody = body(userNode, 'alipay_user_info_share_response', userSign);
export const codeInvalidBody = body(codeInvalidNode, 'error_response', codeInvalidSign);
