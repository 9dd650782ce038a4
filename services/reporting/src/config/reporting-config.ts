import { ConfigurationError, registerServiceConfig } from '@naperj/service-kit';
import { plainToInstance } from 'class-transformer';
import { IsOptional, Matches, validateSync } from 'class-validator';

export const HEARTBEAT_INTERVAL_LIMITS_MS = { min: 1_000, max: 300_000, default: 10_000 } as const;

/** The reporting variables as they arrive (strings); each is optional. */
class ReportingEnvironment {
  // A heartbeat faster than 1 s floods a topic kept for a day; slower than 5 min makes every peer red.
  @IsOptional()
  @Matches(/^\d{1,6}$/, { message: `must be a whole number of milliseconds from ${HEARTBEAT_INTERVAL_LIMITS_MS.min} to ${HEARTBEAT_INTERVAL_LIMITS_MS.max}` })
  HEARTBEAT_INTERVAL_MS?: string;
}

/**
 * Reads and validates what the reporting service reads beside the kit's configuration;
 * throws ConfigurationError naming each bad variable.
 */
export function loadReportingConfig(env: NodeJS.ProcessEnv): {
  /** How often the node's heartbeat goes to `<cc>.shared.heartbeats.v1`. */
  heartbeatIntervalMs: number;
} {
  const raw = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const vars = plainToInstance(ReportingEnvironment, raw);
  const problems = validateSync(vars).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property} ${message} (got "${String(error.value)}")`),
  );
  const heartbeatIntervalMs = Number(vars.HEARTBEAT_INTERVAL_MS ?? HEARTBEAT_INTERVAL_LIMITS_MS.default);
  if (problems.length === 0 && (heartbeatIntervalMs < HEARTBEAT_INTERVAL_LIMITS_MS.min || heartbeatIntervalMs > HEARTBEAT_INTERVAL_LIMITS_MS.max)) {
    problems.push(
      `HEARTBEAT_INTERVAL_MS must be from ${HEARTBEAT_INTERVAL_LIMITS_MS.min} to ${HEARTBEAT_INTERVAL_LIMITS_MS.max} milliseconds (got "${vars.HEARTBEAT_INTERVAL_MS}")`,
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { heartbeatIntervalMs };
}

/**
 * The `reporting` configuration namespace, read from the environment the kit reads
 * (bootstrapService's or createTestApp's `env`): inject it with `@Inject(reportingConfig.KEY)`
 * as `ConfigType<typeof reportingConfig>`.
 */
export const reportingConfig = registerServiceConfig('reporting', ['HEARTBEAT_INTERVAL_MS'], loadReportingConfig);
