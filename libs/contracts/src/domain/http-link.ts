import { isURL, registerDecorator, type ValidationOptions } from 'class-validator';

export const LINK_MAX_LENGTH = 2_048;

/**
 * Only absolute http(s) links: peers and dashboards render them, and `javascript:`,
 * `data:` or `file:` links would run or read something on the reader's side.
 */
export function isHttpLink(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= LINK_MAX_LENGTH &&
    /^https?:\/\//i.test(value) &&
    isURL(value, { protocols: ['http', 'https'], require_protocol: true })
  );
}

export const IS_HTTP_LINK = 'isHttpLink';

export function IsHttpLink(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: IS_HTTP_LINK,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: `$property must be an http or https link of at most ${LINK_MAX_LENGTH} characters`,
        ...options,
      },
      validator: { validate: isHttpLink },
    });
  };
}
