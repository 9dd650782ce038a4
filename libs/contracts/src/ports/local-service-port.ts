import type { CountryCode } from '../country/country-code';
import type { ServiceName } from '../service/service-name';

/** Ports of the services when a node runs on one host (ARCHITECTURE §3). */
export const LOCAL_SERVICE_PORTS: Readonly<
  Record<CountryCode, Readonly<Record<ServiceName, number>>>
> = {
  us: { submissions: 4101, 'expert-network': 4102, 'community-engagement': 4103, reporting: 4104 },
  mx: { submissions: 4201, 'expert-network': 4202, 'community-engagement': 4203, reporting: 4204 },
  ca: { submissions: 4301, 'expert-network': 4302, 'community-engagement': 4303, reporting: 4304 },
};

export function localServicePort(country: CountryCode, service: ServiceName): number {
  return LOCAL_SERVICE_PORTS[country][service];
}
