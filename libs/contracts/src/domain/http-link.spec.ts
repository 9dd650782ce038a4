import { isHttpLink, LINK_MAX_LENGTH } from './http-link';

describe('isHttpLink', () => {
  it.each(['https://www.gob.mx/imssbienestar', 'http://www.canada.ca/fr/sante-publique.html?lang=fr#resultats', 'HTTPS://WWW.STATE.GOV/'])(
    'accepts %s',
    (link) => {
      expect(isHttpLink(link)).toBe(true);
    },
  );

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['file', 'file:///etc/passwd'],
    ['ftp', 'ftp://example.org/report.pdf'],
    ['no scheme', 'www.gob.mx'],
    ['relative', '/api/v1/submissions'],
    ['spaces', 'https://example.org/a b'],
    ['too long', `https://example.org/${'a'.repeat(LINK_MAX_LENGTH)}`],
    ['a number', 42],
  ])('rejects a %s link', (_case, link) => {
    expect(isHttpLink(link)).toBe(false);
  });
});
