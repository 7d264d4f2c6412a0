import { badRequest } from '../errors.ts';
import { ACS_USER_ID_PATTERN } from '../ids.ts';
import { isJsonObject } from '../validation.ts';

/**
 * Every identifier kind SDK 1.6 can send, by raw id (the prefixes of `createIdentifierFromRawId` in
 * @azure/communication-common): ACS users `8:acs:`, Teams users `8:orgid:`/`8:dod:`/`8:gcch:`, Teams
 * visitors `8:teamsvisitor:`, Teams apps `28:orgid:`/`28:dod:`/`28:gcch:`, bots `28:<app id>` (an unknown kind
 * to the SDK) and phone numbers `4:+…`.
 */
const TEAMS_USER_PATTERN = /^8:(orgid|dod|gcch|teamsvisitor):(\S+)$/i;
const TEAMS_APP_PATTERN = /^28:(orgid|dod|gcch|dod-global|gcch-global):(\S+)$/i;
const BOT_PATTERN = /^28:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_PATTERN = /^4:\+\d{5,15}$/;

function cloudOf(prefix: string): 'public' | 'dod' | 'gcch' {
  const lower = prefix.toLowerCase();
  if (lower.startsWith('dod')) return 'dod';
  return lower.startsWith('gcch') ? 'gcch' : 'public';
}

/** The nested model the service sends beside `rawId` (no `kind`: the live service never sends one). */
export function identifierModelOf(rawId: string): Record<string, unknown> {
  if (ACS_USER_ID_PATTERN.test(rawId)) return { communicationUser: { id: rawId } };
  if (PHONE_PATTERN.test(rawId)) return { phoneNumber: { value: rawId.slice('4:'.length) } };
  const teamsUser = TEAMS_USER_PATTERN.exec(rawId);
  if (teamsUser) {
    const [, prefix = '', userId = ''] = teamsUser;
    // The SDK refuses a Teams user model without `isAnonymous`, so it is always sent.
    return { microsoftTeamsUser: { userId, isAnonymous: prefix.toLowerCase() === 'teamsvisitor', cloud: cloudOf(prefix) } };
  }
  const teamsApp = TEAMS_APP_PATTERN.exec(rawId);
  if (teamsApp) {
    const [, prefix = '', appId = ''] = teamsApp;
    return { microsoftTeamsApp: { appId, cloud: cloudOf(prefix) } };
  }
  return {};
}

export interface ParsedIdentifier {
  rawId: string;
  /** False for phone numbers, Teams users, visitors, apps and bots: well-formed, but refused in an ACS thread. */
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
  if (PHONE_PATTERN.test(id) || TEAMS_USER_PATTERN.test(id) || TEAMS_APP_PATTERN.test(id) || BOT_PATTERN.test(id)) return { rawId: id, isAcsUser: false };
  throw badRequest(`Identifier format is invalid (${id}).`, field);
}
