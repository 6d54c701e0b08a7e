import type { ConnectorMetadata } from '@logto/connector-kit';
import { formItemsOf } from '@switchboard/core';

import { aliyunFields } from './fields.js';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'aliyun';

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-aliyun-sms',
  target: 'aliyun-sms',
  platform: null,
  name: {
    en: 'Switchboard Aliyun SMS',
    ar: 'Switchboard Aliyun SMS',
    de: 'Switchboard Aliyun SMS',
    es: 'Switchboard Aliyun SMS',
    fr: 'Switchboard Aliyun SMS',
    it: 'Switchboard Aliyun SMS',
    ja: 'Switchboard Aliyun SMS',
    ko: 'Switchboard Aliyun SMS',
    'pl-PL': 'Switchboard Aliyun SMS',
    'pt-BR': 'Switchboard Aliyun SMS',
    'pt-PT': 'Switchboard Aliyun SMS',
    ru: 'Switchboard Aliyun SMS',
    th: 'Switchboard Aliyun SMS',
    'tr-TR': 'Switchboard Aliyun SMS',
    'zh-CN': 'Switchboard 阿里云短信',
    'zh-HK': 'Switchboard 阿里雲短訊',
    'zh-TW': 'Switchboard 阿里雲簡訊',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Send verification codes through Aliyun / Alibaba Cloud SMS: China and international sites, V3 signatures, routing by the number’s country.',
    ar: 'يرسل رموز التحقق عبر الرسائل القصيرة من Aliyun / Alibaba Cloud: موقع الصين والموقع الدولي، وتوقيعات V3، والتوجيه حسب بلد الرقم.',
    de: 'Versendet Bestätigungscodes per SMS über Aliyun / Alibaba Cloud: chinesische und internationale Website, V3-Signaturen, Routing nach dem Land der Rufnummer.',
    es: 'Envía códigos de verificación por SMS con Aliyun / Alibaba Cloud: sitios de China e internacional, firmas V3 y enrutamiento según el país del número.',
    fr: 'Envoie des codes de vérification par SMS via Aliyun / Alibaba Cloud : sites Chine et international, signatures V3, routage selon le pays du numéro.',
    it: 'Invia codici di verifica via SMS con Aliyun / Alibaba Cloud: siti Cina e internazionale, firme V3, instradamento in base al paese del numero.',
    ja: 'Aliyun / Alibaba CloudのSMSで認証コードを送信。中国サイトと国際サイト、V3署名、電話番号の国に応じた振り分けに対応します。',
    ko: '알리바바 클라우드(Aliyun) SMS로 인증번호를 발송합니다. 중국 사이트와 국제 사이트, V3 서명, 번호 국가별 라우팅을 지원합니다.',
    'pl-PL':
      'Wysyła kody weryfikacyjne SMS-em przez Aliyun / Alibaba Cloud: witryna chińska i międzynarodowa, podpisy V3, routing według kraju numeru.',
    'pt-BR':
      'Envia códigos de verificação por SMS pela Aliyun / Alibaba Cloud: sites da China e internacional, assinaturas V3 e roteamento pelo país do número.',
    'pt-PT':
      'Envia códigos de verificação por SMS através da Aliyun / Alibaba Cloud: sites da China e internacional, assinaturas V3 e encaminhamento pelo país do número.',
    ru: 'Отправка кодов подтверждения по SMS через Aliyun / Alibaba Cloud: китайский и международный сайты, подписи V3, маршрутизация по стране номера.',
    th: 'ส่งรหัสยืนยันทาง SMS ผ่าน Aliyun / Alibaba Cloud รองรับเว็บไซต์จีนและเว็บไซต์สากล ลายเซ็น V3 และการกำหนดเส้นทางตามประเทศของหมายเลข',
    'tr-TR':
      'Doğrulama kodlarını Aliyun / Alibaba Cloud SMS ile gönderir: Çin ve uluslararası siteler, V3 imzaları, numaranın ülkesine göre yönlendirme.',
    'zh-CN':
      '通过阿里云短信服务发送验证码：支持中国站与国际站、V3 签名，并按号码所属国家选择国内或国际模板。',
    'zh-HK':
      '透過阿里雲短訊服務發送驗證碼：支援中國站及國際站、V3 簽名，並按號碼所屬地區選用內地或國際範本。',
    'zh-TW':
      '透過阿里雲簡訊服務傳送驗證碼：支援中國站與國際站、V3 簽章，並依號碼所屬國家選擇國內或國際範本。',
  },
  readme: './README.md',
  formItems: formItemsOf(aliyunFields),
};
