import { K_ANONYMITY } from '@naperj/contracts';
import { publicationDue } from './insight.publication';

const k = K_ANONYMITY;

describe('publicationDue', () => {
  describe('the first version', () => {
    it('waits for k consented contributions', () => {
      expect(publicationDue(false, { arrived: k - 1, departed: 0 }, undefined)).toBeUndefined();
      expect(publicationDue(false, { arrived: k, departed: 0 }, undefined)).toBe('arrivals');
    });

    it('comes with the close, however few contributed', () => {
      expect(publicationDue(true, { arrived: 1, departed: 1 }, undefined)).toBe('closed');
    });

    it('never comes for a consultation closed before anyone consented to be counted', () => {
      expect(publicationDue(true, { arrived: 0, departed: 0 }, undefined)).toBeUndefined();
    });
  });

  describe('later versions', () => {
    const last = { version: 3, closed: false, basis: { arrived: 12, departed: 1 } };

    it('wait for k new consented contributions since the last version', () => {
      expect(publicationDue(false, { arrived: 12 + k - 1, departed: 1 }, last)).toBeUndefined();
      expect(publicationDue(false, { arrived: 12 + k, departed: 1 }, last)).toBe('arrivals');
    });

    it('never follow a withdrawal or hide alone: it waits for the next version', () => {
      expect(publicationDue(false, { arrived: 12, departed: 2 }, last)).toBeUndefined();
      expect(publicationDue(false, { arrived: 12, departed: 1 + k - 1 }, last)).toBeUndefined();
    });

    it('count newcomers whatever left meanwhile, so the next version folds the withdrawal in', () => {
      expect(publicationDue(false, { arrived: 12 + k, departed: 2 }, last)).toBe('arrivals');
    });

    it('follow k departures, so the counts of a closed consultation still forget withdrawn contributions', () => {
      expect(publicationDue(false, { arrived: 12, departed: 1 + k }, { ...last, closed: true })).toBe('departures');
    });

    it('follow the close once', () => {
      expect(publicationDue(true, { arrived: 13, departed: 1 }, last)).toBe('closed');
      expect(publicationDue(true, { arrived: 13, departed: 1 }, { ...last, closed: true })).toBeUndefined();
    });

    it('wait while the basis of the last version is unknown', () => {
      expect(publicationDue(true, { arrived: 100, departed: 50 }, { version: 3, closed: false })).toBeUndefined();
    });
  });
});
