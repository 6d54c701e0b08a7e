import type { ConnectorMetadata } from '@logto/connector-kit';
import { formItemsOf } from '@switchboard/core';

import { twilioFields } from './fields.js';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'twilio';

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-twilio-sms',
  target: 'twilio-sms',
  platform: null,
  name: {
    en: 'Switchboard Twilio SMS',
    ar: 'Switchboard Twilio SMS',
    de: 'Switchboard Twilio SMS',
    es: 'Switchboard Twilio SMS',
    fr: 'Switchboard Twilio SMS',
    it: 'Switchboard Twilio SMS',
    ja: 'Switchboard Twilio SMS',
    ko: 'Switchboard Twilio SMS',
    'pl-PL': 'Switchboard Twilio SMS',
    'pt-BR': 'Switchboard Twilio SMS',
    'pt-PT': 'Switchboard Twilio SMS',
    ru: 'Switchboard Twilio SMS',
    th: 'Switchboard Twilio SMS',
    'tr-TR': 'Switchboard Twilio SMS',
    'zh-CN': 'Switchboard Twilio 短信',
    'zh-HK': 'Switchboard Twilio 短訊',
    'zh-TW': 'Switchboard Twilio 簡訊',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Send verification codes by SMS or WhatsApp through Twilio, with API keys, sender IDs and the US, Ireland and Australia regions.',
    ar: 'يرسل رموز التحقق عبر الرسائل القصيرة أو واتساب من خلال Twilio، مع مفاتيح API ومعرّفات المرسل ومناطق الولايات المتحدة وأيرلندا وأستراليا.',
    de: 'Versendet Bestätigungscodes per SMS oder WhatsApp über Twilio, mit API-Schlüsseln, Absenderkennungen und den Regionen USA, Irland und Australien.',
    es: 'Envía códigos de verificación por SMS o WhatsApp con Twilio, con claves de API, ID de remitente y las regiones de EE. UU., Irlanda y Australia.',
    fr: 'Envoie des codes de vérification par SMS ou WhatsApp via Twilio, avec clés d’API, identifiants d’expéditeur et les régions États-Unis, Irlande et Australie.',
    it: 'Invia codici di verifica via SMS o WhatsApp con Twilio, con chiavi API, ID mittente e le regioni Stati Uniti, Irlanda e Australia.',
    ja: 'Twilio経由でSMSまたはWhatsAppで認証コードを送信。APIキー、送信者ID、米国・アイルランド・オーストラリアの各リージョンに対応します。',
    ko: 'Twilio를 통해 SMS 또는 WhatsApp으로 인증번호를 발송합니다. API 키, 발신자 ID, 미국·아일랜드·호주 리전을 지원합니다.',
    'pl-PL':
      'Wysyła kody weryfikacyjne SMS-em lub na WhatsAppie za pośrednictwem Twilio, z kluczami API, identyfikatorami nadawcy i regionami USA, Irlandia i Australia.',
    'pt-BR':
      'Envia códigos de verificação por SMS ou WhatsApp pela Twilio, com chaves de API, IDs de remetente e as regiões dos EUA, Irlanda e Austrália.',
    'pt-PT':
      'Envia códigos de verificação por SMS ou WhatsApp através da Twilio, com chaves de API, IDs de remetente e as regiões dos EUA, Irlanda e Austrália.',
    ru: 'Отправка кодов подтверждения по SMS или в WhatsApp через Twilio: API-ключи, имена отправителя и регионы США, Ирландия и Австралия.',
    th: 'ส่งรหัสยืนยันทาง SMS หรือ WhatsApp ผ่าน Twilio รองรับ API key, ชื่อผู้ส่ง (Sender ID) และภูมิภาคสหรัฐฯ ไอร์แลนด์ และออสเตรเลีย',
    'tr-TR':
      'Doğrulama kodlarını Twilio üzerinden SMS veya WhatsApp ile gönderir; API anahtarları, gönderici kimlikleri ve ABD, İrlanda ve Avustralya bölgeleri desteklenir.',
    'zh-CN':
      '通过 Twilio 以短信或 WhatsApp 发送验证码，支持 API Key、发件人 ID 以及美国、爱尔兰和澳大利亚区域。',
    'zh-HK':
      '透過 Twilio 以短訊或 WhatsApp 發送驗證碼，支援 API 密鑰、發送者 ID，以及美國、愛爾蘭和澳洲區域。',
    'zh-TW':
      '透過 Twilio 以簡訊或 WhatsApp 傳送驗證碼，支援 API 金鑰、發送者 ID，以及美國、愛爾蘭和澳洲區域。',
  },
  readme: './README.md',
  formItems: formItemsOf(twilioFields),
};
