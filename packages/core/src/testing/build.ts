import {
  type AllConnector,
  ConnectorError,
  ConnectorErrorCodes,
  type CreateConnector,
} from '@logto/connector-kit';

const notImplemented = async () => {
  throw new ConnectorError(ConnectorErrorCodes.NotImplemented);
};

/** Builds a connector the way Logto does: `getConfig` answers with the stored config. */
export const buildConnector = async <T extends AllConnector>(
  createConnector: CreateConnector<T>,
  storedConfig?: unknown,
): Promise<T> =>
  createConnector({
    getConfig: storedConfig === undefined ? notImplemented : async () => storedConfig,
  } as Parameters<CreateConnector<T>>[0]);

/** Runs a call that must fail and returns its error. */
export const failureOf = async (call: () => Promise<unknown>): Promise<unknown> => {
  try {
    await call();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
};
