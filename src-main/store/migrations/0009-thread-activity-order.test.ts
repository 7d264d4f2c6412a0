import { describe, expect, it } from 'vitest';
import { migrateToLatest, useDatabaseAt } from '../../test-support/migrations.ts';

describe('migration 9: thread activity order', () => {
  const databaseAt = useDatabaseAt();

  it('serves the thread list’s order from an index, so a page does not sort every thread', () => {
    const db = databaseAt(8);
    migrateToLatest(db);
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT t.id FROM threads t
           WHERE t.account_id = ? AND t.deleted_on IS NULL
             AND (coalesce(t.last_activity_at, t.created_on, 0) < ? OR (coalesce(t.last_activity_at, t.created_on, 0) = ? AND t.id > ?))
           ORDER BY coalesce(t.last_activity_at, t.created_on, 0) DESC, t.id LIMIT 51`,
        )
        .all('a', 1, 1, '') as Array<{ detail: string }>
    ).map((row) => row.detail);
    expect(plan.join('\n')).toContain('threads_by_activity');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });
});
