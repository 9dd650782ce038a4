import { InvalidTokenError } from './invalid-token.error';
import { principalFromClaims } from './principal';
import { TRILATERAL_CLAIM } from '@naperj/contracts';

describe('principalFromClaims', () => {
  const claims = { sub: 'ana', country: 'mx', agency: 'SRE', roles: ['submitter', 'reviewer'] };

  it('keeps exactly sub, country, agency, roles and whether the trilateral claim is held', () => {
    expect(principalFromClaims({ ...claims, iss: 'urn:naperj:mx:issuer', exp: 1 })).toEqual({ ...claims, trilateral: false });
  });

  it('clears the caller for confidential data only with the trilateral claim set to true', () => {
    expect(principalFromClaims({ ...claims, [TRILATERAL_CLAIM]: true }).trilateral).toBe(true);
    expect(principalFromClaims({ ...claims, [TRILATERAL_CLAIM]: false }).trilateral).toBe(false);
  });

  it('accepts an empty role list and drops repeated roles', () => {
    expect(principalFromClaims({ ...claims, roles: [] }).roles).toEqual([]);
    expect(principalFromClaims({ ...claims, roles: ['expert', 'expert'] }).roles).toEqual(['expert']);
  });

  it.each([
    ['a missing sub', { ...claims, sub: undefined }, '"sub" claim must be a non-empty string'],
    ['a blank agency', { ...claims, agency: ' ' }, '"agency" claim must be a non-empty string'],
    ['a missing agency', { ...claims, agency: undefined }, '"agency" claim must be a non-empty string'],
    ['an unknown country', { ...claims, country: 'fr' }, '"country" claim must be one of us, mx, ca'],
    ['missing roles', { ...claims, roles: undefined }, '"roles" claim must be an array'],
    ['roles as a string', { ...claims, roles: 'admin' }, '"roles" claim must be an array'],
    ['an unknown role', { ...claims, roles: ['submitter', 'boss'] }, '"roles" claim has unknown roles: "boss"'],
    ['a trilateral claim that is no boolean', { ...claims, trilateral: 'yes' }, '"trilateral" claim must be true or false'],
  ])('rejects %s', (_case, bad, reason) => {
    expect(() => principalFromClaims(bad)).toThrow(new InvalidTokenError(`Invalid bearer token: ${reason}`));
  });
});
