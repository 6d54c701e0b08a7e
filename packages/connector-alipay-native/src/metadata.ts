import { type ConnectorMetadata, ConnectorPlatform } from '@logto/connector-kit';
import { formItemsOf } from '@switchboard/core';

import { alipayFields } from './fields.js';

/** Names the provider in every error this connector raises. */
export const PROVIDER = 'alipay';

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-alipay-native',
  target: 'alipay',
  platform: ConnectorPlatform.Native,
  name: {
    en: 'Switchboard Alipay',
    ar: 'Switchboard Alipay',
    de: 'Switchboard Alipay',
    es: 'Switchboard Alipay',
    fr: 'Switchboard Alipay',
    it: 'Switchboard Alipay',
    ja: 'Switchboard Alipay',
    ko: 'Switchboard 알리페이',
    'pl-PL': 'Switchboard Alipay',
    'pt-BR': 'Switchboard Alipay',
    'pt-PT': 'Switchboard Alipay',
    ru: 'Switchboard Alipay',
    th: 'Switchboard Alipay',
    'tr-TR': 'Switchboard Alipay',
    'zh-CN': 'Switchboard 支付宝',
    'zh-HK': 'Switchboard 支付寶',
    'zh-TW': 'Switchboard 支付寶',
  },
  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Important: set the Alipay public key or use certificate mode, or Alipay’s answers are not verified. Sign in with Alipay in native iOS and Android apps, with public-key or certificate signing and open_id support.',
    ar: 'مهم: اضبط المفتاح العام لـ Alipay أو استخدم وضع الشهادة، وإلا فلن يتم التحقق من ردود Alipay. تسجيل الدخول باستخدام Alipay في تطبيقات iOS وAndroid الأصلية، مع التوقيع بالمفتاح العام أو بالشهادة ودعم open_id.',
    de: 'Wichtig: Hinterlegen Sie den öffentlichen Alipay-Schlüssel oder nutzen Sie den Zertifikatsmodus, sonst werden die Antworten von Alipay nicht geprüft. Anmeldung mit Alipay in nativen iOS- und Android-Apps, mit Signatur per öffentlichem Schlüssel oder Zertifikat und open_id-Unterstützung.',
    es: 'Importante: configure la clave pública de Alipay o use el modo certificado; si no, las respuestas de Alipay no se verifican. Inicio de sesión con Alipay en apps nativas de iOS y Android, con firma por clave pública o certificado y compatibilidad con open_id.',
    fr: 'Important : renseignez la clé publique Alipay ou utilisez le mode certificat, sinon les réponses d’Alipay ne sont pas vérifiées. Connexion avec Alipay dans les apps natives iOS et Android, avec signature par clé publique ou certificat et prise en charge d’open_id.',
    it: 'Importante: imposta la chiave pubblica di Alipay o usa la modalità certificato, altrimenti le risposte di Alipay non vengono verificate. Accesso con Alipay nelle app native iOS e Android, con firma a chiave pubblica o certificato e supporto di open_id.',
    ja: '重要: Alipayの公開鍵を設定するか証明書モードを使用してください。そうしないとAlipayのレスポンスは検証されません。ネイティブのiOS・AndroidアプリでAlipayログイン。公開鍵または証明書による署名、open_idに対応します。',
    ko: '중요: 알리페이 공개 키를 설정하거나 인증서 모드를 사용하세요. 그렇지 않으면 알리페이 응답이 검증되지 않습니다. 네이티브 iOS 및 Android 앱에서 알리페이로 로그인합니다. 공개 키 또는 인증서 서명과 open_id를 지원합니다.',
    'pl-PL':
      'Ważne: ustaw klucz publiczny Alipay lub użyj trybu certyfikatu, inaczej odpowiedzi Alipay nie są weryfikowane. Logowanie przez Alipay w natywnych aplikacjach iOS i Android: podpis kluczem publicznym lub certyfikatem i obsługa open_id.',
    'pt-BR':
      'Importante: defina a chave pública do Alipay ou use o modo certificado; caso contrário, as respostas do Alipay não são verificadas. Login com Alipay em apps nativos iOS e Android, com assinatura por chave pública ou certificado e suporte a open_id.',
    'pt-PT':
      'Importante: defina a chave pública do Alipay ou utilize o modo de certificado; caso contrário, as respostas do Alipay não são verificadas. Início de sessão com Alipay em aplicações nativas iOS e Android, com assinatura por chave pública ou certificado e suporte para open_id.',
    ru: 'Важно: укажите открытый ключ Alipay или используйте режим сертификата, иначе ответы Alipay не проверяются. Вход через Alipay в нативных приложениях iOS и Android: подпись открытым ключом или сертификатом и поддержка open_id.',
    th: 'สำคัญ: ตั้งค่าคีย์สาธารณะของ Alipay หรือใช้โหมดใบรับรอง มิฉะนั้นการตอบกลับของ Alipay จะไม่ได้รับการตรวจสอบ ลงชื่อเข้าใช้ด้วย Alipay ในแอป iOS และ Android แบบเนทีฟ รองรับการลงนามด้วยคีย์สาธารณะหรือใบรับรอง และ open_id',
    'tr-TR':
      'Önemli: Alipay açık anahtarını girin veya sertifika modunu kullanın; aksi hâlde Alipay yanıtları doğrulanmaz. Yerel iOS ve Android uygulamalarında Alipay ile oturum açma; açık anahtar veya sertifikayla imzalama ve open_id desteği.',
    'zh-CN':
      '重要：请配置支付宝公钥或使用证书模式，否则支付宝的响应不会被验签。在 iOS 和 Android 原生应用中使用支付宝登录，支持公钥或证书签名和 open_id。',
    'zh-HK':
      '重要：請設定支付寶公鑰或使用證書模式，否則支付寶的回應不會被驗簽。在 iOS 及 Android 原生應用程式中以支付寶登入，支援公鑰或證書簽名及 open_id。',
    'zh-TW':
      '重要：請設定支付寶公鑰或使用憑證模式，否則支付寶的回應不會被驗章。在 iOS 與 Android 原生應用程式中使用支付寶登入，支援公鑰或憑證簽章及 open_id。',
  },
  readme: './README.md',
  formItems: formItemsOf(alipayFields),
};
