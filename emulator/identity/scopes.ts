import { atLeast } from '../api-versions.ts';

export const TOKEN_SCOPES = ['chat', 'voip', 'chat.join', 'chat.join.limited', 'voip.join'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === 'string' && (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** The scopes an identity api-version knows; the join scopes arrived with 2023-10-01. */
export function scopesKnownBy(apiVersion: string): readonly TokenScope[] {
  return atLeast(apiVersion, '2023-10-01') ? TOKEN_SCOPES : ['chat', 'voip'];
}

/** What a chat operation needs from the caller's token (the scope table of the reference, §6). */
export type ChatPermission = 'manageThread' | 'manageParticipants' | 'participate';

const GRANTS: Record<ChatPermission, readonly TokenScope[]> = {
  manageThread: ['chat'],
  manageParticipants: ['chat', 'chat.join'],
  participate: ['chat', 'chat.join', 'chat.join.limited'],
};

export function scopesAllow(scopes: readonly string[], permission: ChatPermission): boolean {
  return scopes.some((scope) => (GRANTS[permission] as readonly string[]).includes(scope));
}
