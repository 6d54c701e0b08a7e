import type { Phone } from '@switchboard/core';

import { anyCountry, type Route } from './config.js';

/**
 * The first route whose countries hold the number's country (not its calling code: +1 is the US,
 * Canada and the Caribbean, +7 Russia and Kazakhstan), else the first with "*".
 */
export const chooseRoute = (routes: readonly Route[], phone: Phone): Route | undefined =>
  routes.find(
    (route) =>
      (phone.country !== undefined && route.countries.includes(phone.country)) ||
      route.countries.includes(anyCountry),
  );
