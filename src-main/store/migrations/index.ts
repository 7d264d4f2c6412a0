import type { Migration } from '../migrate.ts';
import { cacheTables } from './0001-cache-tables.ts';
import { localState } from './0002-local-state.ts';
import { messageSearch } from './0003-message-search.ts';
import { searchWordKeys } from './0004-search-word-keys.ts';
import { messageMentions } from './0005-mentions.ts';
import { threadProperties } from './0006-thread-properties.ts';
import { messageAttachments } from './0007-message-attachments.ts';
import { preciousState } from './0008-precious-state.ts';
import { threadActivityOrder } from './0009-thread-activity-order.ts';

/** Every migration, oldest first; append only. */
export const MIGRATIONS: readonly Migration[] = [
  cacheTables,
  localState,
  messageSearch,
  searchWordKeys,
  messageMentions,
  threadProperties,
  messageAttachments,
  preciousState,
  threadActivityOrder,
];
