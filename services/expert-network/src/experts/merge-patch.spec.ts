import { mergePatch } from './experts.service';

describe('mergePatch', () => {
  it('replaces members, removes those set to null, and merges nested objects', () => {
    const held = { name: 'A', affiliation: 'B', consent: { shareProfile: true, review: false }, languages: ['es', 'nah'] };
    expect(mergePatch(held, { affiliation: null, consent: { shareProfile: false }, languages: ['fr'] })).toEqual({
      name: 'A',
      consent: { shareProfile: false, review: false },
      languages: ['fr'],
    });
  });

  it('adds a nested object that was not held, and leaves the held one untouched', () => {
    const held = { consent: { review: true } };
    expect(mergePatch(held, { contact: { email: 'a@example.org' } })).toEqual({ consent: { review: true }, contact: { email: 'a@example.org' } });
    expect(held).toEqual({ consent: { review: true } });
  });
});
