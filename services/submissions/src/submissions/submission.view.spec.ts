import { EVENT_DATA_EXAMPLES, EVENT_TYPES, type SubmissionData } from '@naperj/contracts';
import type { CatalogEntry } from '../catalog/catalog-entry.schema';
import { viewOf } from './submission.view';

const published = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished];

function ownEntry(view: object): CatalogEntry {
  const data = view as SubmissionData;
  return { _id: data.id, origin: 'own', country: data.country, version: data.version, status: 'published', view: data };
}

describe('viewOf', () => {
  it('shows those who inspect the full internal view', () => {
    expect(viewOf(ownEntry(published.private), true)).toEqual(published.private);
  });

  it('shows everyone else exactly what the shared event carries, with the status', () => {
    expect(viewOf(ownEntry(published.private), false)).toEqual({ ...published.shared, status: 'published' });
  });

  it('never shows a private field it does not know of: the shareable view is an allow-list', () => {
    const view = viewOf(ownEntry({ ...published.private, secretNote: 'the mayor asked us to wait' }), false);
    expect(view).not.toHaveProperty('secretNote');
    for (const field of ['reviews', 'submittedBy', 'internalNotes', 'submittedAt']) expect(view).not.toHaveProperty(field);
  });

  it('shows a partner’s submission as it came, with its status', () => {
    const entry: CatalogEntry = { ...ownEntry(published.shared), origin: 'peer' };
    expect(viewOf(entry, false)).toEqual({ ...published.shared, status: 'published' });
  });
});
