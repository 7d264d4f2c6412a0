import type {
  ApiInput,
  ApiMethod,
  ApiOutput,
  CLIENT_ID_METADATA_KEY,
  AccountState,
  AccountSummary,
  ApiError,
  CacheRebuilt,
  KeychainProblem,
  ChatMessage,
  EventName,
  IdentifierKind,
  MessagePage,
  OutboxItem,
  ParleyBridge,
  ParleyEvents,
  Participant,
  Person,
  ReadReceipt,
  Result,
  ContentType,
  ConversationSearchHit,
  Draft,
  PersonSearchHit,
  SearchHit,
  Settings,
  ShellKind,
  ThreadSummary,
} from '../../src-preload/contract.ts';

export interface FakeBridgeOptions {
  /** Start signed in to the demo account (else on the welcome screen). */
  signedIn: boolean;
  /** Messages in the big thread. */
  bigThreadSize: number;
  /** A fixed "now", so screenshots do not drift. */
  now: number;
  settings?: Partial<Settings>;
  offline?: boolean;
  /** How long a method takes to answer, in ms, where it should not be near-instant (5 ms). */
  delays?: Partial<Record<ApiMethod, number>>;
  /** The cache was found damaged at start and is being rebuilt. */
  cacheRebuilt?: CacheRebuilt;
  /** The demo account starts signed out because the keychain could not give back its secret. */
  keychainProblem?: KeychainProblem;
  /** Which shell getAppInfo reports (the desktop-only settings show in 'electron'); 'browser' by default. */
  shell?: ShellKind;
  /** The demo account's conversation that was open when Parley last ran (getLastOpenThread answers it). */
  lastOpenThread?: string;
  /** More accounts, listed after the demo one (signed in, no conversations of their own here). */
  otherAccounts?: Array<{ id: string; displayName: string; unread: number }>;
}

/** What the harness can do to the fake from `page.evaluate`. */
export interface FakeControl {
  emit<E extends EventName>(event: E, payload: ParleyEvents[E]): void;
  receive(threadId: string, text: string, senderId?: string): void;
  setOffline(offline: boolean): void;
  /** Every write fails with `disk-full` and sync pauses, until set back. */
  setDiskFull(full: boolean): void;
  /** Another account's unread total changes (as sync would find it). */
  setUnread(accountId: string, unread: number): void;
  calls: Array<{ method: string; input: unknown }>;
  /** Methods in the order their answers reached the page (a call is in `calls` from the start). */
  answered: string[];
}

declare global {
  interface Window {
    __fake?: FakeControl;
  }
}

/**
 * An in-memory `window.parley` for the UI harness only (never shipped). It runs in the page via
 * `page.addInitScript`, so it must be self-contained: no imports at run time, no outer references.
 */
export function installFakeBridge(options: FakeBridgeOptions): void {
  const ACCOUNT_ID = 'acc-demo';
  const ME = '8:acs:me';
  const PEOPLE: Record<string, string> = {
    [ME]: 'Alex Morgan',
    '8:acs:minji': 'Minji Kim',
    '8:orgid:dana': 'Dana Park',
    '8:acs:joon': 'Joon Park',
    '8:acs:sam': 'Sam Rivera',
    '8:acs:priya': 'Priya Shah',
    '8:acs:lee': 'Lee Chen',
    '8:acs:jimin': '박지민',
  };
  // The harness fixes the page's clock at options.now, so Date.now() moves on from there.
  const now = () => Date.now();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: FakeControl['calls'] = [];
  const answered: string[] = [];
  let offline = options.offline ?? false;
  let diskFull = false;
  const diskFullError = (what: string) => fail('disk-full', `The disk is full, so ${what}. Free some space on this computer and try again; nothing already saved was lost.`);
  let settings: Settings = {
    notificationsEnabled: true,
    doNotDisturb: false,
    pollSpeed: 'normal',
    theme: 'system',
    language: 'en',
    notifyMentionsWhenMuted: true,
    keepRunningInTray: false,
    autoUpdate: true,
    ...options.settings,
  };
  const demoAccount: AccountSummary = {
    id: ACCOUNT_ID,
    kind: 'demo',
    displayName: 'Alex Morgan',
    endpoint: 'https://127.0.0.1:8443/',
    userId: ME,
    secretPersisted: true,
    signedIn: !options.keychainProblem,
    keychainProblem: options.keychainProblem ?? null,
    unread: 0,
  };
  const otherAccounts = (options.otherAccounts ?? []).map((other): AccountSummary => ({
    ...other,
    kind: 'token',
    endpoint: 'https://contoso.communication.azure.com/',
    userId: `8:acs:${other.id}`,
    secretPersisted: true,
    signedIn: true,
    keychainProblem: null,
  }));
  const accounts: AccountSummary[] = options.signedIn ? [demoAccount, ...otherAccounts] : [];
  let activeAccountId: string | null = options.signedIn ? ACCOUNT_ID : null;
  let lastOpenThread = options.lastOpenThread ?? null;

  interface FakeThread {
    summary: ThreadSummary;
    /** Messages held explicitly (small threads, and anything new in the big one). */
    messages: ChatMessage[];
    /** The big thread's generated history: sequence ids 1..generated. */
    generated: number;
    participants: Participant[];
    receipts: ReadReceipt[];
    outbox: OutboxItem[];
    draft: Draft;
  }

  const threads = new Map<string, FakeThread>();
  const overrides = new Map<string, ChatMessage>();
  const MINUTE = 60_000;
  const BASE = options.now;

  function message(threadId: string, sequenceId: number, patch: Partial<ChatMessage>): ChatMessage {
    return {
      accountId: ACCOUNT_ID,
      threadId,
      id: `${threadId}-m${sequenceId}`,
      sequenceId,
      version: '1',
      type: 'text',
      senderId: ME,
      senderDisplayName: PEOPLE[ME]!,
      content: '',
      topic: null,
      participants: [],
      initiatorId: null,
      metadata: null,
      attachments: [],
      createdOn: BASE,
      editedOn: null,
      deletedOn: null,
      isOwn: true,
      ...patch,
    };
  }

  const WORDS = ['deploy', 'review', 'launch', 'budget', 'design', 'coffee', 'sprint', 'roadmap', 'metrics', 'release', 'customer', 'bug'];
  const BIG_SENDERS = ['8:acs:minji', '8:acs:joon', ME, '8:acs:sam'];
  function generatedMessage(threadId: string, sequenceId: number, total: number): ChatMessage {
    const id = `${threadId}-m${sequenceId}`;
    const override = overrides.get(id);
    if (override) return override;
    const sender = BIG_SENDERS[(sequenceId * 7 + Math.floor(sequenceId / 3)) % BIG_SENDERS.length]!;
    const words = Array.from({ length: 4 + (sequenceId % 17) }, (_, i) => WORDS[(sequenceId * 31 + i * 7) % WORDS.length]);
    const long = sequenceId % 23 === 0 ? ' ' + words.concat(words).join(' ') : '';
    return message(threadId, sequenceId, {
      senderId: sender,
      senderDisplayName: PEOPLE[sender]!,
      isOwn: sender === ME,
      content: `#${sequenceId}: ${words.join(' ')}${long}`,
      createdOn: BASE - (total - sequenceId) * 3 * MINUTE - 10 * MINUTE,
    });
  }

  /** The fake's own reading of raw ids (the app reads them with the SDK, in main). */
  const KIND_PREFIXES: Array<[string, IdentifierKind]> = [
    ['8:acs:', 'acs-user'],
    ['8:orgid:', 'teams-user'],
    ['8:teamsvisitor:', 'teams-visitor'],
    ['4:', 'phone'],
    ['28:', 'bot'],
  ];
  const kindOf = (userId: string): IdentifierKind => KIND_PREFIXES.find(([prefix]) => userId.startsWith(prefix))?.[1] ?? 'unknown';
  const PARTICIPANT_METADATA: Record<string, Record<string, string>> = { '8:orgid:dana': { role: 'reviewer', team: 'Contoso design' } };

  function participantsOf(threadId: string, ids: string[]): Participant[] {
    return ids.map((userId) => ({
      accountId: ACCOUNT_ID,
      threadId,
      userId,
      kind: kindOf(userId),
      displayName: PEOPLE[userId] ?? null,
      shareHistoryTime: null,
      metadata: PARTICIPANT_METADATA[userId] ?? null,
    }));
  }

  function addThread(id: string, topic: string, people: string[], script: Array<Partial<ChatMessage> & { ago: number }>, extra: Partial<ThreadSummary> = {}, generated = 0): void {
    const messages = script.map((patch, index) => {
      const { ago, ...rest } = patch;
      const senderId = rest.senderId === undefined ? ME : rest.senderId;
      return message(id, generated + index + 1, {
        senderId,
        senderDisplayName: senderId ? (PEOPLE[senderId] ?? null) : null,
        isOwn: senderId === ME,
        createdOn: BASE - ago * MINUTE,
        ...rest,
      });
    });
    threads.set(id, {
      summary: {
        accountId: ACCOUNT_ID,
        id,
        topic,
        createdOn: BASE - 40 * 24 * 60 * MINUTE,
        createdBy: ME,
        deletedOn: null,
        metadata: {},
        retentionPolicy: null,
        lastActivityAt: null,
        lastMessagePreview: null,
        lastMessageSenderId: null,
        lastMessageSenderName: null,
        unreadCount: 0,
        unreadMentions: 0,
        muted: false,
        ...extra,
      },
      messages,
      generated,
      participants: participantsOf(id, [ME, ...people]),
      receipts: [],
      outbox: [],
      draft: { text: '', format: 'text' },
    });
    refreshSummary(id);
  }

  function allMessages(thread: FakeThread): { count: number; at: (index: number) => ChatMessage } {
    const generated = thread.generated;
    return {
      count: generated + thread.messages.length,
      at: (index) =>
        index < generated
          ? generatedMessage(thread.summary.id, index + 1, generated)
          : (overrides.get(thread.messages[index - generated]!.id) ?? thread.messages[index - generated]!),
    };
  }

  function preview(message: ChatMessage): string {
    if (message.deletedOn) return 'This message was deleted.';
    return message.content.replace(/<[^>]*>/g, '').slice(0, 120);
  }

  function refreshSummary(threadId: string): void {
    const thread = threads.get(threadId)!;
    const all = allMessages(thread);
    for (let index = all.count - 1; index >= 0; index--) {
      const last = all.at(index);
      if (last.type !== 'text' && last.type !== 'html') continue;
      thread.summary = {
        ...thread.summary,
        lastActivityAt: last.createdOn,
        lastMessagePreview: preview(last),
        lastMessageSenderId: last.senderId,
        lastMessageSenderName: last.senderDisplayName,
      };
      return;
    }
  }

  function seed(): void {
    addThread(
      't-design',
      'Design review',
      ['8:acs:minji', '8:acs:joon', '8:acs:sam'],
      [
        {
          ago: 60 * 26,
          senderId: null,
          type: 'participantAdded',
          initiatorId: ME,
          participants: [
            { userId: '8:acs:minji', displayName: null },
            { userId: '8:acs:joon', displayName: null },
          ],
        },
        { ago: 60 * 26 - 1, senderId: null, type: 'topicUpdated', initiatorId: '8:acs:minji', topic: 'Design review' },
        { ago: 60 * 25, content: 'Morning! I pushed the new sidebar mockups to the shared folder.' },
        { ago: 60 * 25 - 1, content: 'The thread list now shows unread counts and a muted mark.' },
        { ago: 60 * 24, senderId: '8:acs:minji', content: 'Looks great. Can we make the unread badge a little calmer in dark mode?' },
        {
          ago: 60 * 23,
          senderId: '8:acs:joon',
          type: 'html',
          content:
            '<p>Here is the <b>checklist</b>:</p><ul><li>contrast in both themes</li><li>keyboard-only pass</li></ul><p>Spec: <a href="https://example.com/spec">example.com/spec</a> <img src="https://example.com/tracker.png" alt="diagram"></p><script>alert(1)</script><iframe src="https://evil.example"></iframe><a href="javascript:alert(2)" onclick="alert(3)">bad link</a><form action="https://evil.example"><input name="x"></form><span style="color:red" onmouseover="alert(4)">styled</span>',
        },
        { ago: 40, senderId: '8:acs:sam', content: 'I will take the keyboard pass this afternoon.' },
        { ago: 12, content: 'Thanks Sam! Edited the copy on the empty states too.', editedOn: BASE - 10 * MINUTE },
        { ago: 8, senderId: '8:acs:minji', content: 'One more: the “Jump to newest” button should not cover the last message.' },
        { ago: 7, senderId: '8:acs:minji', content: 'Otherwise ready to ship 🚀' },
        { ago: 5, senderId: '8:acs:joon', content: '', deletedOn: BASE - 4 * MINUTE },
      ],
      { unreadCount: 3, metadata: { crm: 'lead-7', owner: 'design-team' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 60 } },
    );
    const design = threads.get('t-design')!;
    design.participants.push(...participantsOf('t-design', ['8:orgid:dana', '4:+14255550123']));
    design.receipts = [
      { userId: '8:acs:minji', messageId: 't-design-m8', readOn: BASE - 9 * MINUTE },
      { userId: '8:acs:sam', messageId: 't-design-m8', readOn: BASE - 9 * MINUTE },
    ];
    addThread(
      't-launch',
      'Launch plan — Q3',
      ['8:acs:priya', '8:acs:lee'],
      [
        { ago: 60 * 50, senderId: '8:acs:priya', content: 'Draft launch plan is in. Budget review on Thursday.' },
        { ago: 60 * 3, senderId: '8:acs:lee', content: 'Customer metrics look good; the release notes need one more pass.' },
        { ago: 55, senderId: '8:acs:priya', content: 'Can someone confirm the deploy window?' },
      ],
      { unreadCount: 1 },
    );
    addThread(
      't-lunch',
      'Lunch crew',
      ['8:acs:sam', '8:acs:minji'],
      [
        { ago: 60 * 24 * 3, senderId: '8:acs:sam', content: 'Noodles on Friday?' },
        { ago: 60 * 24 * 3 - 5, content: 'Yes please' },
      ],
      { muted: true, unreadCount: 4 },
    );
    addThread('t-big', 'Load test — 100k messages', ['8:acs:minji', '8:acs:joon', '8:acs:sam'], [], { unreadCount: 0 }, options.bigThreadSize);
    addThread(
      't-minji',
      'Minji Kim',
      ['8:acs:minji'],
      [
        { ago: 60 * 24 * 9, senderId: '8:acs:minji', content: '안녕하세요! 다음 주 회의 일정 공유드립니다.' },
        { ago: 60 * 24 * 9 - 3, content: '감사합니다 👍' },
      ],
    );
    addThread('t-empty', 'Quiet room', ['8:acs:lee', '8:acs:jimin'], []);
  }

  function emit<E extends EventName>(event: E, payload: ParleyEvents[E]): void {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  function ok<T>(value: T): Result<T> {
    return { ok: true, value: structuredClone(value) };
  }
  function fail(code: ApiError['code'], message: string, field?: string): Result<never> {
    return { ok: false, error: field ? { code, message, field } : { code, message } };
  }

  function thread(input: { threadId: string }): FakeThread | null {
    return threads.get(input.threadId) ?? null;
  }

  function page(threadValue: FakeThread, input: { beforeSequenceId?: number; afterSequenceId?: number; aroundMessageId?: string; limit?: number }): MessagePage {
    const all = allMessages(threadValue);
    const limit = Math.min(input.limit ?? 50, 200);
    let start: number;
    let end: number;
    // Sequence ids run 1..count, so index = sequenceId - 1.
    if (input.aroundMessageId) {
      const sequence = Number(input.aroundMessageId.split('-m').pop());
      const index = Math.max(0, Math.min(all.count - 1, sequence - 1));
      start = Math.max(0, index - Math.floor(limit / 2));
      end = Math.min(all.count, start + limit);
    } else if (input.afterSequenceId !== undefined) {
      start = Math.min(all.count, input.afterSequenceId);
      end = Math.min(all.count, start + limit);
    } else {
      end = input.beforeSequenceId !== undefined ? Math.min(all.count, input.beforeSequenceId - 1) : all.count;
      start = Math.max(0, end - limit);
    }
    const messages: ChatMessage[] = [];
    for (let index = start; index < end; index++) messages.push(all.at(index));
    return { messages, hasOlder: start > 0, hasNewer: end < all.count };
  }

  function appendMessage(threadValue: FakeThread, patch: Partial<ChatMessage>): ChatMessage {
    const sequenceId = allMessages(threadValue).count + 1;
    const created = message(threadValue.summary.id, sequenceId, { createdOn: now(), ...patch });
    threadValue.messages.push(created);
    refreshSummary(threadValue.summary.id);
    return created;
  }

  function demoUnread(): number {
    let count = 0;
    for (const value of threads.values()) if (!value.summary.muted && value.summary.deletedOn === null) count += value.summary.unreadCount;
    return count;
  }

  function accountState(): AccountState {
    demoAccount.unread = demoUnread();
    // A fresh copy each time, as main's events are: the page keeps what it was sent.
    return structuredClone({ accounts, activeAccountId, demoAvailable: true });
  }

  function badge(): void {
    const state = accountState();
    emit('accounts-changed', state);
    emit('badge-count', { count: state.accounts.reduce((sum, account) => sum + account.unread, 0) });
  }

  function changed(threadId: string, parts: Partial<Record<'messages' | 'outbox' | 'receipts' | 'participants', boolean>>): void {
    emit('thread-changed', { accountId: ACCOUNT_ID, threadId, messages: false, outbox: false, receipts: false, participants: false, ...parts });
    emit('threads-changed', { accountId: ACCOUNT_ID });
  }

  function deliver(threadValue: FakeThread, item: OutboxItem): void {
    threadValue.outbox = threadValue.outbox.filter((candidate) => candidate.clientId !== item.clientId);
    appendMessage(threadValue, { type: item.type, content: item.content, metadata: { [CLIENT_ID_KEY]: item.clientId } });
    changed(threadValue.summary.id, { messages: true, outbox: true });
  }

  function trySend(threadValue: FakeThread, item: OutboxItem): void {
    if (offline) return;
    setTimeout(() => {
      if (item.content.includes('fail')) {
        item.state = 'failed';
        item.attempts += 1;
        item.error = { code: 'transient', message: 'The service did not answer (simulated).' };
        changed(threadValue.summary.id, { outbox: true });
        return;
      }
      deliver(threadValue, item);
    }, 500);
  }

  let clientCounter = 0;
  // Typed against the contract: a missing or drifted method is a type error (the page runs it synchronously).
  const CLIENT_ID_KEY: typeof CLIENT_ID_METADATA_KEY = 'parleyClientId';
  const api: { [M in ApiMethod]: (input: ApiInput<M>) => Result<ApiOutput<M>> } = {
    getAppInfo: () => ok({ name: 'Parley', version: '0.1.0', shell: options.shell ?? 'browser', platform: 'linux', runtime: 'Node 24 (fake bridge)' }),
    getDataStatus: () => ok({ dataDir: '/home/alex/.config/Parley', writable: true, cacheBytes: 48_300_000, cacheRebuilt: options.cacheRebuilt ?? null }),
    getSettings: () => ok(settings),
    updateSettings: (patch: Partial<Settings>) => {
      settings = { ...settings, ...patch };
      emit('settings-changed', settings);
      return ok(settings);
    },
    reportWindowFocus: (input: { open: { accountId: string; threadId: string } | null }) => {
      if (input.open) lastOpenThread = input.open.threadId;
      return ok(undefined);
    },
    getAccountState: () => {
      setTimeout(badge, 50);
      return ok(accountState());
    },
    getKeychainStatus: () => ok({ state: 'available' }),
    startLocalDemo: () => {
      if (!accounts.some((account) => account.id === ACCOUNT_ID)) accounts.push(demoAccount);
      activeAccountId = ACCOUNT_ID;
      emit('accounts-changed', accountState());
      setTimeout(badge, 50);
      return ok(demoAccount);
    },
    signInWithToken: (input: { endpoint: string; token: string; displayName: string; keychain?: string }) => {
      if (input.endpoint.includes('bad')) return fail('invalid-input', 'The endpoint is not a Communication Services resource.', 'endpoint');
      if (input.endpoint.includes('unreachable')) return fail('transient', 'Could not connect to unreachable.example (ECONNREFUSED).');
      if (input.token.includes('expired')) return fail('signed-out', 'The token has expired.');
      if (input.displayName.includes('nokeychain') && input.keychain !== 'this-run-only') return fail('keychain-unavailable', 'Secret Service is not running');
      const account: AccountSummary = {
        id: `acc-${accounts.length + 1}`,
        kind: 'token',
        displayName: input.displayName,
        endpoint: input.endpoint,
        userId: '8:acs:token-user',
        secretPersisted: input.keychain !== 'this-run-only',
        signedIn: true,
        keychainProblem: null,
        unread: 0,
      };
      accounts.push(account);
      activeAccountId = account.id;
      emit('accounts-changed', accountState());
      return ok(account);
    },
    signInWithConnectionString: (input: { connectionString: string; displayName: string }) =>
      fail('invalid-input', `Access key rejected for ${input.displayName}.`, 'connectionString'),
    signOut: (input: { accountId: string }) => {
      const index = accounts.findIndex((account) => account.id === input.accountId);
      if (index >= 0) accounts.splice(index, 1);
      activeAccountId = accounts[0]?.id ?? null;
      emit('accounts-changed', accountState());
      return ok(undefined);
    },
    retryAccountSecret: (input: { accountId: string }) => {
      const account = accounts.find((entry) => entry.id === input.accountId);
      if (!account) return fail('not-found', 'There is no such account.');
      Object.assign(account, { signedIn: true, keychainProblem: null });
      emit('accounts-changed', accountState());
      return ok(account);
    },
    setActiveAccount: (input: { accountId: string }) => {
      activeAccountId = input.accountId;
      return ok(undefined);
    },
    getLastOpenThread: (input: { accountId: string }) => {
      const open = input.accountId === ACCOUNT_ID && lastOpenThread !== null ? threads.get(lastOpenThread) : undefined;
      return ok(open && open.summary.deletedOn === null ? { accountId: ACCOUNT_ID, threadId: open.summary.id } : null);
    },
    getSyncState: (input: { accountId: string }) =>
      ok({ accountId: input.accountId, state: offline ? 'offline' : 'online', lastSyncedAt: now() - 12_000, nextAttemptAt: null, message: null }),
    syncNow: () => ok(undefined),
    listThreads: (input: { accountId: string }) => ok(input.accountId === ACCOUNT_ID ? [...threads.values()].map((value) => value.summary) : []),
    listThreadPage: (input: { accountId: string; limit?: number; after?: { activityAt: number; id: string } }) => {
      const activity = (summary: ThreadSummary) => summary.lastActivityAt ?? summary.createdOn ?? 0;
      const ordered = (input.accountId === ACCOUNT_ID ? [...threads.values()].map((value) => value.summary) : [])
        .filter((summary) => summary.deletedOn === null)
        .sort((a, b) => activity(b) - activity(a) || a.id.localeCompare(b.id));
      const after = input.after;
      const rest = after ? ordered.filter((summary) => activity(summary) < after.activityAt || (activity(summary) === after.activityAt && summary.id > after.id)) : ordered;
      const limit = input.limit ?? 200;
      const page = rest.slice(0, limit);
      const last = page.at(-1);
      return ok({ threads: page, next: rest.length > limit && last ? { activityAt: activity(last), id: last.id } : null });
    },
    findThreads: (input: { accountId: string; query: string; limit?: number }) => {
      // As main answers: every word in the topic, those starting with the query first, then by activity.
      const words = input.query.trim().toLocaleLowerCase().split(/\s+/u).filter(Boolean);
      const phrase = words.join(' ');
      const startsWithPhrase = (summary: ThreadSummary) => (summary.topic.toLocaleLowerCase().startsWith(phrase) ? 0 : 1);
      const found = (input.accountId === ACCOUNT_ID && words.length > 0 ? [...threads.values()].map((value) => value.summary) : [])
        .filter((summary) => summary.deletedOn === null && words.every((word) => summary.topic.toLocaleLowerCase().includes(word)))
        .sort((a, b) => startsWithPhrase(a) - startsWithPhrase(b) || (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0));
      return ok(found.slice(0, input.limit ?? 50));
    },
    getThread: (input: { threadId: string }) => {
      const value = thread(input);
      return value ? ok(value.summary) : fail('not-found', 'No such thread');
    },
    createThread: (input: { topic: string; participants: Array<{ userId: string; displayName?: string }> }) => {
      const id = `t-new-${threads.size}`;
      const failed = input.participants
        .filter((p) => !p.userId.startsWith('8:acs:'))
        .map((p) => ({ userId: p.userId, kind: kindOf(p.userId), code: '403', message: 'Not a Communication Services user id.' }));
      for (const p of input.participants) if (p.displayName) PEOPLE[p.userId] = p.displayName;
      addThread(
        id,
        input.topic,
        input.participants.filter((p) => p.userId.startsWith('8:acs:')).map((p) => p.userId),
        [],
      );
      threads.get(id)!.summary.lastActivityAt = now();
      emit('threads-changed', { accountId: ACCOUNT_ID });
      return ok({ thread: threads.get(id)!.summary, failed });
    },
    updateTopic: (input: { threadId: string; topic: string }) => {
      if (offline) return fail('transient', 'Could not change the topic: the service cannot be reached.');
      const value = thread(input)!;
      value.summary = { ...value.summary, topic: input.topic };
      appendMessage(value, { type: 'topicUpdated', topic: input.topic, initiatorId: ME, senderId: null, senderDisplayName: null });
      changed(input.threadId, { messages: true });
      return ok(undefined);
    },
    updateThreadProperties: (input: ApiInput<'updateThreadProperties'>) => {
      const value = thread(input)!;
      const metadata = { ...value.summary.metadata };
      for (const [key, entry] of Object.entries(input.metadataChanges ?? {})) {
        if (entry === null) delete metadata[key];
        else metadata[key] = entry;
      }
      value.summary = { ...value.summary, metadata, retentionPolicy: input.retentionPolicy ?? value.summary.retentionPolicy };
      emit('threads-changed', { accountId: ACCOUNT_ID });
      return ok(undefined);
    },
    deleteThread: (input: { threadId: string }) => {
      threads.delete(input.threadId);
      emit('threads-changed', { accountId: ACCOUNT_ID });
      return ok(undefined);
    },
    setThreadMuted: (input: { threadId: string; muted: boolean }) => {
      const value = thread(input)!;
      value.summary = { ...value.summary, muted: input.muted };
      badge();
      return ok(undefined);
    },
    openThread: (input: { threadId: string; aroundMessageId?: string; limit?: number }) => {
      const value = thread(input);
      return value ? ok({ page: page(value, input), outbox: value.outbox, receipts: value.receipts, participants: value.participants }) : fail('not-found', 'No such thread');
    },
    listMessages: (input: { threadId: string; beforeSequenceId?: number; afterSequenceId?: number; aroundMessageId?: string; limit?: number }) => {
      const value = thread(input);
      return value ? ok(page(value, input)) : fail('not-found', 'No such thread');
    },
    getMessage: (input: { threadId: string; messageId: string }) => {
      const value = thread(input)!;
      const sequence = Number(input.messageId.split('-m').pop());
      return ok(allMessages(value).at(sequence - 1));
    },
    sendMessage: (input: { threadId: string; content: string; type: 'text' | 'html' }) => {
      if (diskFull) return diskFullError('this message could not be queued (it is still in the message box)');
      const value = thread(input)!;
      const item: OutboxItem = {
        accountId: ACCOUNT_ID,
        threadId: input.threadId,
        clientId: `c${++clientCounter}`,
        content: input.content,
        type: input.type,
        senderDisplayName: PEOPLE[ME]!,
        state: offline ? 'queued' : 'sending',
        error: null,
        createdAt: now(),
        attempts: 0,
      };
      value.outbox.push(item);
      trySend(value, item);
      return ok(item);
    },
    listOutbox: (input: { threadId: string }) => ok(thread(input)?.outbox ?? []),
    retrySend: (input: { threadId: string; clientId: string }) => {
      const value = thread(input)!;
      const item = value.outbox.find((candidate) => candidate.clientId === input.clientId);
      if (!item) return fail('not-found', 'Already sent');
      item.state = 'sending';
      item.error = null;
      item.content = item.content.replace('fail', 'fixed');
      trySend(value, item);
      return ok(undefined);
    },
    discardSend: (input: { threadId: string; clientId: string }) => {
      const value = thread(input)!;
      value.outbox = value.outbox.filter((candidate) => candidate.clientId !== input.clientId);
      return ok(undefined);
    },
    // No attachments in the harness's seed: a request for one is a request for nothing cached.
    loadAttachmentImage: () => fail('not-found', 'This image is not in Parley’s cache.'),
    editMessage: (input: { threadId: string; messageId: string; content: string }) => {
      const value = thread(input)!;
      const sequence = Number(input.messageId.split('-m').pop());
      const current = allMessages(value).at(sequence - 1);
      overrides.set(current.id, { ...current, content: input.content, editedOn: now(), version: String(Number(current.version) + 1) });
      refreshSummary(input.threadId);
      changed(input.threadId, { messages: true });
      return ok(undefined);
    },
    deleteMessage: (input: { threadId: string; messageId: string }) => {
      const value = thread(input)!;
      const sequence = Number(input.messageId.split('-m').pop());
      const current = allMessages(value).at(sequence - 1);
      overrides.set(current.id, { ...current, content: '', deletedOn: now(), version: String(Number(current.version) + 1) });
      refreshSummary(input.threadId);
      changed(input.threadId, { messages: true });
      return ok(undefined);
    },
    markRead: (input: { threadId: string }) => {
      const value = thread(input);
      if (value && value.summary.unreadCount > 0) {
        value.summary = { ...value.summary, unreadCount: 0 };
        badge();
      }
      return ok(undefined);
    },
    listReadReceipts: (input: { threadId: string }) => ok(thread(input)?.receipts ?? []),
    sendTyping: () => ok(undefined),
    getDraft: (input: { threadId: string }) => ok(thread(input)?.draft ?? { text: '', format: 'text' }),
    saveDraft: (input: { threadId: string; text: string; format: ContentType }) => {
      if (diskFull) return diskFullError('Parley could not save this change');
      const value = thread(input);
      if (value) value.draft = { text: input.text, format: input.format };
      return ok(undefined);
    },
    listParticipants: (input: { threadId: string }) => ok(thread(input)?.participants ?? []),
    addParticipants: (input: { threadId: string; participants: Array<{ userId: string; displayName?: string }> }) => {
      const value = thread(input)!;
      const added: string[] = [];
      const failed: Array<{ userId: string; kind: IdentifierKind; code: string; message: string }> = [];
      for (const p of input.participants) {
        if (!p.userId.startsWith('8:acs:')) {
          failed.push({ userId: p.userId, kind: kindOf(p.userId), code: '403', message: 'Not a Communication Services user id.' });
          continue;
        }
        if (p.displayName) PEOPLE[p.userId] = p.displayName;
        added.push(p.userId);
        value.participants.push(...participantsOf(input.threadId, [p.userId]));
      }
      if (added.length > 0)
        appendMessage(value, {
          type: 'participantAdded',
          initiatorId: ME,
          senderId: null,
          senderDisplayName: null,
          participants: added.map((userId) => ({ userId, displayName: PEOPLE[userId] ?? null })),
        });
      changed(input.threadId, { participants: true, messages: true });
      return ok({ added, failed });
    },
    removeParticipant: (input: { threadId: string; userId: string }) => {
      const value = thread(input)!;
      value.participants = value.participants.filter((p) => p.userId !== input.userId);
      appendMessage(value, { type: 'participantRemoved', initiatorId: ME, senderId: null, senderDisplayName: null, participants: [{ userId: input.userId, displayName: null }] });
      changed(input.threadId, { participants: true, messages: true });
      return ok(undefined);
    },
    leaveThread: (input: { threadId: string }) => {
      threads.delete(input.threadId);
      emit('threads-changed', { accountId: ACCOUNT_ID });
      return ok(undefined);
    },
    searchPeople: (input: { query: string; limit?: number }) => {
      const fold = (text: string) => text.normalize('NFKC').toLowerCase();
      const terms = fold(input.query).split(/\s+/).filter(Boolean);
      const byRecency = [...threads.values()].sort((a, b) => (b.summary.lastActivityAt ?? 0) - (a.summary.lastActivityAt ?? 0));
      const people = new Map<string, Person>();
      for (const value of byRecency) {
        for (const participant of value.participants) {
          if (participant.userId === ME) continue;
          const person = people.get(participant.userId) ?? { userId: participant.userId, displayName: participant.displayName, sharedThreadCount: 0, sharedThreads: [] };
          person.sharedThreadCount += 1;
          if (person.sharedThreads.length < 3) person.sharedThreads.push({ id: value.summary.id, topic: value.summary.topic });
          people.set(participant.userId, person);
        }
      }
      const found = [...people.values()]
        .filter((person) => terms.every((term) => fold(`${person.displayName ?? ''}\n${person.userId}`).includes(term)))
        .sort((a, b) => b.sharedThreadCount - a.sharedThreadCount);
      return ok(found.slice(0, input.limit ?? 50));
    },
    search: (input: { query: string; limit?: number }) => {
      const words = input.query.toLowerCase().split(/\s+/).filter(Boolean);
      const hits: SearchHit[] = [];
      for (const value of threads.values()) {
        const all = allMessages(value);
        for (let index = all.count - 1; index >= Math.max(0, all.count - 3000) && hits.length < (input.limit ?? 50); index--) {
          const candidate = all.at(index);
          const text = candidate.content.replace(/<[^>]*>/g, ' ');
          const lower = text.toLowerCase();
          if (!words.length || candidate.deletedOn || !words.every((word) => lower.includes(word))) continue;
          const at = lower.indexOf(words[0]!);
          const from = Math.max(0, at - 30);
          const snippet = [
            { text: (from > 0 ? '…' : '') + text.slice(from, at), match: false },
            { text: text.slice(at, at + words[0]!.length), match: true },
            { text: text.slice(at + words[0]!.length, at + 80), match: false },
          ];
          hits.push({
            accountId: ACCOUNT_ID,
            threadId: value.summary.id,
            threadTopic: value.summary.topic,
            messageId: candidate.id,
            sequenceId: candidate.sequenceId,
            senderDisplayName: candidate.senderDisplayName,
            createdOn: candidate.createdOn,
            snippet,
          });
        }
      }
      const holdsWords = (text: string) => words.length > 0 && words.every((word) => text.toLowerCase().includes(word));
      const wholeText = (text: string) => [{ text, match: false }];
      const conversations: ConversationSearchHit[] = [...threads.values()]
        .filter((value) => holdsWords(value.summary.topic))
        .map((value) => ({
          accountId: ACCOUNT_ID,
          threadId: value.summary.id,
          topic: value.summary.topic,
          topicParts: wholeText(value.summary.topic),
          lastActivityAt: value.summary.lastActivityAt,
        }));
      const people = new Map<string, PersonSearchHit>();
      for (const value of threads.values()) {
        for (const participant of value.participants) {
          if (participant.userId === ME || participant.displayName === null || people.has(participant.userId) || !holdsWords(participant.displayName)) continue;
          people.set(participant.userId, {
            accountId: ACCOUNT_ID,
            userId: participant.userId,
            displayName: participant.displayName,
            nameParts: wholeText(participant.displayName),
            threadId: value.summary.id,
            threadTopic: value.summary.topic,
          });
        }
      }
      return ok({ conversations, people: [...people.values()], messages: hits });
    },
  };

  seed();

  const bridge = new Proxy({} as Record<string, unknown>, {
    get(_target, name: string) {
      if (name === 'on') {
        return (event: string, listener: (payload: unknown) => void) => {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
          return () => listeners.get(event)!.delete(listener);
        };
      }
      const method = (api as Record<string, (input: unknown) => Result<unknown>>)[name];
      if (!method) return undefined;
      return async (input: unknown) => {
        calls.push({ method: name, input });
        await new Promise((resolve) => setTimeout(resolve, options.delays?.[name as ApiMethod] ?? 5));
        const result = method(input);
        answered.push(name);
        return result;
      };
    },
  }) as unknown as ParleyBridge;

  window.parley = bridge;
  window.__fake = {
    emit,
    calls,
    answered,
    receive(threadId, text, senderId = '8:acs:minji') {
      const value = threads.get(threadId)!;
      appendMessage(value, { senderId, senderDisplayName: PEOPLE[senderId] ?? null, isOwn: false, content: text });
      value.summary = { ...value.summary, unreadCount: value.summary.unreadCount + 1 };
      changed(threadId, { messages: true });
      badge();
    },
    setUnread(accountId, unread) {
      const account = accounts.find((candidate) => candidate.id === accountId)!;
      account.unread = unread;
      badge();
    },
    setDiskFull(value) {
      diskFull = value;
      emit('sync-state', { accountId: ACCOUNT_ID, state: value ? 'disk-full' : 'online', lastSyncedAt: now() - 30_000, nextAttemptAt: null, message: null });
    },
    setOffline(value) {
      offline = value;
      emit('sync-state', { accountId: ACCOUNT_ID, state: value ? 'offline' : 'online', lastSyncedAt: now() - 30_000, nextAttemptAt: null, message: null });
      if (!value) {
        for (const t of threads.values())
          for (const item of t.outbox)
            if (item.state === 'queued') {
              item.state = 'sending';
              trySend(t, item);
            }
      }
    },
  };
}
