import { loadServiceConfig } from './service-config';

describe('loadServiceConfig', () => {
  it('defaults to the mx node on loopback and the local port table', () => {
    expect(loadServiceConfig('reporting', {})).toEqual({
      identity: { service: 'reporting', country: 'mx' },
      host: '127.0.0.1',
      port: 4204,
    });
  });

  it.each([
    ['us', 'submissions', 4101],
    ['us', 'reporting', 4104],
    ['mx', 'expert-network', 4202],
    ['ca', 'community-engagement', 4303],
  ] as const)('gives %s %s port %i', (country, service, port) => {
    expect(loadServiceConfig(service, { NODE_COUNTRY: country }).port).toBe(port);
  });

  it('takes HOST and PORT from the environment', () => {
    expect(
      loadServiceConfig('submissions', { NODE_COUNTRY: 'ca', HOST: '0.0.0.0', PORT: '8080' }),
    ).toEqual({
      identity: { service: 'submissions', country: 'ca' },
      host: '0.0.0.0',
      port: 8080,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadServiceConfig('submissions', { NODE_COUNTRY: '', HOST: '', PORT: '' })).toEqual({
      identity: { service: 'submissions', country: 'mx' },
      host: '127.0.0.1',
      port: 4201,
    });
  });

  it('accepts port 0', () => {
    expect(loadServiceConfig('submissions', { PORT: '0' }).port).toBe(0);
  });

  it.each(['MX', 'br', 'mx '])('rejects NODE_COUNTRY %p', (country) => {
    expect(() => loadServiceConfig('submissions', { NODE_COUNTRY: country })).toThrow(
      `NODE_COUNTRY must be one of us, mx, ca, got "${country}"`,
    );
  });

  it.each(['-1', '65536', '80a', '4.5', ' 80', '0x50'])('rejects PORT %p', (port) => {
    expect(() => loadServiceConfig('submissions', { PORT: port })).toThrow(
      `PORT must be an integer from 0 to 65535, got "${port}"`,
    );
  });
});
