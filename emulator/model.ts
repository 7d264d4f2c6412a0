/** The emulator's own records, independent of any api-version's wire shape. */

export type Metadata = Record<string, string>;

export type RetentionPolicy = { kind: 'threadCreationDate'; deleteThreadAfterDays: number } | { kind: 'none' };

export interface UserRecord {
  id: string;
  createdMs: number;
  deletedMs: number | null;
  /** Tokens issued before this instant are refused. */
  tokensRevokedBeforeMs: number | null;
}

export interface ThreadRecord {
  id: string;
  topic: string;
  createdMs: number;
  createdBy: string;
  deletedMs: number | null;
  metadata: Metadata | null;
  retentionPolicy: RetentionPolicy | null;
  lastMessageMs: number;
}

export interface ParticipantRecord {
  userId: string;
  displayName: string | null;
  shareHistoryMs: number;
  metadata: Metadata | null;
}

export type UserMessageType = 'text' | 'html';
export type SystemMessageType = 'topicUpdated' | 'participantAdded' | 'participantRemoved';
export type MessageType = UserMessageType | SystemMessageType;

/**
 * A file or image a message carries, as Teams-interop messages have them in `content.attachments`. `url` and
 * `previewUrl` are kept as the sender gave them, unchecked (tests post hostile ones). A `served` image's bytes
 * are kept by the emulator, which answers them at its own origin; its URLs are made per request.
 */
export interface AttachmentRecord {
  id: string;
  /** `image` or `file` at current api-versions; older previews wrote others (`teamsImage`), kept as given. */
  attachmentType: string;
  name: string | null;
  url: string | null;
  previewUrl: string | null;
  served: boolean;
}

/** Bytes of a served attachment image. */
export interface AttachmentImage {
  contentType: string;
  bytes: Buffer;
}

export interface MessageContent {
  message?: string;
  attachments?: AttachmentRecord[];
  topic?: string;
  participants?: ParticipantRecord[];
  initiatorId?: string;
}

export interface MessageRecord {
  threadId: string;
  id: string;
  sequenceId: number;
  type: MessageType;
  senderId: string | null;
  senderDisplayName: string | null;
  content: MessageContent;
  metadata: Metadata | null;
  createdMs: number;
  editedMs: number | null;
  deletedMs: number | null;
  version: number;
}

export interface ReadReceiptRecord {
  userId: string;
  messageId: string;
  readMs: number;
}

export interface TypingRecord {
  threadId: string;
  userId: string;
  senderDisplayName: string | null;
  atMs: number;
}
