import { ConfigurationError } from '@naperj/service-kit';
import { loadCommunityEngagementConfig } from './community-engagement-config';

describe('the community-engagement configuration', () => {
  it('keeps testimony a year by default', () => {
    expect(loadCommunityEngagementConfig({}).testimonyRetentionDays).toBe(365);
  });

  it('reads TESTIMONY_RETENTION_DAYS and refuses values out of bounds', () => {
    expect(loadCommunityEngagementConfig({ TESTIMONY_RETENTION_DAYS: '30' }).testimonyRetentionDays).toBe(30);
    expect(() => loadCommunityEngagementConfig({ TESTIMONY_RETENTION_DAYS: '0' })).toThrow(ConfigurationError);
    expect(() => loadCommunityEngagementConfig({ PUBLIC_WRITES_PER_MINUTE: 'many' })).toThrow(/PUBLIC_WRITES_PER_MINUTE/);
  });
});
