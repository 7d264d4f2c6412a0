import type { Migration } from '../migrate.ts';
import { cacheTables } from './0001-cache-tables.ts';
import { localState } from './0002-local-state.ts';
import { messageSearch } from './0003-message-search.ts';
import { preciousState } from './0004-precious-state.ts';

/** Every migration, oldest first; append only. */
export const MIGRATIONS: readonly Migration[] = [cacheTables, localState, messageSearch, preciousState];
