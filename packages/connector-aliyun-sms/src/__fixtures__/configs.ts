/** A config in the official connector's shape (`type` included), China site, nothing new set. */
export const validConfig = {
  accessKeyId: 'LTAI5tFakeAccessKeyId0001',
  accessKeySecret: 'fakeSecret9f8e7d6c5b4a3928170',
  signName: '阿里云短信测试',
  templates: [
    {
      type: 2,
      usageType: 'SignIn',
      templateCode: { china: 'SMS_100000001', overseas: 'SMS_200000001' },
    },
    {
      type: 2,
      usageType: 'Register',
      templateCode: { china: 'SMS_100000002', overseas: 'SMS_200000002' },
    },
    { type: 2, usageType: 'ForgotPassword', templateCode: 'SMS_300000003' },
    {
      type: 2,
      usageType: 'Generic',
      templateCode: { china: 'SMS_100000004', overseas: 'SMS_200000004' },
    },
  ],
  strictPhoneRegionNumberCheck: false,
};

/** Recorded-shape Aliyun bodies. */
export const okBody = {
  Code: 'OK',
  Message: 'OK',
  RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
  BizId: '900619746936498440^0',
};
