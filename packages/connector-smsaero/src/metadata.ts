import type { ConnectorMetadata } from '@logto/connector-kit';
import { formItemsOf } from '@switchboard/core';

import { smsAeroFields } from './fields.js';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'smsaero';

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-smsaero',
  target: 'smsaero-sms',
  platform: null,
  name: {
    en: 'Switchboard SMS Aero',
    ar: 'Switchboard SMS Aero',
    de: 'Switchboard SMS Aero',
    es: 'Switchboard SMS Aero',
    fr: 'Switchboard SMS Aero',
    it: 'Switchboard SMS Aero',
    ja: 'Switchboard SMS Aero',
    ko: 'Switchboard SMS Aero',
    'pl-PL': 'Switchboard SMS Aero',
    'pt-BR': 'Switchboard SMS Aero',
    'pt-PT': 'Switchboard SMS Aero',
    ru: 'Switchboard SMS Aero',
    th: 'Switchboard SMS Aero',
    'tr-TR': 'Switchboard SMS Aero',
    'zh-CN': 'Switchboard SMS Aero 短信',
    'zh-HK': 'Switchboard SMS Aero 短訊',
    'zh-TW': 'Switchboard SMS Aero 簡訊',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Send verification codes by SMS through SMS Aero API v2, with gate failover, a Generic template fallback and clear errors.',
    ar: 'يرسل رموز التحقق عبر الرسائل القصيرة من خلال SMS Aero API v2، مع التبديل التلقائي بين البوابات، والرجوع إلى قالب Generic، ورسائل خطأ واضحة.',
    de: 'Versendet Bestätigungscodes per SMS über die SMS Aero API v2, mit Gate-Failover, Rückfall auf die Generic-Vorlage und verständlichen Fehlern.',
    es: 'Envía códigos de verificación por SMS con la API v2 de SMS Aero, con conmutación entre pasarelas, plantilla Generic de respaldo y errores claros.',
    fr: 'Envoie des codes de vérification par SMS via l’API v2 de SMS Aero, avec bascule entre passerelles, repli sur le modèle Generic et erreurs claires.',
    it: 'Invia codici di verifica via SMS con l’API v2 di SMS Aero, con failover tra gateway, modello Generic di riserva ed errori chiari.',
    ja: 'SMS Aero API v2でSMSの認証コードを送信。ゲートのフェイルオーバー、Genericテンプレートへのフォールバック、わかりやすいエラーに対応します。',
    ko: 'SMS Aero API v2로 SMS 인증번호를 발송합니다. 게이트 장애 조치, Generic 템플릿 대체, 명확한 오류 메시지를 지원합니다.',
    'pl-PL':
      'Wysyła kody weryfikacyjne SMS-em przez SMS Aero API v2, z przełączaniem bramek, zapasowym szablonem Generic i czytelnymi błędami.',
    'pt-BR':
      'Envia códigos de verificação por SMS pela API v2 da SMS Aero, com failover entre gateways, modelo Generic como reserva e erros claros.',
    'pt-PT':
      'Envia códigos de verificação por SMS através da API v2 da SMS Aero, com failover entre gateways, modelo Generic de recurso e erros claros.',
    ru: 'Отправка кодов подтверждения по SMS через SMS Aero API v2: резервные шлюзы, шаблон Generic по умолчанию и понятные ошибки.',
    th: 'ส่งรหัสยืนยันทาง SMS ผ่าน SMS Aero API v2 รองรับการสลับเกตเวย์อัตโนมัติ เทมเพลต Generic สำรอง และข้อผิดพลาดที่ชัดเจน',
    'tr-TR':
      'Doğrulama kodlarını SMS Aero API v2 üzerinden SMS ile gönderir; ağ geçitleri arasında yük devretme, Generic şablonuna geri dönüş ve anlaşılır hatalar.',
    'zh-CN':
      '通过 SMS Aero API v2 发送短信验证码，支持网关故障切换、Generic 模板回退和清晰的错误信息。',
    'zh-HK':
      '透過 SMS Aero API v2 發送短訊驗證碼，支援閘道故障轉移、Generic 範本後備及清晰的錯誤訊息。',
    'zh-TW':
      '透過 SMS Aero API v2 傳送簡訊驗證碼，支援閘道容錯移轉、Generic 範本備援及清楚的錯誤訊息。',
  },
  readme: './README.md',
  formItems: formItemsOf(smsAeroFields),
};
