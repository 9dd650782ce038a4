export const SERVICE_NAMES = ['submissions', 'expert-network', 'community-engagement', 'reporting'] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: unknown): value is ServiceName {
  return SERVICE_NAMES.includes(value as ServiceName);
}
