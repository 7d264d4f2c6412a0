import { ChatService } from './chat/service.ts';
import { ManualClock } from './clock.ts';
import type { Clock } from './clock.ts';
import type { AuthenticatedUser, IdentityService } from './identity/service.ts';
import type { Store } from './store.ts';

/** Demo content for a first run of Parley against the emulator: people, threads and history in English and Korean. */

export interface DemoUser {
  key: string;
  id: string;
  displayName: string;
}

export interface DemoSeed {
  /** The user Parley signs in as in the demo. */
  meUserId: string;
  users: DemoUser[];
  threads: Array<{ id: string; topic: string }>;
  /** Where `demoActivity` posts new messages. */
  activityThreadId: string;
  /** Demo users who post into the activity thread. */
  activitySpeakerIds: string[];
}

const SEED_META_KEY = 'demoSeed';
const MINUTE_MS = 60_000;

const PEOPLE = [
  { key: 'me', displayName: 'Alex Morgan' },
  { key: 'priya', displayName: 'Priya Natarajan' },
  { key: 'sam', displayName: 'Sam Carter' },
  { key: 'minjun', displayName: '김민준' },
  { key: 'seoyeon', displayName: '이서연' },
  { key: 'jiho', displayName: '박지호' },
] as const;

type PersonKey = (typeof PEOPLE)[number]['key'];

/** Seeds once per data dir: a second call returns what the first one created. */
export function seedDemo(store: Store, identity: IdentityService, clock: Clock): DemoSeed {
  const existing = store.getMeta(SEED_META_KEY);
  if (existing !== undefined) return JSON.parse(existing) as DemoSeed;

  // History is written by a clock running from two days ago, a few minutes per event.
  const history = new ManualClock(clock.now() - 2 * 24 * 60 * MINUTE_MS);
  const chat = new ChatService(store, history, identity);
  const users = PEOPLE.map((person) => ({ key: person.key, id: identity.createUser(), displayName: person.displayName }));
  const byKey = (key: PersonKey): DemoUser => users.find((user) => user.key === key) as DemoUser;
  const actor = (key: PersonKey): AuthenticatedUser => ({ userId: byKey(key).id, scopes: ['chat'] });
  const participant = (key: PersonKey) => ({
    rawId: byKey(key).id,
    supported: true,
    displayName: byKey(key).displayName,
    shareHistoryMs: 0,
    metadata: null,
  });
  const say = (threadId: string, key: PersonKey, content: string, type: 'text' | 'html' = 'text', minutesLater = 4): string => {
    history.advance(minutesLater * MINUTE_MS);
    return chat.sendMessage(actor(key), threadId, { type, content, senderDisplayName: byKey(key).displayName, metadata: null }).id;
  };
  const read = (threadId: string, key: PersonKey, messageId: string): void => {
    history.advance(MINUTE_MS);
    chat.sendReadReceipt(actor(key), threadId, messageId);
  };

  const launch = chat.createThread(actor('me'), {
    topic: 'Launch planning',
    participants: [participant('me'), participant('priya'), participant('sam')],
    metadata: { color: 'blue' },
    retentionPolicy: null,
  }).thread;
  say(launch.id, 'priya', 'Morning! Are we still on track for the Thursday release?');
  const typo = say(launch.id, 'me', 'Yes, the last blockers were fixed yesterdy.');
  history.advance(MINUTE_MS);
  chat.updateMessage(actor('me'), launch.id, typo, { content: 'Yes, the last blockers were fixed yesterday.' });
  say(launch.id, 'sam', '<p>Release notes draft: <b>bold</b> changes, <i>small</i> fixes, and a <a href="https://example.com/notes">link</a>.</p>', 'html');
  const oops = say(launch.id, 'sam', 'Sorry, wrong thread!');
  history.advance(MINUTE_MS);
  chat.deleteMessage(actor('sam'), launch.id, oops);
  history.advance(MINUTE_MS);
  chat.updateThread(actor('me'), launch.id, { topic: 'Launch planning — v2.0' });
  const lastLaunch = say(launch.id, 'priya', 'Great. I will send the announcement at 10:00.');
  read(launch.id, 'sam', lastLaunch);
  read(launch.id, 'me', lastLaunch);

  const hiking = chat.createThread(actor('minjun'), {
    topic: '주말 등산 모임 🏔️',
    participants: [participant('me'), participant('seoyeon')],
    metadata: null,
    retentionPolicy: null,
  }).thread;
  say(hiking.id, 'minjun', '이번 주 토요일에 북한산 어때요?', 'text', 30);
  say(hiking.id, 'seoyeon', '좋아요! 아침 8시에 만나요.');
  say(hiking.id, 'me', 'I am in — 저도 갈게요!');
  const lastHiking = say(hiking.id, 'minjun', '간식은 제가 챙길게요. 물 꼭 가져오세요 💧');
  read(hiking.id, 'seoyeon', lastHiking);

  const design = chat.createThread(actor('priya'), {
    topic: 'Design review / 디자인 리뷰',
    participants: [participant('me'), participant('jiho'), participant('sam')],
    metadata: null,
    retentionPolicy: null,
  }).thread;
  say(design.id, 'jiho', '새 아이콘 시안을 공유드립니다. Feedback welcome!', 'text', 45);
  say(design.id, 'priya', 'Looks great. Can we try a darker accent colour?');
  history.advance(MINUTE_MS);
  chat.removeParticipant(actor('priya'), design.id, byKey('sam').id);
  history.advance(MINUTE_MS);
  chat.addParticipants(actor('priya'), design.id, [participant('seoyeon')]);
  say(design.id, 'seoyeon', '다크 모드에서도 대비가 충분한지 확인해 볼게요.');

  const direct = chat.createThread(actor('sam'), {
    topic: 'Sam Carter',
    participants: [participant('me')],
    metadata: null,
    retentionPolicy: null,
  }).thread;
  const lastDirect = say(direct.id, 'sam', 'Do you have five minutes for a quick call later?', 'text', 20);
  read(direct.id, 'me', lastDirect);

  const seed: DemoSeed = {
    meUserId: byKey('me').id,
    users,
    threads: [launch, hiking, design, direct].map(({ id }) => ({ id, topic: store.getThread(id)?.topic ?? '' })),
    activityThreadId: hiking.id,
    activitySpeakerIds: [byKey('minjun').id, byKey('seoyeon').id],
  };
  store.setMeta(SEED_META_KEY, JSON.stringify(seed));
  return seed;
}
