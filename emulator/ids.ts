import { randomBytes, randomUUID } from 'node:crypto';

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `8:acs:<resource guid>_<guid-shaped suffix>`; the real service also issues these prefixes for other clouds. */
export const ACS_USER_ID_PATTERN = new RegExp(`^8:(acs|spool|dod-acs|gcch-acs):(${GUID})_(${GUID})$`, 'i');

export function newResourceId(): string {
  return randomUUID();
}

let lastUserIdMs = 0;
let userIdCounter = 0;

/**
 * A time-ordered, GUID-shaped suffix like the live service's `0000000c-6218-8504-7bfa-553a0d0010a4`:
 * the first 48 bits are the creation time, then a counter, then randomness.
 */
export function newUserId(resourceId: string, nowMs: number): string {
  if (nowMs === lastUserIdMs) userIdCounter = (userIdCounter + 1) & 0xffff;
  else {
    lastUserIdMs = nowMs;
    userIdCounter = 0;
  }
  const time = Math.max(0, Math.floor(nowMs)).toString(16).padStart(12, '0').slice(-12);
  const counter = userIdCounter.toString(16).padStart(4, '0');
  const random = randomBytes(8).toString('hex');
  return `8:acs:${resourceId}_${time.slice(0, 8)}-${time.slice(8, 12)}-${counter}-${random.slice(0, 4)}-${random.slice(4, 16)}`;
}

/** `19:acsV1_<43 base64url chars>1@thread.v2`, the shape of the service's thread ids since 2025 (ASSETS-JS e86a13b6…). */
export function newThreadId(): string {
  return `19:acsV1_${randomBytes(32).toString('base64url')}1@thread.v2`;
}

export function parseAcsUserId(rawId: string): { resourceId: string } | undefined {
  const match = ACS_USER_ID_PATTERN.exec(rawId);
  return match ? { resourceId: (match[2] ?? '').toLowerCase() } : undefined;
}
