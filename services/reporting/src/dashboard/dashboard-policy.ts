/**
 * The dashboard's Content-Security-Policy, stricter than the one helmet gives every other
 * route: the page holds an operator's bearer token, so nothing runs, styles or connects
 * unless it comes from this origin. Inline scripts and styles are refused, the sign-in form
 * can never be submitted natively (the token would land in a URL), and Trusted Types make
 * any string assigned to an HTML or script sink throw: the page writes text, never markup.
 * `img-src data:` is for the page's empty `data:` favicon, which spares a request.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');
