import type { ChatUser } from '../../emulator/test-support/sdk-clients.ts';
import type { ChatMessage } from '../../src-preload/contract.ts';
import type { CoreHarness } from './core-harness.ts';

/** A thread made by someone else with `me` in it, already in my cache. */
export async function sharedThread(harness: CoreHarness, accountId: string, me: string, other: ChatUser, topic: string): Promise<string> {
  const created = await other.chat.createChatThread({ topic }, { participants: [{ id: { communicationUserId: me } }] });
  const threadId = created.chatThread!.id;
  await harness.call('syncNow', { accountId });
  await harness.until(async () => (await harness.call('listThreads', { accountId })).some((thread) => thread.id === threadId), 10_000, `thread ${topic}`);
  return threadId;
}

/** The cached text and html messages of a thread, oldest first. */
export async function cachedUserMessages(harness: CoreHarness, accountId: string, threadId: string): Promise<ChatMessage[]> {
  return (await harness.call('listMessages', { accountId, threadId, limit: 500 })).messages.filter((message) => message.type === 'text' || message.type === 'html');
}
