/**
 * The single source of truth for everything that crosses the process boundary.
 *
 * Main implements `ApiHandlers`, the preload (Electron) and the browser bridge (WebSocket) expose
 * `ParleyBridge` as `window.parley`, and the renderer consumes it. This file must import nothing at
 * run time: it is bundled into the sandboxed preload and into the page.
 */

// ---------------------------------------------------------------------------------------------
// Envelope

export type ErrorCode =
  /** The input failed validation; `field` names the offending field where there is one. */
  | 'invalid-input'
  /** The account's credentials are gone, expired or revoked: the user must sign in again. */
  | 'signed-out'
  | 'forbidden'
  | 'not-found'
  /** The service asked us to slow down; `retryAfterMs` says for how long. */
  | 'throttled'
  /** Network trouble or a 5xx: worth retrying later. */
  | 'transient'
  /** The service refused the request for good (a 4xx that is not one of the above). */
  | 'permanent'
  /** No OS keychain could be reached to keep a secret. */
  | 'keychain-unavailable'
  /** The renderer could not reach main (browser shell only). */
  | 'bridge-unavailable'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------------
// DTOs

export type ShellKind = 'electron' | 'browser';

export interface AppInfo {
  name: string;
  version: string;
  shell: ShellKind;
  platform: string;
  runtime: string;
}

export interface DataStatus {
  dataDir: string;
  writable: boolean;
  cacheBytes: number;
}

export type AccountKind = 'token' | 'connection-string' | 'demo';

export interface AccountSummary {
  id: string;
  kind: AccountKind;
  displayName: string;
  endpoint: string;
  userId: string;
  /** False when the secret lives in this run's memory only (no keychain was reachable). */
  secretPersisted: boolean;
  signedIn: boolean;
}

export interface AccountState {
  accounts: AccountSummary[];
  activeAccountId: string | null;
  demoAvailable: boolean;
}

// ---------------------------------------------------------------------------------------------
// Methods: one input (or none) and one output each.

export interface ApiMethods {
  getAppInfo: { input: void; output: AppInfo };
  getDataStatus: { input: void; output: DataStatus };
  getAccountState: { input: void; output: AccountState };
}

export type ApiMethod = keyof ApiMethods;
export type ApiInput<M extends ApiMethod> = ApiMethods[M]['input'];
export type ApiOutput<M extends ApiMethod> = ApiMethods[M]['output'];

/** Every method, so that the preload and the browser bridge can build `window.parley` by iteration. */
export const API_METHODS = {
  getAppInfo: true,
  getDataStatus: true,
  getAccountState: true,
} as const satisfies { readonly [M in ApiMethod]: true };

// Exhaustiveness the other way: a key in API_METHODS that is not a method fails here.
type ExtraMethodKeys = Exclude<keyof typeof API_METHODS, ApiMethod>;
export const API_METHODS_ARE_EXACT: ExtraMethodKeys extends never ? true : never = true;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(API_METHODS, name);
}

/** What main implements: plain values out, `ApiFailure`-style errors thrown. */
export type ApiHandlers = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>>;
};

type CallSignature<M extends ApiMethod> = [ApiInput<M>] extends [void]
  ? () => Promise<Result<ApiOutput<M>>>
  : (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>;

/** What the renderer sees: every method answers with the envelope, never throws. */
export type ParleyApi = { [M in ApiMethod]: CallSignature<M> };

// ---------------------------------------------------------------------------------------------
// Events: main → renderer.

export interface NotificationPayload {
  accountId: string;
  threadId: string;
  title: string;
  body: string;
}

export interface ParleyEvents {
  'accounts-changed': AccountState;
  /** Browser shell only: the page raises it as a Web Notification (Electron shows a native one). */
  notification: NotificationPayload;
  'badge-count': { count: number };
}

export type EventName = keyof ParleyEvents;

export const EVENT_NAMES = {
  'accounts-changed': true,
  notification: true,
  'badge-count': true,
} as const satisfies { readonly [E in EventName]: true };

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENT_NAMES, name);
}

export type EventListener<E extends EventName> = (payload: ParleyEvents[E]) => void;

export interface ParleyBridge extends ParleyApi {
  /** Subscribe to an event; the returned function unsubscribes. */
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
}

// ---------------------------------------------------------------------------------------------
// Transport details shared by both shells (the page never sees these names).

export const IPC_CALL_CHANNEL = 'parley:call';
export const IPC_EVENT_CHANNEL = 'parley:event';
export const BRIDGE_WEBSOCKET_PATH = '/bridge';
export const BRIDGE_TOKEN_PARAM = 'token';

export type BridgeClientMessage = { type: 'call'; id: number; method: ApiMethod; input: unknown };
export type BridgeServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { [E in EventName]: { type: 'event'; event: E; payload: ParleyEvents[E] } }[EventName];
