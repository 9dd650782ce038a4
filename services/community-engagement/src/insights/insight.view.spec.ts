import { EVENT_DATA_EXAMPLES, EVENT_TYPES, isEntityId } from '@naperj/contracts';
import { deliveriesOf } from './insight.deliveries';
import { positionKey, suppress } from './insight.suppression';
import { tabulate } from './insight.tally';
import { type InsightConsultation, insightIdOf, insightOf, publishedHistory } from './insight.view';

const example = EVENT_DATA_EXAMPLES[EVENT_TYPES.insightPublished].private;
const consultationOpened = EVENT_DATA_EXAMPLES[EVENT_TYPES.consultationOpened].private;
const consultation: InsightConsultation = {
  id: consultationOpened.id,
  title: consultationOpened.title,
  originalLanguage: consultationOpened.originalLanguage,
  actionAreas: ['health-equity'],
  themes: consultationOpened.themes,
};

describe('insightIdOf', () => {
  it('is a UUIDv7 of its own, the same for the same consultation on every call', () => {
    const id = insightIdOf(consultation.id);
    expect(isEntityId(id)).toBe(true);
    expect(id).not.toBe(consultation.id);
    expect(insightIdOf(consultation.id)).toBe(id);
    expect(id.slice(0, 13)).toBe(consultation.id.slice(0, 13));
  });

  it('differs between consultations', () => {
    expect(insightIdOf('01a225da-4c08-72f7-b855-af4971587482')).not.toBe(insightIdOf('01a225da-4c08-72f7-b855-af4971587483'));
  });
});

describe('insightOf', () => {
  it('lays the suppressed tally out as the contract example shows it', () => {
    const [language, distance, discrimination] = consultation.themes.map(({ key }) => key);
    const tally = tabulate(
      consultation.themes.map(({ key }) => key),
      consultation.actionAreas,
      [
        { themes: [language!], actionAreas: ['health-equity'], count: 12 },
        { themes: [distance!], actionAreas: ['health-equity'], count: 7 },
        { themes: [discrimination!], actionAreas: ['health-equity'], count: 3 },
      ],
    );
    const insight = insightOf(consultation, suppress(tally), { country: 'mx', version: example.version, computedAt: example.computedAt });
    expect(insight).toEqual({ ...example, id: insightIdOf(consultation.id) });
  });

  it('names the close of the consultation', () => {
    const tally = tabulate(
      consultation.themes.map(({ key }) => key),
      consultation.actionAreas,
      [],
    );
    const closedAt = '2026-11-30T23:59:59.999Z';
    const insight = insightOf({ ...consultation, closedAt }, suppress(tally), { country: 'mx', version: 1, computedAt: closedAt });
    expect(insight.closedAt).toBe(closedAt);
  });
});

describe('publishedHistory', () => {
  it('keeps each published count under its position, and no suppressed one', () => {
    const history = publishedHistory([example, { ...example, total: { count: 30, suppressed: false } }]);
    expect(history.get(positionKey.total)).toEqual([22, 30]);
    expect(history.get(positionKey.theme('language-barriers'))).toEqual([12, 12]);
    expect(history.get(positionKey.cell('language-barriers', 'health-equity'))).toEqual([12, 12]);
    expect(history.get(positionKey.actionArea('health-equity'))).toEqual([22, 22]);
    expect(history.has(positionKey.theme('distance-to-clinic'))).toBe(false);
  });
});

describe('deliveriesOf', () => {
  it('publishes the same insight on the private topic, internal, and on the shared insights topic, confidential', () => {
    const [own, shared] = deliveriesOf(example);
    expect(own).toMatchObject({ topic: 'mx.community-engagement.events.v1', dataclassification: 'internal' });
    expect(shared).toMatchObject({ topic: 'mx.shared.insights.v1', dataclassification: 'confidential' });
    expect(JSON.parse(JSON.stringify(shared!.data))).toEqual(JSON.parse(JSON.stringify(own!.data)));
    expect(shared!.tombstone).toBeUndefined();
  });

  it('refuses to publish a small count', () => {
    const leaky = { ...example, total: { count: 4, suppressed: false } };
    expect(() => deliveriesOf(leaky)).toThrow('invalid');
  });
});
