/**
 * The local federation's ports (docs/architecture.md, Ports). The services read theirs from
 * libs/contracts; a spec cross-checks the two tables.
 */
export const COUNTRIES = ['us', 'mx', 'ca'] as const;
export type Country = (typeof COUNTRIES)[number];

export interface NodeTopology {
  country: Country;
  kafkaClientPort: number;
  kafkaControllerPort: number;
  kafkaPeerPort: number;
  ferretdbPort: number;
}

export const SERVICES = ['submissions', 'expert-network', 'community-engagement', 'reporting'] as const;
export type Service = (typeof SERVICES)[number];

const PORT_BLOCK: Record<Country, number> = { us: 1, mx: 2, ca: 3 };

export function nodeTopology(country: Country): NodeTopology {
  const block = PORT_BLOCK[country];
  return {
    country,
    kafkaClientPort: block * 10000 + 9092,
    kafkaControllerPort: block * 10000 + 9093,
    kafkaPeerPort: block * 10000 + 9094,
    ferretdbPort: block * 10000 + 7027,
  };
}

/** us 4101–4104, mx 4201–4204, ca 4301–4304, in the order of SERVICES. */
export function servicePort(country: Country, service: Service): number {
  return 4000 + PORT_BLOCK[country] * 100 + SERVICES.indexOf(service) + 1;
}

export function kafkaBrokers(country: Country): string {
  return `127.0.0.1:${nodeTopology(country).kafkaClientPort}`;
}

export function mongodbUri(country: Country): string {
  return `mongodb://127.0.0.1:${nodeTopology(country).ferretdbPort}/naperj`;
}

export function parseCountries(value: string): Country[] {
  const countries = value
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const unknown = countries.filter((c) => !(COUNTRIES as readonly string[]).includes(c));
  if (countries.length === 0 || unknown.length > 0) {
    throw new Error(`--countries must list some of ${COUNTRIES.join(',')}; got "${value}"`);
  }
  return [...new Set(countries)] as Country[];
}
