// @ts-check
import { readToken, TokenStore, tokenProblem } from './session.mjs';

/** @param {string} text */
const base64url = (text) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
/** @param {object} claims a token as the node's issuer shapes it; the signature is not read here */
const tokenWith = (claims) => ['eyJhbGciOiJFZERTQSJ9', base64url(JSON.stringify(claims)), 'c2lnbmF0dXJl'].join('.');

const NOW = new Date('2026-11-29T10:00:00Z');
const operator = { sub: 'ana', country: 'mx', agency: 'SRE', roles: ['operator'], exp: NOW.getTime() / 1000 + 3600 };

describe('the operator token as the dashboard reads it', () => {
  it('reads the claims of a pasted token, with or without "Bearer " and surrounding blanks', () => {
    const token = tokenWith({ ...operator, agency: 'Secretaría de Relaciones Exteriores' });
    expect(readToken(`  Bearer ${token}\n`)).toEqual({ ok: true, token, claims: { ...operator, agency: 'Secretaría de Relaciones Exteriores' } });
  });

  it('tells an empty paste from one that is no JWT', () => {
    expect(readToken('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(readToken('abc.def')).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken('a.b c.d')).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken(`x.${base64url('not json')}.y`)).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken(`x.${base64url('42')}.y`)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('spots what the node would refuse: expiry, another node, a missing operator role', () => {
    expect(tokenProblem(operator, 'mx', NOW)).toBeUndefined();
    expect(tokenProblem({ ...operator, exp: NOW.getTime() / 1000 }, 'mx', NOW)).toEqual({ problem: 'expired', expiredAt: NOW });
    expect(tokenProblem(operator, 'ca', NOW)).toEqual({ problem: 'other-node', country: 'mx' });
    expect(tokenProblem({ ...operator, roles: ['submitter', 'reviewer'] }, 'mx', NOW)).toEqual({ problem: 'not-operator', roles: ['submitter', 'reviewer'] });
    expect(tokenProblem({ ...operator, roles: undefined }, 'mx', NOW)).toEqual({ problem: 'not-operator', roles: [] });
  });

  it('keeps the token in the storage it is given, under one key, until cleared', () => {
    const items = new Map();
    const store = new TokenStore({
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => items.set(key, value),
      removeItem: (key) => items.delete(key),
    });
    expect(store.get()).toBeUndefined();
    store.set('a.b.c');
    expect(store.get()).toBe('a.b.c');
    expect([...items.keys()]).toEqual([TokenStore.KEY]);
    store.clear();
    expect(store.get()).toBeUndefined();
  });
});
