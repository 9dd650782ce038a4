import { EVENT_TYPES, type ExpertData, pickSharedFields, type SharedExpertData } from '@naperj/contracts';
import type { ExpertContact } from './expert-requests.dto';

/**
 * What a caller sees of an expert: the whole internal view (with the decrypted contact, on
 * `GET` of one expert) for the expert themself and the node's liaisons and admins; the
 * public profile, as partners see it, for everyone else and for partners' experts.
 */
export type ExpertView = (ExpertData & { contact?: ExpertContact }) | SharedExpertData;

export function publicProfile(expert: ExpertData): SharedExpertData {
  return pickSharedFields(EVENT_TYPES.expertUpdated, expert) as SharedExpertData;
}
