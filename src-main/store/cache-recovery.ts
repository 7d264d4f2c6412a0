import { existsSync, renameSync } from 'node:fs';
import type { CacheRebuilt } from '../../src-preload/contract.ts';
import type { Logger } from '../base/logger.ts';
import { createCacheStore, type CacheStore } from './cache-store.ts';
import { CacheDamagedError, isDamage, localPathFor, openCacheDatabase, type DamagedFile, type OpenOptions } from './db.ts';

export interface RecoveryOptions extends OpenOptions {
  log: Logger;
  /** Calendar time, for the name of the file set aside. */
  wallNow: () => number;
  /** Told once per rebuild (the shells pass it on to the user). */
  onRebuilt: (rebuilt: CacheRebuilt) => void;
  open?: (path: string, options: OpenOptions) => ReturnType<typeof openCacheDatabase>;
}

/** Renames a damaged file and its -wal/-shm aside (never deletes them): `cache.sqlite.damaged-2026-12-04T13-52-00Z`. */
function setAside(path: string, at: number): string {
  const aside = `${path}.damaged-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  return aside;
}

/**
 * The cache behind the `CacheStore` interface, rebuilt when SQLite finds it damaged: at open (an
 * integrity check) or on any later call (`SQLITE_CORRUPT`, `SQLITE_NOTADB`). The damaged file is
 * renamed aside, a fresh one is made (sync fills it from the service, its cursors being gone), the
 * precious local state stays in its own file, and the call that met the damage runs once more on
 * the fresh cache. A fresh file that is damaged again is not retried: no rebuild loop.
 */
export function openRecoveringStore(path: string, options: RecoveryOptions): CacheStore {
  const open = options.open ?? openCacheDatabase;

  function rebuild(file: DamagedFile, reason: unknown): void {
    const target = file === 'cache' ? path : localPathFor(path);
    const asideFile = setAside(target, options.wallNow());
    const detail = reason instanceof Error ? reason.message : String(reason);
    options.log.warn(`the ${file} file was damaged (${detail}); set aside as ${asideFile}`);
    options.onRebuilt({ at: options.wallNow(), asideFile, localStateLost: file === 'local' });
  }

  function openStore(): CacheStore {
    let lastDamaged: DamagedFile | null = null;
    for (;;) {
      try {
        return createCacheStore(open(path, options));
      } catch (error) {
        if (!(error instanceof CacheDamagedError) || error.file === lastDamaged || path === ':memory:') throw error;
        lastDamaged = error.file;
        rebuild(error.file, error);
      }
    }
  }

  let current = openStore();
  const recovered = (error: unknown): CacheStore => {
    try {
      current.close();
    } catch {
      // the damaged connection may not close cleanly; its file is set aside either way
    }
    rebuild(error instanceof CacheDamagedError ? error.file : 'cache', error);
    current = openStore();
    return current;
  };

  return new Proxy({} as CacheStore, {
    get(_target, name: keyof CacheStore) {
      const member = current[name];
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        try {
          return (current[name] as (...values: unknown[]) => unknown)(...args);
        } catch (error) {
          if (!isDamage(error) || name === 'close') throw error;
          return (recovered(error)[name] as (...values: unknown[]) => unknown)(...args);
        }
      };
    },
  });
}
