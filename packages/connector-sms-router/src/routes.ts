import {
  type DestinationRules,
  destinationRegion,
  nonGeographicRegion,
  type Phone,
} from '@switchboard/core';

import type { Route } from './config.js';
import { anyCountry } from './fields.js';

/**
 * The first route whose countries hold the number's country (not its calling code: +1 is the US,
 * Canada and the Caribbean, +7 Russia and Kazakhstan), else the first with "*".
 */
export const chooseRoute = (routes: readonly Route[], phone: Phone): Route | undefined => {
  const region = destinationRegion(phone);
  return routes.find(
    (route) => route.countries.includes(region) || route.countries.includes(anyCountry),
  );
};

/**
 * The destination rules for this number: the router's own, where a route that names 001 allows
 * numbers of no country (+881, +800…) as allowedCountries 001 would.
 */
export const destinationRules = <R extends DestinationRules>(
  config: R & { routes: readonly Route[] },
  phone: Phone,
): DestinationRules =>
  !phone.country &&
  !config.allowedCountries?.includes(nonGeographicRegion) &&
  config.routes.some((route) => route.countries.includes(nonGeographicRegion))
    ? { ...config, allowedCountries: [...(config.allowedCountries ?? []), nonGeographicRegion] }
    : config;
