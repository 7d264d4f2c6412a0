import { describe, expect, it } from 'vitest';
import type { CommunicationUserIdentifier } from '@azure/communication-common';
import { systemClock } from './clock.ts';
import { IdentityService, newTokenSecret } from './identity/service.ts';
import { newResourceId } from './ids.ts';
import { seedDemo } from './seed.ts';
import { Store } from './store.ts';
import { chatClientFor } from './test-support/sdk-clients.ts';
import { collect, useEmulator } from './test-support/use-emulator.ts';

const emulator = useEmulator({ seedDemo: true });

describe('demo seed', () => {
  it('gives the "me" user threads with English and Korean history seen through the SDK', async () => {
    const demo = emulator().demo;
    expect(demo).toBeDefined();
    if (!demo) return;
    const chat = chatClientFor(emulator(), emulator().issueToken(demo.meUserId, ['chat'], 60).token);
    const threads = await collect(chat.listChatThreads());
    expect(threads.map((thread) => thread.topic).sort()).toEqual(demo.threads.map((thread) => thread.topic).sort());
    expect(demo.users.map((user) => user.displayName)).toContain('김민준');

    const launchId = demo.threads[0]?.id ?? '';
    const launch = await collect(chat.getChatThreadClient(launchId).listMessages());
    const types = new Set(launch.map((message) => message.type));
    expect(types).toEqual(new Set(['participantAdded', 'topicUpdated', 'text', 'html']));
    expect(launch.some((message) => message.editedOn !== undefined)).toBe(true);
    expect(launch.some((message) => message.deletedOn !== undefined && message.content?.message === '')).toBe(true);
    expect(await collect(chat.getChatThreadClient(launchId).listReadReceipts())).not.toHaveLength(0);

    const hiking = await collect(chat.getChatThreadClient(demo.activityThreadId).listMessages());
    expect(hiking.some((message) => /[가-힣]/.test(message.content?.message ?? ''))).toBe(true);
  });

  it('posts demo activity from another participant', async () => {
    const demo = emulator().demo;
    if (!demo) throw new Error('not seeded');
    const id = emulator().postDemoActivity();
    const posted = emulator().inspect.messages(demo.activityThreadId).at(-1);
    expect(posted?.id).toBe(id);
    expect(demo.activitySpeakerIds).toContain(posted?.senderId);
    expect(posted?.senderId).not.toBe(demo.meUserId);
    const chat = chatClientFor(emulator(), emulator().issueToken(demo.meUserId).token);
    const [latest] = await collect(chat.getChatThreadClient(demo.activityThreadId).listMessages({ maxPageSize: 1 }).byPage());
    expect((latest?.[0]?.sender as CommunicationUserIdentifier | undefined)?.communicationUserId).toBe(posted?.senderId);
  });
});

describe('demo seed made by an older version', () => {
  it('gains the other-clients thread on its next start, once', () => {
    const store = new Store(':memory:');
    try {
      const identity = new IdentityService(store, systemClock, newResourceId(), Buffer.from(newTokenSecret(), 'base64'));
      const { interopThreadId: _added, ...older } = seedDemo(store, identity, systemClock);
      store.setMeta('demoSeed', JSON.stringify({ ...older, threads: older.threads.slice(0, 4) }));

      const upgraded = seedDemo(store, identity, systemClock);
      expect(upgraded.interopThreadId).toBeDefined();
      expect(upgraded.threads).toHaveLength(5);
      expect(upgraded.threads.at(-1)).toEqual({ id: upgraded.interopThreadId, topic: 'Venue with Contoso / 행사장' });
      expect(store.allMessages(upgraded.interopThreadId!).filter((message) => message.type === 'html')).toHaveLength(3);
      expect(seedDemo(store, identity, systemClock)).toEqual(upgraded);
    } finally {
      store.close();
    }
  });
});
