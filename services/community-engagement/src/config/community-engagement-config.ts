import { ConfigurationError, registerServiceConfig } from '@naperj/service-kit';

interface Bounds {
  min: number;
  max: number;
  default: number;
}

/** How long testimony is kept, in days: at most a year unless the node decides otherwise. */
export const TESTIMONY_RETENTION_DAYS = { min: 1, max: 3650, default: 365 } as const;
/** Contributions and withdrawals without an account, per client address and minute. */
export const PUBLIC_WRITES_PER_MINUTE = { min: 1, max: 10_000, default: 10 } as const;
/** How often consultations are opened and closed by their dates. */
export const CONSULTATION_SCHEDULE_INTERVAL_MS = { min: 1_000, max: 3_600_000, default: 60_000 } as const;
/** How often testimony past its retention is erased. */
export const RETENTION_SWEEP_INTERVAL_MS = { min: 1_000, max: 86_400_000, default: 3_600_000 } as const;

export interface CommunityEngagementConfig {
  testimonyRetentionDays: number;
  publicWritesPerMinute: number;
  consultationScheduleIntervalMs: number;
  retentionSweepIntervalMs: number;
}

/** The variables community-engagement reads, each with its bounds. */
const BOUNDS = {
  TESTIMONY_RETENTION_DAYS,
  PUBLIC_WRITES_PER_MINUTE,
  CONSULTATION_SCHEDULE_INTERVAL_MS,
  RETENTION_SWEEP_INTERVAL_MS,
} as const satisfies Record<string, Bounds>;

/**
 * Reads and validates what community-engagement reads beside the kit's configuration;
 * throws ConfigurationError naming each bad variable.
 */
export function loadCommunityEngagementConfig(env: NodeJS.ProcessEnv): CommunityEngagementConfig {
  const problems: string[] = [];
  const read = (name: keyof typeof BOUNDS): number => {
    const bounds = BOUNDS[name];
    const raw = env[name];
    if (raw === undefined || raw === '') return bounds.default;
    const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isNaN(value) || value < bounds.min || value > bounds.max) {
      problems.push(`${name} must be a whole number from ${bounds.min} to ${bounds.max} (got "${raw}")`);
    }
    return value;
  };
  const config = {
    testimonyRetentionDays: read('TESTIMONY_RETENTION_DAYS'),
    publicWritesPerMinute: read('PUBLIC_WRITES_PER_MINUTE'),
    consultationScheduleIntervalMs: read('CONSULTATION_SCHEDULE_INTERVAL_MS'),
    retentionSweepIntervalMs: read('RETENTION_SWEEP_INTERVAL_MS'),
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

/** The `community-engagement` namespace: inject with `@Inject(communityEngagementConfig.KEY)`. */
export const communityEngagementConfig = registerServiceConfig('community-engagement', Object.keys(BOUNDS), loadCommunityEngagementConfig);
