import { ChatService } from './chat/service.ts';
import { ManualClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { landscapePng } from './demo-picture.ts';
import type { AuthenticatedUser, IdentityService } from './identity/service.ts';
import { postAsOtherClient } from './interop.ts';
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
  /**
   * The thread where a Teams user and an ACS UI Library user write as their clients do (mentions, emoji, a reply
   * quote, an image and files). Absent from seeds made before it existed, until the next start adds it.
   */
  interopThreadId?: string;
}

/** The Teams user of the interop thread: a participant the chat API could not add, as in a Teams meeting chat. */
export const DEMO_TEAMS_USER = { id: '8:orgid:5f0c6a4e-8d2b-4c1e-9a7f-3b2d1e0c9a8b', displayName: 'Dana Whitfield (Contoso)' } as const;

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

/**
 * A thread with other clients' formats: Dana, a Teams user, mentions Alex the Teams way with an emoji and a photo;
 * Priya, in an ACS UI Library app, mentions Alex with `<msft-mention>` and shares a file; Dana replies with a quote
 * and a file. Alex has read none of it, so the mention counts in the thread list.
 */
function seedInterop(chat: ChatService, history: ManualClock, seed: DemoSeed): string {
  const person = (id: string) => seed.users.find((user) => user.id === id) ?? { id, displayName: '' };
  const priya = person(seed.users.find((user) => user.key === 'priya')?.id ?? '');
  const me = person(seed.meUserId);
  const thread = chat.createThread(
    { userId: priya.id, scopes: ['chat'] },
    {
      topic: 'Venue with Contoso / 행사장',
      participants: [me, priya].map((user) => ({ rawId: user.id, supported: true, displayName: user.displayName, shareHistoryMs: 0, metadata: null })),
      metadata: null,
      retentionPolicy: null,
    },
  ).thread;
  history.advance(MINUTE_MS);
  chat.joinExternalParticipant(thread.id, { userId: DEMO_TEAMS_USER.id, displayName: DEMO_TEAMS_USER.displayName, shareHistoryMs: 0, metadata: null });
  const mentionMe = { mention: { id: me.id, name: me.displayName } };
  history.advance(3 * MINUTE_MS);
  const photo = postAsOtherClient(chat, thread.id, DEMO_TEAMS_USER, {
    composed: {
      style: 'teams',
      parts: [{ text: 'Hi ' }, mentionMe, { text: ', this is the hall for Thursday ' }, { emoji: '😀', name: 'smile' }],
      images: [{ name: 'Hall.png', contentType: 'image/png', bytes: landscapePng(), width: 320, height: 180 }],
    },
  });
  history.advance(4 * MINUTE_MS);
  postAsOtherClient(chat, thread.id, priya, {
    composed: {
      style: 'ui-library',
      parts: [mentionMe, { text: ' the floor plan is attached — 확인 부탁해요!' }],
      files: [{ name: 'Floor plan.pdf', url: 'https://contoso.sharepoint.com/sites/events/Shared%20Documents/Floor%20plan.pdf' }],
    },
  });
  history.advance(2 * MINUTE_MS);
  postAsOtherClient(chat, thread.id, DEMO_TEAMS_USER, {
    composed: {
      style: 'teams',
      replyTo: photo.id,
      parts: [{ text: 'The signed contract is here too.' }],
      files: [{ name: 'Venue contract.docx', url: 'https://contoso.sharepoint.com/:w:/s/events/EcV3nQ' }],
    },
  });
  return thread.id;
}

/** The seed with its interop thread added, and kept for the next start. */
function withInteropThread(store: Store, chat: ChatService, history: ManualClock, seed: DemoSeed): DemoSeed {
  const interopThreadId = seedInterop(chat, history, seed);
  const complete: DemoSeed = { ...seed, interopThreadId, threads: [...seed.threads, { id: interopThreadId, topic: store.getThread(interopThreadId)?.topic ?? '' }] };
  store.setMeta(SEED_META_KEY, JSON.stringify(complete));
  return complete;
}

/** Seeds once per data dir: a second call returns what the first one created (plus what later versions add). */
export function seedDemo(store: Store, identity: IdentityService, clock: Clock): DemoSeed {
  const existing = store.getMeta(SEED_META_KEY);
  if (existing !== undefined) {
    const seed = JSON.parse(existing) as DemoSeed;
    if (seed.interopThreadId !== undefined) return seed;
    const history = new ManualClock(clock.now() - 30 * MINUTE_MS);
    return withInteropThread(store, new ChatService(store, history, identity), history, seed);
  }

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
  return withInteropThread(store, chat, history, seed);
}
