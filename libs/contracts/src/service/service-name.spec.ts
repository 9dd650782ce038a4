import { isServiceName, SERVICE_NAMES } from './service-name';

describe('service names', () => {
  it('lists the four services of a node', () => {
    expect(SERVICE_NAMES).toEqual(['submissions', 'expert-network', 'community-engagement', 'reporting']);
  });

  it('recognises a service name', () => {
    expect(isServiceName('expert-network')).toBe(true);
  });

  it.each(['experts', 'Reporting', '', undefined])('rejects %p', (value) => {
    expect(isServiceName(value)).toBe(false);
  });
});
