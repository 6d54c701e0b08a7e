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

/**
 * `userNode` signed over its text with `\/` written `/`, as Alipay sometimes signs it (its SDKs
 * retry the check that way): `sed 's#\\/#/#g' user-node.txt | openssl dgst -sha256 -sign alipay.key`.
 */
export const userSignUnescaped =
  '0R16MN2EZIECKvMH+EmUQgktTxQ6lw5mhK+zi73RahtWYI2x+NqzfmC3gk4mrGM1W9wWw4x7dzqy12rSybR0FnEM2joG5Umzgc48st3MNhtAYnUHdXNbXIMfWzbjZOw7W9SRRDbABnSnwHRoIiQoiQGlwV6qFoWHvmNrxUo4BQ+iu2tAPURZ2ghBI5nUMH9pSHxkAw2UJ4wL3kOfELHId7bvO2dG5IdX3aCVpmSuEzUVBIWLxisNIDyW4HVc5W+vsIhqDqskkjmR7FTCB0UkzN/0dbJNyf1MX9prYEej/Tqa5VX5BVef4JcSEtKQXaNWLAVbDGr95lUA3PqYQu29+A==';

/** `tokenNode` and `userNode` signed with the rotated Alipay key (`rotatedAlipayPrivateKey`, alipay2.key). */
export const tokenSignRotated =
  'HaLXWYL9M+znDtmjyGUhIUufiBnjaxesdYgR0SJ+ki0SG7zki8R6bJCGrVCGTTVpdjbUYBUYHbKv3Mz9ODqx3dI1znSOAYneznv3bHaS3Dx0gJkKqkjexVaU1Ti9FPTLEbM3SNS6wmdT70mLvFCtng9EOndS79R0H/SD2zo7ZBpBebBSjUbkiZWm8ATjKGIj7VW+P4ipWCPWIRcGAD4qjr52z0qCBuwFCP+Svdbp8s5YlZc0TAkZNDs/ZNMo9m3bpKGOqWifnB6J8HpO1e2QJGmTH+gq9K2uWYeqUreUWq3e26zoYiV7/fWXhlom/loxxZNAi/79eZKNca3AjIRLbw==';
export const userSignRotated =
  'T9f+qL1hCjq0d3DjUkt0llpqOrdDKiqjrCmJs4v0k8aHepxLo7Dnz+CB/wvxVE61hphlb8gOKCCQJFZG78c2N2yvVMxCrR3fLywtYWjAQ1YBmjfy05gsaoZjyyGuP0XP7N5mDJkKPAdOlc4/PNAkn8UO2wKoJIqhM2GoxHLwH3PmT7WoNrrizqdeVhaPMBzjzEnfNFNGJn07wMOy4oektN202oKB7+HzonXl9cHwg54oPqbZjVJqqq/QAPsFWvQNY3dpWHUWO6BO4EnxT62OYHmGJIvEhFEKhovnRbX1XG5Qbi2ViVwp1y3TUzWGB7qwX0MXrFD+CEMdtSKpZq7Ibw==';

/** GBK bytes of the Chinese in these answers: `printf '%s' 沙箱测试 | iconv -f utf-8 -t gbk | xxd -p`. */
const gbkBytes: Readonly<Record<string, string>> = {
  沙箱测试: 'c9b3cfe4b2e2cad4',
  安徽省: 'b0b2bbd5caa1',
  安庆: 'b0b2c7ec',
  授权码code无效: 'cadac8a8c2eb636f6465ceded0a7',
  无效的AppID参数: 'ceded0a7b5c44170704944b2cecafd',
};

/** A body as a gateway answering in GBK sends it: ASCII as is, each Chinese phrase as its GBK bytes. */
export const inGbk = (text: string): Buffer =>
  Buffer.concat(
    text.split(/([^ -~][^"]*)/).map((part, index) => {
      if (index % 2 === 0) return Buffer.from(part, 'ascii');
      const hex = gbkBytes[part];
      if (!hex) throw new Error(`no GBK bytes written out for ${part}`);
      return Buffer.from(hex, 'hex');
    }),
  );
