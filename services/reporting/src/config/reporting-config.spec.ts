import { ConfigurationError } from '@naperj/service-kit';
import { loadReportingConfig } from './reporting-config';

describe('loadReportingConfig', () => {
  it('sends a heartbeat every 10 s unless told otherwise', () => {
    expect(loadReportingConfig({})).toEqual({ heartbeatIntervalMs: 10_000 });
    expect(loadReportingConfig({ HEARTBEAT_INTERVAL_MS: '' })).toEqual({ heartbeatIntervalMs: 10_000 });
    expect(loadReportingConfig({ HEARTBEAT_INTERVAL_MS: '2500' })).toEqual({ heartbeatIntervalMs: 2500 });
  });

  it.each([
    ['10s', 'must be a whole number of milliseconds from 1000 to 300000 (got "10s")'],
    ['-5', 'must be a whole number of milliseconds from 1000 to 300000 (got "-5")'],
    ['999', 'must be from 1000 to 300000 milliseconds (got "999")'],
    ['600000', 'must be from 1000 to 300000 milliseconds (got "600000")'],
  ])('refuses HEARTBEAT_INTERVAL_MS=%s, naming the variable', (value, problem) => {
    expect(() => loadReportingConfig({ HEARTBEAT_INTERVAL_MS: value })).toThrow(ConfigurationError);
    expect(() => loadReportingConfig({ HEARTBEAT_INTERVAL_MS: value })).toThrow(`HEARTBEAT_INTERVAL_MS ${problem}`);
  });
});
