import type { CountryCode } from '../country/country-code';
import type { ServiceName } from '../service/service-name';

/** Ports of the services when a node runs on one host (docs/architecture.md, Ports). */
export const LOCAL_SERVICE_PORTS: Readonly<Record<CountryCode, Readonly<Record<ServiceName, number>>>> = {
  us: { submissions: 4101, 'expert-network': 4102, 'community-engagement': 4103, reporting: 4104 },
  mx: { submissions: 4201, 'expert-network': 4202, 'community-engagement': 4203, reporting: 4204 },
  ca: { submissions: 4301, 'expert-network': 4302, 'community-engagement': 4303, reporting: 4304 },
};

export function localServicePort(country: CountryCode, service: ServiceName): number {
  return LOCAL_SERVICE_PORTS[country][service];
}

const PORT_BLOCK: Readonly<Record<CountryCode, number>> = { us: 1, mx: 2, ca: 3 };

/** The local-clients listener of the node's Kafka when it runs on one host (docs/architecture.md, Ports). */
export function localKafkaBrokers(country: CountryCode): string {
  return `127.0.0.1:${PORT_BLOCK[country]}9092`;
}

/** The node's database on its local FerretDB (docs/architecture.md, Ports); every service of the node shares it. */
export function localMongodbUri(country: CountryCode): string {
  return `mongodb://127.0.0.1:${PORT_BLOCK[country]}7027/naperj`;
}
