import { COUNTRY_CODES } from '../country/country-code';
import { SERVICE_NAMES } from '../service/service-name';
import { localKafkaBrokers, localMongodbUri, localServicePort } from './local-service-port';

describe('localServicePort', () => {
  it.each([
    ['us', 4101, 4102, 4103, 4104],
    ['mx', 4201, 4202, 4203, 4204],
    ['ca', 4301, 4302, 4303, 4304],
  ] as const)('gives %s its four ports', (country, submissions, experts, community, reporting) => {
    expect(localServicePort(country, 'submissions')).toBe(submissions);
    expect(localServicePort(country, 'expert-network')).toBe(experts);
    expect(localServicePort(country, 'community-engagement')).toBe(community);
    expect(localServicePort(country, 'reporting')).toBe(reporting);
  });

  it('never gives two services the same port', () => {
    const ports = COUNTRY_CODES.flatMap((country) => SERVICE_NAMES.map((service) => localServicePort(country, service)));
    expect(new Set(ports).size).toBe(ports.length);
  });
});

describe('local engine addresses', () => {
  it.each([
    ['us', '127.0.0.1:19092', 'mongodb://127.0.0.1:17027/naperj'],
    ['mx', '127.0.0.1:29092', 'mongodb://127.0.0.1:27027/naperj'],
    ['ca', '127.0.0.1:39092', 'mongodb://127.0.0.1:37027/naperj'],
  ] as const)('gives %s Kafka %s and MongoDB %s', (country, brokers, uri) => {
    expect(localKafkaBrokers(country)).toBe(brokers);
    expect(localMongodbUri(country)).toBe(uri);
  });
});
