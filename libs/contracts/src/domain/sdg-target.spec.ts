import { isSdgTarget } from './sdg-target';

describe('isSdgTarget', () => {
  it.each(['10.2', '16.b', '1.1', '3.8', '8.10', '17.19', '14.c'])('accepts %s', (target) => {
    expect(isSdgTarget(target)).toBe(true);
  });

  it.each(['10', '18.1', '0.1', '10.0', '10.02', '16.B', '10.2.1', ' 10.2', 'SDG 10.2', 10.2])('rejects %p', (target) => {
    expect(isSdgTarget(target)).toBe(false);
  });
});
