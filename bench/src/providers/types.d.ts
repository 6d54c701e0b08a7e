// The shape of one provider's bench module (bench/src/providers/<provider>.js). The file name is
// the connector folder name without `connector-`; a folder without a module is reported as
// "not benchmarked yet".

/** What the fake provider receives (host already matched against `hosts`). */
export type FakeRequest = {
  method: string;
  host: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
};

export type FakeResponse = {
  status: number;
  body: string;
  headers?: Record<string, string>;
};

/** One bare request of the floor, sent with got and a keep-alive agent. */
export type FloorRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
};

export type ProviderBench = {
  /** The npm package of Logto's official connector, a dev dependency of @switchboard/bench. */
  official: string;
  /** The timed call: `sendMessage` for SMS and email, `getUserInfo` for social connectors. */
  operation: 'sendMessage' | 'getUserInfo';
  /** Target ratio Switchboard / official for the timed call (reported, never asserted). */
  target: number;
  /** Provider hosts both connectors use by default; the bench resolves them to 127.0.0.1. */
  hosts: string[];
  /** Runs in the measuring child: the config both connectors get and the call to time. */
  setup: () => Promise<{
    config: unknown;
    invoke: (
      connector: Record<string, (...args: unknown[]) => Promise<unknown>>,
    ) => Promise<unknown>;
    /** Optional check of a result (throws if it is not what a working connector returns). */
    check?: (result: unknown) => void;
    /** A variant's own config, by variant name (the router's), instead of `config`. */
    configs?: Record<string, unknown>;
  }>;
  /** Runs in the fake provider (the parent process): answers one request. */
  respond: (request: FakeRequest) => FakeResponse;
  /** The floor: the bare requests one timed call makes, in order. */
  floor: FloorRequest[];
};

/**
 * A router's bench module (the SMS router): no official package; its send is timed beside the
 * Switchboard connector it routes to, sending directly, against the same fake with the same
 * provider config. `config` is the direct connector's; `configs.routed` the router's.
 * Targets: `routedSendRatio` and `routerStartupHeapRatio` in src/targets.js.
 */
export type RouterBench = Omit<ProviderBench, 'official' | 'target'> & {
  /** The Switchboard connector the routed send goes through (folder name without `connector-`). */
  direct: string;
};
