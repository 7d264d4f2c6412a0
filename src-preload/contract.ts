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
  /** The disk is full: nothing was saved (what the user typed stays on screen). */
  | 'disk-full'
  /** The renderer could not reach main (browser shell only). */
  | 'bridge-unavailable'
  /** The page was opened without the per-run access key (browser shell only). */
  | 'bridge-key-missing'
  /** The page's access key is from an earlier run of the browser shell: main refuses it. */
  | 'bridge-key-stale'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------------
// DTOs. Times are epoch milliseconds; user ids are ACS raw ids ("8:acs:…").

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
  /** Set when the cache was found damaged during this run and rebuilt from the service. */
  cacheRebuilt: CacheRebuilt | null;
}

/** The damaged file was renamed aside (kept, not deleted) and a fresh cache is filled from the service. */
export interface CacheRebuilt {
  /** Calendar time of the rebuild. */
  at: number;
  asideFile: string;
  /** The damaged file held the local state (accounts, outbox, drafts, settings), which could not be kept. */
  localStateLost: boolean;
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
  /**
   * The keychain could not give back this account's secret at start (locked, or its service gone):
   * the account stays listed, signed out, until `retryAccountSecret` reads it. Reported once, here.
   */
  keychainProblem: KeychainProblem | null;
  /** Unread messages in the account's conversations, muted and deleted ones left out (what the app badge sums). */
  unread: number;
}

export type KeychainProblem = 'locked' | 'unavailable';

export interface AccountState {
  accounts: AccountSummary[];
  activeAccountId: string | null;
  demoAvailable: boolean;
}

export type KeychainChoice = 'keychain' | 'this-run-only';

export interface SignInWithToken {
  endpoint: string;
  token: string;
  displayName: string;
  /** A service of the customer's that answers with a fresh token (JSON `{ token }` or the bare token). */
  refreshUrl?: string;
  /** Sent as the Authorization header to the refresh URL; kept in the keychain. */
  refreshAuthorization?: string;
  keychain?: KeychainChoice;
}

export interface SignInWithConnectionString {
  connectionString: string;
  displayName: string;
  keychain?: KeychainChoice;
}

export interface SignOutInput {
  accountId: string;
  /** Also remove everything cached for the account. */
  purgeCache: boolean;
}

export interface KeychainStatus {
  state: 'available' | 'locked' | 'unavailable';
  reason?: string;
}

export type MessageType = 'text' | 'html' | 'topicUpdated' | 'participantAdded' | 'participantRemoved';
export const CONTENT_TYPES = ['text', 'html'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/**
 * A message being written, kept per thread: `text` is the typed text when `format` is 'text', and the
 * composer's own HTML (formatting, mentions) when it is 'html'.
 */
export interface Draft {
  text: string;
  format: ContentType;
}

export interface ParticipantRef {
  userId: string;
  displayName: string | null;
}

/**
 * How long the service keeps a thread. `unknown` is a kind this version of Parley does not know: the
 * thread stays usable, the policy is shown by its name and never sent back.
 */
export type RetentionPolicy = { kind: 'none' } | { kind: 'threadCreationDate'; deleteThreadAfterDays: number } | { kind: 'unknown'; serviceKind: string };
/** The policies Parley can ask for. */
export type SettableRetentionPolicy = Exclude<RetentionPolicy, { kind: 'unknown' }>;

/** Thread and participant metadata: string keys to string values, shared with every other app on the thread. */
export type Metadata = Record<string, string>;
/** A merge patch of metadata: only the keys that changed, `null` removes a key; other keys stay as they are. */
export type MetadataChanges = Record<string, string | null>;

/** When a thread with this policy will be deleted, or null when it is kept. */
export function retentionDeletesAt(createdOn: number | null, policy: RetentionPolicy | null): number | null {
  if (createdOn === null || policy?.kind !== 'threadCreationDate') return null;
  return createdOn + policy.deleteThreadAfterDays * 24 * 60 * 60 * 1000;
}

export interface ThreadSummary {
  accountId: string;
  id: string;
  topic: string;
  createdOn: number | null;
  createdBy: string | null;
  deletedOn: number | null;
  /** Null until the thread's properties have been read from the service. */
  metadata: Metadata | null;
  /** Null when the service reported none (or the properties have not been read yet). */
  retentionPolicy: RetentionPolicy | null;
  /** Time of the newest message known; the list is ordered by it. */
  lastActivityAt: number | null;
  lastMessagePreview: string | null;
  /** Who wrote the newest message: the id (to tell one's own) and the name it was sent with. */
  lastMessageSenderId: string | null;
  lastMessageSenderName: string | null;
  unreadCount: number;
  /** Unread messages that mention the signed-in user: counted apart, and notified even when the thread is muted. */
  unreadMentions: number;
  muted: boolean;
}

export const ATTACHMENT_KINDS = ['image', 'file'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * A file or image a message carries: the service's `content.attachments` (Teams interop) or the ACS UI Library's
 * `metadata.fileSharingMetadata`. URLs are the sender's; main fetches an image only from the account's own endpoint.
 */
export interface MessageAttachment {
  id: string;
  kind: AttachmentKind;
  name: string;
  url: string | null;
  previewUrl: string | null;
}

export interface ChatMessage {
  accountId: string;
  threadId: string;
  id: string;
  sequenceId: number;
  version: string;
  type: MessageType;
  senderId: string | null;
  senderDisplayName: string | null;
  /** The text or (unsanitised) HTML of a user message; empty for system and deleted messages. */
  content: string;
  /** topicUpdated: the new topic. */
  topic: string | null;
  /** participantAdded / participantRemoved: who. */
  participants: ParticipantRef[];
  /** System messages: who did it. */
  initiatorId: string | null;
  metadata: Record<string, string> | null;
  /** Files and images, in the order the sender gave them; empty for most messages. */
  attachments: MessageAttachment[];
  createdOn: number;
  editedOn: number | null;
  deletedOn: number | null;
  isOwn: boolean;
}

export type OutboxState = 'queued' | 'sending' | 'failed';

/** A message the user sent that the service has not confirmed yet. */
export interface OutboxItem {
  accountId: string;
  threadId: string;
  clientId: string;
  content: string;
  type: ContentType;
  senderDisplayName: string;
  state: OutboxState;
  error: ApiError | null;
  createdAt: number;
  attempts: number;
}

/** The kinds of people and apps a raw id can name ("8:acs:…", "8:orgid:…", "8:teamsvisitor:…", "4:+…", "28:orgid:…"). */
export const IDENTIFIER_KINDS = ['acs-user', 'teams-user', 'teams-visitor', 'teams-extension-user', 'phone', 'bot', 'unknown'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Participant {
  accountId: string;
  threadId: string;
  userId: string;
  kind: IdentifierKind;
  displayName: string | null;
  shareHistoryTime: number | null;
  metadata: Metadata | null;
}

/** Someone Parley has seen in the account's conversations: the people directory. */
export interface Person {
  userId: string;
  /** The name they had in the most recent conversation that named them. */
  displayName: string | null;
  /** How many of the account's conversations they are in. */
  sharedThreadCount: number;
  /** The most recent of those conversations, newest first (at most `LIMITS.sharedThreadsListed`). */
  sharedThreads: Array<{ id: string; topic: string }>;
}

export interface ReadReceipt {
  userId: string;
  messageId: string;
  readOn: number;
}

export interface MessagePage {
  messages: ChatMessage[];
  /** Older messages exist in the cache (or on the service) before the first one returned. */
  hasOlder: boolean;
  hasNewer: boolean;
}

/** Where a page of the thread list ends: the next page starts after this thread in the list's order. */
export interface ThreadPageCursor {
  /** The thread's last activity (its creation when it has none, 0 when neither is known). */
  activityAt: number;
  id: string;
}

/** Part of the thread list, newest activity first, deleted threads left out. */
export interface ThreadPage {
  threads: ThreadSummary[];
  /** Null on the last page. */
  next: ThreadPageCursor | null;
}

/** Everything the first screen of a thread shows, read in one call (one round trip, one render). */
export interface ThreadOpening {
  page: MessagePage;
  outbox: OutboxItem[];
  receipts: ReadReceipt[];
  /** As cached: empty until the thread's participants were synced once (`listParticipants` fetches them). */
  participants: Participant[];
}

export interface SearchSnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  accountId: string;
  threadId: string;
  threadTopic: string;
  messageId: string;
  sequenceId: number;
  senderDisplayName: string | null;
  createdOn: number;
  snippet: SearchSnippetPart[];
}

/** A conversation whose topic holds every term of the query. */
export interface ConversationSearchHit {
  accountId: string;
  threadId: string;
  topic: string;
  /** The topic, with the matches flagged. */
  topicParts: SearchSnippetPart[];
  lastActivityAt: number | null;
}

/** A person (a participant of the account's conversations, not the account itself) whose display name holds every term. */
export interface PersonSearchHit {
  accountId: string;
  userId: string;
  displayName: string;
  /** The display name, with the matches flagged. */
  nameParts: SearchSnippetPart[];
  /** Their most recently active conversation with the account: where picking them leads. */
  threadId: string;
  threadTopic: string;
}

/** One search, in sections: conversations by topic, people by name, messages by text; each best first. */
export interface SearchResults {
  conversations: ConversationSearchHit[];
  people: PersonSearchHit[];
  messages: SearchHit[];
}

/** How many results a search answers: messages by default and at most (`limit`), and per other section. */
export const SEARCH_LIMITS = {
  messages: 50,
  maxMessages: 200,
  conversations: 5,
  people: 5,
} as const;

/** `disk-full`: sync is paused because the cache cannot grow; it resumes by itself once space returns. */
export type ConnectivityState = 'online' | 'offline' | 'throttled' | 'signed-out' | 'disk-full';

export interface SyncState {
  accountId: string;
  state: ConnectivityState;
  /** Calendar time (epoch ms, this computer's clock) of the last successful sync, to be read against `Date.now()`. */
  lastSyncedAt: number | null;
  /** When throttled or backing off: when the next attempt is due, in calendar time like `lastSyncedAt`. */
  nextAttemptAt: number | null;
  message: string | null;
}

/** Every choice of each setting; the types derive from these lists, and main validates against them. */
export const POLL_SPEEDS = ['fast', 'normal', 'battery-saver'] as const;
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
/** The languages Parley is translated into. */
export const LOCALES = ['en', 'ko'] as const;
export const LANGUAGE_CHOICES = ['system', ...LOCALES] as const;
export type PollSpeed = (typeof POLL_SPEEDS)[number];
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Locale = (typeof LOCALES)[number];
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export interface Settings {
  notificationsEnabled: boolean;
  doNotDisturb: boolean;
  pollSpeed: PollSpeed;
  theme: ThemeChoice;
  language: LanguageChoice;
  /** A message that mentions you notifies even in a muted conversation. */
  notifyMentionsWhenMuted: boolean;
  /**
   * Desktop app on Linux: closing the window leaves Parley running in the tray. Off by default, since
   * desktops without a tray host (stock GNOME) would leave no way back; elsewhere closing always does.
   */
  keepRunningInTray: boolean;
  /** Desktop app: look for updates at start and daily, download them in the background, offer a restart. */
  autoUpdate: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  notificationsEnabled: true,
  doNotDisturb: false,
  pollSpeed: 'normal',
  theme: 'system',
  language: 'system',
  notifyMentionsWhenMuted: true,
  keepRunningInTray: false,
  autoUpdate: true,
};

export type ShareHistory = { kind: 'none' } | { kind: 'all' } | { kind: 'since'; time: number };

export interface NewParticipant {
  userId: string;
  displayName?: string;
}

export interface AddParticipantsResult {
  added: string[];
  /** Each person the service refused, alone: the others were added. */
  failed: Array<{ userId: string; kind: IdentifierKind; code: string; message: string }>;
}

export interface CreateThreadInput {
  accountId: string;
  topic: string;
  participants: NewParticipant[];
  shareHistory?: ShareHistory;
  metadata?: Metadata;
  retentionPolicy?: SettableRetentionPolicy;
  /** Makes the create idempotent: the same id returns the same thread. Generated when absent. */
  repeatabilityId?: string;
}

export interface CreateThreadResult {
  thread: ThreadSummary;
  failed: AddParticipantsResult['failed'];
}

export interface AccountRef {
  accountId: string;
}
export interface ThreadRef {
  accountId: string;
  threadId: string;
}
export interface MessageRef {
  accountId: string;
  threadId: string;
  messageId: string;
}

export interface UpdateThreadPropertiesInput extends ThreadRef {
  /** Only the keys the user changed, so that keys other apps keep on the thread survive. */
  metadataChanges?: MetadataChanges;
  retentionPolicy?: SettableRetentionPolicy;
}

export interface WindowFocus {
  focused: boolean;
  visible: boolean;
  /** The thread on screen, if any. */
  open: ThreadRef | null;
}

// ---------------------------------------------------------------------------------------------
// Methods: one input (or none) and one output each.

export interface ApiMethods {
  // App
  getAppInfo: { input: void; output: AppInfo };
  getDataStatus: { input: void; output: DataStatus };
  getSettings: { input: void; output: Settings };
  updateSettings: { input: Partial<Settings>; output: Settings };
  /** The renderer tells main what is on screen: this drives polling speed, read receipts and notifications, and is remembered for the next start. */
  reportWindowFocus: { input: WindowFocus; output: void };

  // Accounts
  getAccountState: { input: void; output: AccountState };
  getKeychainStatus: { input: void; output: KeychainStatus };
  startLocalDemo: { input: void; output: AccountSummary };
  signInWithToken: { input: SignInWithToken; output: AccountSummary };
  signInWithConnectionString: { input: SignInWithConnectionString; output: AccountSummary };
  signOut: { input: SignOutInput; output: void };
  /** Reads the secret of an account with a `keychainProblem` again (after the user unlocked the keychain). */
  retryAccountSecret: { input: AccountRef; output: AccountSummary };
  setActiveAccount: { input: AccountRef; output: void };
  /**
   * The conversation that was on screen last for this account (as `reportWindowFocus` told main), for start-up to
   * open again; null when none was, or when it has since been deleted or left.
   */
  getLastOpenThread: { input: AccountRef; output: ThreadRef | null };
  getSyncState: { input: AccountRef; output: SyncState };
  syncNow: { input: AccountRef; output: void };

  // Threads
  listThreads: { input: AccountRef; output: ThreadSummary[] };
  /** The thread list a page at a time (at most `LIMITS.threadsPerPage`): what start-up reads. */
  listThreadPage: { input: AccountRef & { limit?: number; after?: ThreadPageCursor }; output: ThreadPage };
  /**
   * Threads whose topic holds every word of `query` (matched as search matches names), best first, then
   * the most recently active; at most `LIMITS.threadsFound`: the quick switcher, without the whole list.
   */
  findThreads: { input: AccountRef & { query: string; limit?: number }; output: ThreadSummary[] };
  getThread: { input: ThreadRef; output: ThreadSummary };
  createThread: { input: CreateThreadInput; output: CreateThreadResult };
  updateTopic: { input: ThreadRef & { topic: string }; output: void };
  /** Thread metadata and retention policy (the service's `updateProperties`). */
  updateThreadProperties: { input: UpdateThreadPropertiesInput; output: void };
  deleteThread: { input: ThreadRef; output: void };
  setThreadMuted: { input: ThreadRef & { muted: boolean }; output: void };

  // Messages
  /** The newest page (or the page around a message), the outbox, receipts and cached participants. */
  openThread: { input: ThreadRef & { aroundMessageId?: string; limit?: number }; output: ThreadOpening };
  listMessages: {
    input: ThreadRef & { beforeSequenceId?: number; afterSequenceId?: number; aroundMessageId?: string; limit?: number };
    output: MessagePage;
  };
  getMessage: { input: MessageRef; output: ChatMessage };
  sendMessage: { input: ThreadRef & { content: string; type: ContentType; senderDisplayName?: string }; output: OutboxItem };
  listOutbox: { input: ThreadRef; output: OutboxItem[] };
  retrySend: { input: ThreadRef & { clientId: string }; output: void };
  discardSend: { input: ThreadRef & { clientId: string }; output: void };
  editMessage: { input: MessageRef & { content: string }; output: void };
  /** An image attachment as a data URL, fetched by main with the account's token only from the account's own endpoint. */
  loadAttachmentImage: { input: MessageRef & { attachmentId: string }; output: { dataUrl: string } };
  deleteMessage: { input: MessageRef; output: void };
  markRead: { input: ThreadRef & { messageId: string }; output: void };
  listReadReceipts: { input: ThreadRef; output: ReadReceipt[] };
  sendTyping: { input: ThreadRef & { senderDisplayName?: string }; output: void };
  /** An empty text draft when there is none. */
  getDraft: { input: ThreadRef; output: Draft };
  /** A blank text deletes the draft. */
  saveDraft: { input: ThreadRef & Draft; output: void };

  // Participants
  listParticipants: { input: ThreadRef; output: Participant[] };
  addParticipants: { input: ThreadRef & { participants: NewParticipant[]; shareHistory?: ShareHistory }; output: AddParticipantsResult };
  removeParticipant: { input: ThreadRef & { userId: string }; output: void };
  leaveThread: { input: ThreadRef; output: void };
  /** The people directory: matches on a part of a name or a user id (any case, Korean too); most shared, then most recent, first. */
  searchPeople: { input: AccountRef & { query: string; limit?: number }; output: Person[] };

  // Search
  /** `limit` bounds the messages (SEARCH_LIMITS). */
  search: { input: AccountRef & { query: string; limit?: number }; output: SearchResults };
}

/** Limits the UI checks before sending, and main enforces again. */
export const LIMITS = {
  messageBytes: 28 * 1024,
  topicLength: 256,
  participantsPerCall: 200,
  /** The most threads one `listThreadPage` call returns (and its default). */
  threadsPerPage: 200,
  /** The most threads one `findThreads` call returns (and its default): what the quick switcher lists. */
  threadsFound: 50,
  displayNameLength: 256,
  /** Largest attachment image main fetches and hands to the page. */
  attachmentImageBytes: 8 * 1024 * 1024,
  /** Attachments read from one message; more are ignored. */
  attachmentsPerMessage: 20,
  /** The service keeps a thread with a "delete after" policy for this many days at least and at most. */
  retentionDaysMin: 30,
  retentionDaysMax: 90,
  /** Thread and participant metadata: the UTF-8 bytes of all keys and values together. */
  metadataBytes: 1024,
  /** People a directory search answers, at most. */
  peopleResults: 50,
  /** Shared conversations listed per person. */
  sharedThreadsListed: 3,
} as const;

/** The image types an attachment may be shown as (anything else is offered as a file). */
export const ATTACHMENT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/** The ACS UI Library's message metadata key for shared files: a JSON list of `{ id, name, url }`. */
export const FILE_SHARING_METADATA_KEY = 'fileSharingMetadata';

export type ApiMethod = keyof ApiMethods;
export type ApiInput<M extends ApiMethod> = ApiMethods[M]['input'];
export type ApiOutput<M extends ApiMethod> = ApiMethods[M]['output'];

/** The message metadata key under which Parley sends its own id for an outgoing message (exactly-once delivery). */
export const CLIENT_ID_METADATA_KEY = 'parleyClientId';
/** The message metadata key that names the message a reply quotes (the quote itself travels as a Teams reply blockquote). */
export const REPLY_TO_METADATA_KEY = 'parleyReplyTo';

/** Every method, so that the preload and the browser bridge can build `window.parley` by iteration. */
export const API_METHODS = {
  getAppInfo: true,
  getDataStatus: true,
  getSettings: true,
  updateSettings: true,
  reportWindowFocus: true,
  getAccountState: true,
  getKeychainStatus: true,
  startLocalDemo: true,
  signInWithToken: true,
  signInWithConnectionString: true,
  signOut: true,
  retryAccountSecret: true,
  setActiveAccount: true,
  getLastOpenThread: true,
  getSyncState: true,
  syncNow: true,
  listThreads: true,
  listThreadPage: true,
  findThreads: true,
  getThread: true,
  createThread: true,
  updateTopic: true,
  updateThreadProperties: true,
  deleteThread: true,
  setThreadMuted: true,
  openThread: true,
  getMessage: true,
  sendMessage: true,
  listOutbox: true,
  retrySend: true,
  discardSend: true,
  editMessage: true,
  loadAttachmentImage: true,
  deleteMessage: true,
  markRead: true,
  listReadReceipts: true,
  sendTyping: true,
  getDraft: true,
  saveDraft: true,
  listParticipants: true,
  addParticipants: true,
  removeParticipant: true,
  leaveThread: true,
  search: true,
  searchPeople: true,
  listMessages: true,
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

type CallSignature<M extends ApiMethod> = [ApiInput<M>] extends [void] ? () => Promise<Result<ApiOutput<M>>> : (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>;

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
  /** Also when an account's unread total changes (a message arrived, a thread was read, muted or removed). */
  'accounts-changed': AccountState;
  'sync-state': SyncState;
  /** The thread list of an account changed in the cache. */
  'threads-changed': AccountRef;
  /** Messages, outbox items, receipts or participants of a thread changed in the cache. */
  'thread-changed': ThreadRef & { messages: boolean; outbox: boolean; receipts: boolean; participants: boolean };
  'settings-changed': Settings;
  /** Electron only: a notification was clicked; the renderer opens the thread. */
  'open-thread': ThreadRef;
  /** Browser shell only: the page raises it as a Web Notification (Electron shows a native one). */
  notification: NotificationPayload;
  'badge-count': { count: number };
  'cache-rebuilt': CacheRebuilt;
  /**
   * Browser shell only, raised by the page's bridge itself (never by main): the running shell refuses this
   * page's access key, so nothing more can be done from this page (`bridge-key-stale`).
   */
  'bridge-refused': ApiError;
}

export type EventName = keyof ParleyEvents;

export const EVENT_NAMES = {
  'accounts-changed': true,
  'cache-rebuilt': true,
  'sync-state': true,
  'threads-changed': true,
  'thread-changed': true,
  'settings-changed': true,
  'open-thread': true,
  notification: true,
  'badge-count': true,
  'bridge-refused': true,
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
export type BridgeServerMessage = { type: 'result'; id: number; result: Result<unknown> } | { [E in EventName]: { type: 'event'; event: E; payload: ParleyEvents[E] } }[EventName];
