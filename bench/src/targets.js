// The targets of issue #14 that are not per provider (those are in each bench module's `target`),
// and the SMS router's (issue #27). Reported, never asserted. Ratios are Switchboard / official,
// the router's router / the connectors it replaces; `firstSendOneTimeMs` is absolute.
export const targets = {
  /** Cold import, ms above an empty ESM entry. */
  coldImportRatio: 0.8,
  /** The timed call's median above the bare got floor: Switchboard's own work ≤ official's. */
  overheadRatio: 1.0,
  /** Startup heap growth after GC, got, zod and kit preloaded, each SMS connector alone. */
  startupHeapSmsRatio: 1.5,
  /** Startup heap growth after GC, all connectors together. */
  startupHeapAllRatio: 1.5,
  /** Startup import + factory time, all connectors together. */
  startupTimeAllRatio: 1.0,
  /** Switchboard's one-time cost of the first send after startup (first call − second), ms. */
  firstSendOneTimeMs: 30,
  /** The router's send median, routed to one provider / that provider's connector sending directly. */
  routedSendRatio: 1.05,
  /** Startup heap growth of the router alone / the sum of the connectors it bundles, each alone. */
  routerStartupHeapRatio: 1.0,
};
