import { z } from 'zod';
import { CONTENT_TYPES, LANGUAGE_CHOICES, LIMITS, POLL_SPEEDS, SEARCH_LIMITS, THEME_CHOICES, type ApiInput, type ApiMethod } from '../../src-preload/contract.ts';
import { metadataBytes } from '../../src-shared/metadata/metadata.ts';

const noInput = z.undefined();
const id = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(512, `${what} is too long`);
const accountId = id('The account');
const threadId = id('The conversation');
const messageId = id('The message');
const userId = z.string().trim().min(1, 'Enter a user id').max(512, 'This user id is too long');
const displayName = z.string().trim().max(LIMITS.displayNameLength, `A display name can have at most ${LIMITS.displayNameLength} characters`);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

const accountRef = z.strictObject({ accountId });
const threadRef = z.strictObject({ accountId, threadId });
const pageLimit = z.number().int().min(1).max(500);
const messageRef = z.strictObject({ accountId, threadId, messageId });

const keychainChoice = z.enum(['keychain', 'this-run-only']).optional();
const shareHistory = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('since'), time: epochMs }),
]);
const newParticipant = z.strictObject({ userId, displayName: displayName.optional() });
const participantList = z.array(newParticipant).max(LIMITS.participantsPerCall, `At most ${LIMITS.participantsPerCall} people can be added at once`);
const topic = z.string().trim().min(1, 'Enter a topic').max(LIMITS.topicLength, `A topic can have at most ${LIMITS.topicLength} characters`);
const messageContent = z
  .string()
  .refine((text) => text.trim().length > 0, 'Type a message first')
  .refine((text) => utf8Bytes(text) <= LIMITS.messageBytes, `A message can be at most ${LIMITS.messageBytes / 1024} KB`);
const sequenceId = z.number().int().min(0);
const retentionPolicy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('threadCreationDate'),
    deleteThreadAfterDays: z
      .number()
      .int('Enter a whole number of days')
      .min(LIMITS.retentionDaysMin, `A conversation can be deleted after ${LIMITS.retentionDaysMin} to ${LIMITS.retentionDaysMax} days`)
      .max(LIMITS.retentionDaysMax, `A conversation can be deleted after ${LIMITS.retentionDaysMin} to ${LIMITS.retentionDaysMax} days`),
  }),
]);
const metadataKey = z
  .string()
  .min(1, 'A metadata key cannot be empty')
  .refine((key) => key.trim() === key, 'A metadata key cannot start or end with a space');
export const METADATA_TOO_LARGE = `Metadata can hold at most ${LIMITS.metadataBytes} bytes of keys and values`;
const metadata = z.record(metadataKey, z.string()).refine((map) => metadataBytes(map) <= LIMITS.metadataBytes, METADATA_TOO_LARGE);
/** The size of the merged result is checked by the handler, which knows the metadata it merges into. */
const metadataChanges = z.record(metadataKey, z.string().nullable()).refine((changes) => Object.keys(changes).length > 0, 'Change a metadata entry first');

const settingsPatch = z.strictObject({
  notificationsEnabled: z.boolean().optional(),
  doNotDisturb: z.boolean().optional(),
  notifyMentionsWhenMuted: z.boolean().optional(),
  pollSpeed: z.enum(POLL_SPEEDS).optional(),
  theme: z.enum(THEME_CHOICES).optional(),
  language: z.enum(LANGUAGE_CHOICES).optional(),
  keepRunningInTray: z.boolean().optional(),
  autoUpdate: z.boolean().optional(),
});

/**
 * One schema per method. Whatever the renderer claims, main trusts only what passes these.
 * `satisfies` makes a missing method, or a schema whose output drifts from the contract, a type error.
 */
export const INPUT_SCHEMAS = {
  getAppInfo: noInput,
  getDataStatus: noInput,
  getSettings: noInput,
  updateSettings: settingsPatch,
  reportWindowFocus: z.strictObject({ focused: z.boolean(), visible: z.boolean(), open: threadRef.nullable() }),

  getAccountState: noInput,
  getKeychainStatus: noInput,
  startLocalDemo: noInput,
  signInWithToken: z.strictObject({
    endpoint: z.string().trim().min(1, 'Enter the endpoint of your ACS resource').max(2048),
    token: z.string().trim().min(1, 'Paste a user access token').max(16_384, 'This token is too long'),
    displayName: displayName.min(1, 'Enter the name others will see'),
    refreshUrl: z.string().trim().max(2048).optional(),
    refreshAuthorization: z.string().max(8192).optional(),
    keychain: keychainChoice,
  }),
  signInWithConnectionString: z.strictObject({
    connectionString: z.string().trim().min(1, 'Paste a connection string').max(4096, 'This connection string is too long'),
    displayName: displayName.min(1, 'Enter the name others will see'),
    keychain: keychainChoice,
  }),
  signOut: z.strictObject({ accountId, purgeCache: z.boolean() }),
  retryAccountSecret: accountRef,
  setActiveAccount: accountRef,
  getLastOpenThread: accountRef,
  getSyncState: accountRef,
  syncNow: accountRef,

  listThreads: accountRef,
  listThreadPage: z.strictObject({
    accountId,
    limit: z.number().int().min(1).max(LIMITS.threadsPerPage).optional(),
    after: z.strictObject({ activityAt: z.number().int(), id: threadId }).optional(),
  }),
  findThreads: z.strictObject({
    accountId,
    query: z.string().max(LIMITS.topicLength, 'This search is too long'),
    limit: z.number().int().min(1).max(LIMITS.threadsFound).optional(),
  }),
  getThread: threadRef,
  createThread: z.strictObject({
    accountId,
    topic,
    participants: participantList,
    shareHistory: shareHistory.optional(),
    metadata: metadata.optional(),
    retentionPolicy: retentionPolicy.optional(),
    repeatabilityId: id('The repeatability id').optional(),
  }),
  updateTopic: z.strictObject({ accountId, threadId, topic }),
  updateThreadProperties: z
    .strictObject({ accountId, threadId, metadataChanges: metadataChanges.optional(), retentionPolicy: retentionPolicy.optional() })
    .refine((input) => input.metadataChanges !== undefined || input.retentionPolicy !== undefined, 'Change a setting first'),
  deleteThread: threadRef,
  setThreadMuted: z.strictObject({ accountId, threadId, muted: z.boolean() }),

  openThread: z.strictObject({ accountId, threadId, aroundMessageId: messageId.optional(), limit: pageLimit.optional() }),
  listMessages: z.strictObject({
    accountId,
    threadId,
    beforeSequenceId: sequenceId.optional(),
    afterSequenceId: sequenceId.optional(),
    aroundMessageId: messageId.optional(),
    limit: pageLimit.optional(),
  }),
  getMessage: messageRef,
  sendMessage: z.strictObject({ accountId, threadId, content: messageContent, type: z.enum(CONTENT_TYPES), senderDisplayName: displayName.optional() }),
  listOutbox: threadRef,
  retrySend: z.strictObject({ accountId, threadId, clientId: id('The message') }),
  discardSend: z.strictObject({ accountId, threadId, clientId: id('The message') }),
  editMessage: z.strictObject({ accountId, threadId, messageId, content: messageContent }),
  loadAttachmentImage: z.strictObject({ accountId, threadId, messageId, attachmentId: z.string().min(1).max(256) }),
  deleteMessage: messageRef,
  markRead: messageRef,
  listReadReceipts: threadRef,
  sendTyping: z.strictObject({ accountId, threadId, senderDisplayName: displayName.optional() }),
  getDraft: threadRef,
  saveDraft: z.strictObject({ accountId, threadId, text: z.string().max(1_000_000, 'This draft is too long to keep'), format: z.enum(CONTENT_TYPES) }),

  listParticipants: threadRef,
  addParticipants: z.strictObject({ accountId, threadId, participants: participantList.min(1, 'Add at least one person'), shareHistory: shareHistory.optional() }),
  removeParticipant: z.strictObject({ accountId, threadId, userId }),
  leaveThread: threadRef,
  searchPeople: z.strictObject({
    accountId,
    query: z.string().max(LIMITS.displayNameLength, 'This search is too long'),
    limit: z.number().int().min(1).max(LIMITS.peopleResults).optional(),
  }),

  search: z.strictObject({ accountId, query: z.string().max(500, 'This search is too long'), limit: z.number().int().min(1).max(SEARCH_LIMITS.maxMessages).optional() }),
} satisfies { [M in ApiMethod]: z.ZodType<ApiInput<M>> };
