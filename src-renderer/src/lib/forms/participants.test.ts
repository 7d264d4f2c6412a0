import { describe, expect, it } from 'vitest';
import { participantsFromRows, shareHistoryFrom } from './participants.ts';

describe('participantsFromRows', () => {
  it('trims, drops blanks and merges duplicates', () => {
    expect(
      participantsFromRows([
        { userId: ' 8:acs:a ', displayName: ' Ann ' },
        { userId: '', displayName: 'Nobody' },
        { userId: '8:acs:b', displayName: '' },
        { userId: '8:acs:a', displayName: '' },
      ]),
    ).toEqual([{ userId: '8:acs:a', displayName: 'Ann' }, { userId: '8:acs:b' }]);
  });
});

describe('shareHistoryFrom', () => {
  it('maps the choice', () => {
    expect(shareHistoryFrom('none', '')).toEqual({ kind: 'none' });
    expect(shareHistoryFrom('all', '')).toEqual({ kind: 'all' });
    expect(shareHistoryFrom('since', '2025-03-04')).toEqual({ kind: 'since', time: new Date(2025, 2, 4).getTime() });
    expect(shareHistoryFrom('since', '')).toBeNull();
  });
});
