import type { ConnectorMetadata } from '@logto/connector-kit';
import { formItemsOf } from '@switchboard/core';

import { mailgunFields } from './fields.js';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'mailgun';

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-mailgun',
  target: 'mailgun-email',
  platform: null,
  name: {
    en: 'Switchboard Mailgun',
    ar: 'Switchboard Mailgun',
    de: 'Switchboard Mailgun',
    es: 'Switchboard Mailgun',
    fr: 'Switchboard Mailgun',
    it: 'Switchboard Mailgun',
    ja: 'Switchboard Mailgun',
    ko: 'Switchboard Mailgun',
    'pl-PL': 'Switchboard Mailgun',
    'pt-BR': 'Switchboard Mailgun',
    'pt-PT': 'Switchboard Mailgun',
    ru: 'Switchboard Mailgun',
    th: 'Switchboard Mailgun',
    'tr-TR': 'Switchboard Mailgun',
    'zh-CN': 'Switchboard Mailgun',
    'zh-HK': 'Switchboard Mailgun',
    'zh-TW': 'Switchboard Mailgun',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Send verification and invitation emails through Mailgun, in the US or EU region, with Logto email templates or Mailgun-hosted templates.',
    ar: 'يرسل رسائل البريد الإلكتروني للتحقق والدعوات عبر Mailgun، في منطقة الولايات المتحدة أو الاتحاد الأوروبي، باستخدام قوالب البريد في Logto أو قوالب مستضافة على Mailgun.',
    de: 'Versendet Bestätigungs- und Einladungs-E-Mails über Mailgun, in der Region USA oder EU, mit Logto-E-Mail-Vorlagen oder bei Mailgun gehosteten Vorlagen.',
    es: 'Envía correos de verificación e invitación con Mailgun, en la región de EE. UU. o de la UE, con plantillas de correo de Logto o plantillas alojadas en Mailgun.',
    fr: 'Envoie les e-mails de vérification et d’invitation via Mailgun, région US ou UE, avec les modèles d’e-mail de Logto ou des modèles hébergés chez Mailgun.',
    it: 'Invia email di verifica e di invito con Mailgun, nella regione USA o UE, con i modelli email di Logto o modelli ospitati su Mailgun.',
    ja: 'Mailgun経由で認証メールと招待メールを送信。米国またはEUリージョン、Logtoのメールテンプレート、Mailgunでホストされるテンプレートに対応します。',
    ko: 'Mailgun을 통해 인증 메일과 초대 메일을 발송합니다. 미국 또는 EU 리전, Logto 이메일 템플릿과 Mailgun 호스팅 템플릿을 지원합니다.',
    'pl-PL':
      'Wysyła e-maile weryfikacyjne i zaproszenia przez Mailgun, w regionie USA lub UE, z szablonami e-maili Logto lub szablonami hostowanymi w Mailgun.',
    'pt-BR':
      'Envia e-mails de verificação e de convite pela Mailgun, na região dos EUA ou da UE, com modelos de e-mail do Logto ou modelos hospedados na Mailgun.',
    'pt-PT':
      'Envia e-mails de verificação e de convite através da Mailgun, na região dos EUA ou da UE, com modelos de e-mail do Logto ou modelos alojados na Mailgun.',
    ru: 'Отправка писем с кодами подтверждения и приглашений через Mailgun в регионе США или ЕС, с шаблонами писем Logto или шаблонами, размещёнными в Mailgun.',
    th: 'ส่งอีเมลยืนยันและอีเมลคำเชิญผ่าน Mailgun ในภูมิภาคสหรัฐฯ หรือ EU โดยใช้เทมเพลตอีเมลของ Logto หรือเทมเพลตที่โฮสต์บน Mailgun',
    'tr-TR':
      'Doğrulama ve davet e-postalarını Mailgun üzerinden, ABD veya AB bölgesinde, Logto e-posta şablonlarıyla ya da Mailgun’da barındırılan şablonlarla gönderir.',
    'zh-CN':
      '通过 Mailgun 发送验证码和邀请邮件，支持美国和欧盟区域、Logto 邮件模板以及 Mailgun 托管模板。',
    'zh-HK':
      '透過 Mailgun 發送驗證碼及邀請電郵，支援美國及歐盟區域、Logto 電郵範本以及 Mailgun 託管範本。',
    'zh-TW':
      '透過 Mailgun 寄送驗證碼與邀請郵件，支援美國與歐盟區域、Logto 郵件範本以及 Mailgun 代管範本。',
  },
  readme: './README.md',
  formItems: formItemsOf(mailgunFields),
};
