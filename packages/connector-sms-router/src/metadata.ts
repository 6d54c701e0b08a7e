import type { ConnectorMetadata } from '@logto/connector-kit';
import { formItemsOf } from '@switchboard/core';

import { smsRouterFields } from './fields.js';

/** Names the router in every error it raises; each provider's own errors name that provider. */
export const PROVIDER = 'sms-router';

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-sms-router',
  target: 'switchboard-sms-router',
  platform: null,
  name: {
    en: 'Switchboard SMS router',
    ar: 'Switchboard SMS router',
    de: 'Switchboard SMS router',
    es: 'Switchboard SMS router',
    fr: 'Switchboard SMS router',
    it: 'Switchboard SMS router',
    ja: 'Switchboard SMSルーター',
    ko: 'Switchboard SMS 라우터',
    'pl-PL': 'Switchboard SMS router',
    'pt-BR': 'Switchboard SMS router',
    'pt-PT': 'Switchboard SMS router',
    ru: 'Switchboard SMS-маршрутизатор',
    th: 'Switchboard SMS router',
    'tr-TR': 'Switchboard SMS router',
    'zh-CN': 'Switchboard 短信路由',
    'zh-HK': 'Switchboard 短訊路由',
    'zh-TW': 'Switchboard 簡訊路由',
  },

  logo: './logo.svg',
  logoDark: null,
  description: {
    en: 'Sends each country’s codes through the provider that serves it (Twilio, Aliyun, SMS Aero) and fails over when a provider cannot send, never sending twice unasked.',
    ar: 'يرسل رموز كل دولة عبر المزوّد الذي يخدمها (Twilio وAliyun وSMS Aero) وينتقل إلى مزوّد آخر عندما يتعذّر الإرسال، دون إرسال مكرر ما لم تطلبه.',
    de: 'Sendet die Codes jedes Landes über den Anbieter, der es bedient (Twilio, Aliyun, SMS Aero), und weicht aus, wenn ein Anbieter nicht senden kann – ohne ungefragt doppelt zu senden.',
    es: 'Envía los códigos de cada país por el proveedor que lo atiende (Twilio, Aliyun, SMS Aero) y pasa al siguiente cuando uno no puede enviar, sin enviar dos veces sin que lo pidas.',
    fr: 'Envoie les codes de chaque pays par le fournisseur qui le dessert (Twilio, Aliyun, SMS Aero) et bascule quand un fournisseur ne peut pas envoyer, sans jamais envoyer deux fois sans votre accord.',
    it: 'Invia i codici di ogni paese tramite il fornitore che lo serve (Twilio, Aliyun, SMS Aero) e passa al successivo quando uno non può inviare, senza inviare due volte se non richiesto.',
    ja: '国ごとに対応するプロバイダー（Twilio、Aliyun、SMS Aero）でコードを送信し、送信できないときは次のプロバイダーに切り替えます。指定しない限り二重送信はしません。',
    ko: '국가별로 해당 국가를 지원하는 공급자(Twilio, Aliyun, SMS Aero)로 코드를 보내고, 발송할 수 없으면 다음 공급자로 전환합니다. 요청하지 않으면 두 번 보내지 않습니다.',
    'pl-PL':
      'Wysyła kody dla każdego kraju przez obsługującego go dostawcę (Twilio, Aliyun, SMS Aero) i przełącza na kolejnego, gdy dostawca nie może wysłać, nigdy nie wysyłając dwa razy bez zgody.',
    'pt-BR':
      'Envia os códigos de cada país pelo provedor que o atende (Twilio, Aliyun, SMS Aero) e passa ao próximo quando um não consegue enviar, sem enviar duas vezes sem você pedir.',
    'pt-PT':
      'Envia os códigos de cada país pelo fornecedor que o serve (Twilio, Aliyun, SMS Aero) e passa ao seguinte quando um não consegue enviar, sem enviar duas vezes sem o pedir.',
    ru: 'Отправляет коды каждой страны через обслуживающего её провайдера (Twilio, Aliyun, SMS Aero) и переключается на следующего, если провайдер не может отправить, не отправляя дважды без разрешения.',
    th: 'ส่งรหัสของแต่ละประเทศผ่านผู้ให้บริการที่รองรับประเทศนั้น (Twilio, Aliyun, SMS Aero) และสลับไปยังผู้ให้บริการถัดไปเมื่อส่งไม่ได้ โดยไม่ส่งซ้ำหากไม่ได้ขอ',
    'tr-TR':
      'Her ülkenin kodlarını o ülkeye hizmet veren sağlayıcıyla (Twilio, Aliyun, SMS Aero) gönderir, bir sağlayıcı gönderemediğinde sıradakine geçer; istemediğiniz sürece iki kez göndermez.',
    'zh-CN':
      '按国家通过对应的服务商（Twilio、阿里云、SMS Aero）发送验证码，服务商无法发送时自动切换，未经允许绝不重复发送。',
    'zh-HK':
      '按國家透過對應的服務商（Twilio、阿里雲、SMS Aero）發送驗證碼，服務商無法發送時自動切換，未經允許絕不重複發送。',
    'zh-TW':
      '依國家透過對應的服務商（Twilio、阿里雲、SMS Aero）傳送驗證碼，服務商無法傳送時自動切換，未經允許絕不重複傳送。',
  },
  readme: './README.md',
  formItems: formItemsOf(smsRouterFields),
};
