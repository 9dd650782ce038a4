import { IsString, Matches, MaxLength, type ValidationOptions } from 'class-validator';
import { composeDecorators } from './compose-decorators';

/** Titles, labels, names. */
export const TITLE_MAX_LENGTH = 300;
/** Summaries, biographies, comments, messages. */
export const TEXT_MAX_LENGTH = 4_000;
/**
 * Full bodies. Three languages of 20 000 characters stay well under Kafka's default
 * 1 MB record limit.
 */
export const LONG_TEXT_MAX_LENGTH = 20_000;
/** Reasons given for a withdrawal or erasure. */
export const REASON_MAX_LENGTH = 500;

const NOT_BLANK = /\S/;

/** A string with at least one visible character and at most `maxLength` characters. */
export function IsText(maxLength: number, options: ValidationOptions = {}): PropertyDecorator {
  return composeDecorators(IsString(options), Matches(NOT_BLANK, { message: '$property must not be blank', ...options }), MaxLength(maxLength, options));
}
