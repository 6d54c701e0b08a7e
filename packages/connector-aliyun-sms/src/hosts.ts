// The Dysmsapi sites: the config's `site` choices and what the requests use.
/** The two Dysmsapi sites: the China site (aliyun.com) and the international one (alibabacloud.com). */
export const sites = {
  china: {
    endpoint: 'https://dysmsapi.aliyuncs.com',
    version: '2017-05-25',
    regionId: 'cn-hangzhou',
  },
  international: {
    endpoint: 'https://dysmsapi.ap-southeast-1.aliyuncs.com',
    version: '2018-05-01',
    regionId: 'ap-southeast-1',
  },
} as const;

export type Site = keyof typeof sites;
