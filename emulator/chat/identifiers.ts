import { badRequest } from '../errors.ts';
import { ACS_USER_ID_PATTERN } from '../ids.ts';
import { isJsonObject } from '../validation.ts';

/** Well-formed identifiers of kinds a real ACS resource knows but the emulator cannot host. */
const OTHER_KNOWN_ID_PATTERN = /^(4:\+?\d{5,15}|8:(orgid|teamsvisitor|dod|gcch):[^\s]+|28:(orgid|gcch|dod):[^\s]+)$/i;

export interface ParsedIdentifier {
  rawId: string;
  /** False for phone numbers, Teams users and apps: well-formed, but never a valid chat participant here. */
  isAcsUser: boolean;
}

function nestedRawId(model: Record<string, unknown>): string | undefined {
  const user = model['communicationUser'];
  if (isJsonObject(user) && typeof user['id'] === 'string') return user['id'];
  const phone = model['phoneNumber'];
  if (isJsonObject(phone) && typeof phone['value'] === 'string') return `4:${phone['value']}`;
  return undefined;
}

/** Reads a CommunicationIdentifierModel; a malformed one is a 400 in the live service's words. */
export function parseIdentifierModel(value: unknown, field: string): ParsedIdentifier {
  if (!isJsonObject(value)) throw badRequest(`'${field}' must be a CommunicationIdentifierModel object.`, field);
  const rawId = value['rawId'];
  const nested = nestedRawId(value);
  if (rawId !== undefined && typeof rawId !== 'string') throw badRequest(`'${field}.rawId' must be a string.`, field);
  if (rawId !== undefined && nested !== undefined && rawId !== nested) {
    throw badRequest(`'${field}.rawId' (${rawId}) does not match the nested identifier (${nested}).`, field);
  }
  const id = rawId ?? nested;
  if (id === undefined) throw badRequest(`'${field}' must carry a rawId or a communicationUser.id.`, field);
  if (ACS_USER_ID_PATTERN.test(id)) return { rawId: id, isAcsUser: true };
  if (OTHER_KNOWN_ID_PATTERN.test(id)) return { rawId: id, isAcsUser: false };
  throw badRequest(`Identifier format is invalid (${id}).`, field);
}
