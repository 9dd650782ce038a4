import { COUNTRY_CODES, type CountryCode } from '@naperj/contracts';
import { parseArgs } from 'node:util';

export interface RebuildArguments {
  /** The node whose read models are rebuilt; NODE_COUNTRY (or its default) when omitted. */
  country?: CountryCode;
  /** Take the lock of a rebuild that died holding it. */
  force: boolean;
  /** Give up, keeping the active generation, when the new one has not caught up by then. */
  timeoutMs: number;
}

export const REBUILD_USAGE = 'npm run reporting:rebuild -- [--country us|mx|ca] [--timeout <seconds>] [--force]';

const DEFAULT_TIMEOUT_S = 1800;

/** The rebuild's command line; throws with the usage when it does not parse. */
export function parseRebuildArguments(argv: readonly string[]): RebuildArguments {
  let values: { country?: string; timeout?: string; force?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { country: { type: 'string' }, timeout: { type: 'string' }, force: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\nUsage: ${REBUILD_USAGE}`);
  }
  const country = values.country;
  if (country !== undefined && !COUNTRY_CODES.includes(country as CountryCode)) {
    throw new Error(`--country must be one of ${COUNTRY_CODES.join(', ')} (got "${country}")\nUsage: ${REBUILD_USAGE}`);
  }
  const timeout = values.timeout ?? String(DEFAULT_TIMEOUT_S);
  if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error(`--timeout must be a whole number of seconds (got "${timeout}")\nUsage: ${REBUILD_USAGE}`);
  return { ...(country ? { country: country as CountryCode } : {}), force: values.force ?? false, timeoutMs: Number(timeout) * 1000 };
}
