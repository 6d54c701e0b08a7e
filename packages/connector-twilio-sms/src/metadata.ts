import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';
import {
  defaultSmsTemplates,
  destinationFormItems,
  endpointFormItem,
  templatesFormItem,
  timeoutFormItem,
} from '@switchboard/core';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'twilio';

/** Logto's default code lifetime, 10 minutes: a message that arrives later is no use. */
export const defaultValidityPeriod = 600;

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
  formItems: [
    {
      key: 'accountSID',
      label: 'Account SID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'AC0123456789abcdef0123456789abcdef',
      description: 'Your Twilio Account SID, from the Twilio Console home page.',
    },
    {
      key: 'authToken',
      label: 'Auth Token',
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: '<auth-token>',
      description:
        'Leave empty when you use an API key below (recommended by Twilio for production).',
    },
    {
      key: 'apiKeySid',
      label: 'API key SID',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'SK0123456789abcdef0123456789abcdef',
      description: 'A Standard API key created in the same region as the one chosen below.',
    },
    {
      key: 'apiKeySecret',
      label: 'API key secret',
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: '<api-key-secret>',
    },
    {
      key: 'fromMessagingServiceSID',
      label: 'Messaging Service SID',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'MG0123456789abcdef0123456789abcdef',
      description: 'Send through a Messaging Service. Set this, a sender below, or both.',
    },
    {
      key: 'from',
      label: 'Sender',
      type: ConnectorConfigFormItemType.Text,
      placeholder: '+14155550123 or MyBrand',
      description:
        'A Twilio phone number in E.164 form, a 5- or 6-digit short code, or an alphanumeric sender ID (up to 11 letters, digits and spaces) where your destination countries allow it.',
    },
    {
      key: 'region',
      label: 'Region',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'us1',
      selectItems: [
        { value: 'us1', title: 'United States (US1, api.twilio.com)' },
        { value: 'ie1', title: 'Ireland (IE1, api.dublin.ie1.twilio.com)' },
        { value: 'au1', title: 'Australia (AU1, api.sydney.au1.twilio.com)' },
      ],
      description:
        'Credentials belong to one region: pick the region your account or API key lives in.',
    },
    {
      key: 'disableRiskCheck',
      label: 'Disable Twilio risk check',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Sends RiskCheck=disable, for accounts whose legitimate verification traffic Twilio blocks as SMS pumping.',
    },
    endpointFormItem(
      'https://twilio-proxy.example.com',
      'Optional base URL for a proxy; replaces the region host. https only.',
    ),
    ...destinationFormItems,
    timeoutFormItem('Twilio'),
    {
      key: 'validityPeriod',
      label: 'Validity period (seconds)',
      type: ConnectorConfigFormItemType.Number,
      defaultValue: defaultValidityPeriod,
      placeholder: String(defaultValidityPeriod),
      description:
        'How long a message may wait in Twilio’s queue before Twilio drops it, 1 to 36000 seconds. Set it to the code expiration of your sign-in experience (Logto’s default is 10 minutes, 600): a late code is of no use. Twilio’s own default is 36000 (10 hours).',
    },
    templatesFormItem(defaultSmsTemplates, { example: 'fr' }),
    {
      key: 'whatsAppCountries',
      label: 'WhatsApp countries',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      placeholder: 'BR, IN, or * for every country',
      description:
        'Send codes by WhatsApp instead of SMS to numbers of these countries (ISO 3166-1 alpha-2 codes, separated by commas), or * for every number. Other countries keep getting SMS. Empty: SMS only. Needs WhatsApp templates and a WhatsApp sender below.',
    },
    {
      key: 'whatsAppTemplates',
      label: 'WhatsApp templates',
      type: ConnectorConfigFormItemType.Json,
      required: false,
      // The Console cannot save a Json field without a default; [] is "no WhatsApp".
      defaultValue: [],
      placeholder:
        '[{ "usageType": "Generic", "contentSid": "HX0123456789abcdef0123456789abcdef" }]',
      description:
        'WhatsApp authentication templates approved by WhatsApp, made in Twilio’s Content Template Builder, one per usage type: { "usageType", "contentSid", optional "locale" }. Their one variable {{1}} is the code. A Generic entry is required; other types fall back on it.',
    },
    {
      key: 'whatsAppFrom',
      label: 'WhatsApp sender',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      placeholder: 'whatsapp:+14155550123',
      description:
        'Your WhatsApp sender, whatsapp: then its number in E.164 form. When set, WhatsApp messages come from it (and not through the Messaging Service); when empty, the Messaging Service above picks the WhatsApp sender of its pool. The SMS sender is never used for WhatsApp.',
    },
  ],
};
