import type { ChatService } from './chat/service.ts';
import type { DemoSeed } from './seed.ts';

export const DEFAULT_DEMO_ACTIVITY_INTERVAL_MS = 45_000;

const LINES = [
  '누가 지도 앱 링크 좀 보내 줄 수 있어요?',
  'Just checking in — is everyone still coming?',
  '날씨 예보를 보니 토요일은 맑대요 ☀️',
  'I found a nice café near the trailhead.',
  '등산화 새로 샀어요! 😄',
  'Should we carpool? I have two free seats.',
  '정상에서 단체 사진 찍어요 📸',
] as const;

/** A demo participant posts a new message every interval, so a first-time user sees notifications. */
export class DemoActivity {
  readonly #chat: ChatService;
  readonly #seed: DemoSeed;
  #timer: NodeJS.Timeout | undefined;
  #posted = 0;

  constructor(chat: ChatService, seed: DemoSeed) {
    this.#chat = chat;
    this.#seed = seed;
  }

  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => this.postNext(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Posts one message now; returns its id (or undefined if the thread is gone). */
  postNext(): string | undefined {
    const speakers = this.#seed.activitySpeakerIds;
    const speakerId = speakers[this.#posted % speakers.length];
    const line = LINES[this.#posted % LINES.length];
    this.#posted++;
    if (speakerId === undefined || line === undefined) return undefined;
    const displayName = this.#seed.users.find((user) => user.id === speakerId)?.displayName ?? '';
    try {
      return this.#chat.sendMessage({ userId: speakerId, scopes: ['chat'] }, this.#seed.activityThreadId, {
        type: 'text',
        content: line,
        senderDisplayName: displayName,
        metadata: null,
      }).id;
    } catch {
      // The demo thread may have been deleted or the speaker removed; the demo just goes quiet.
      return undefined;
    }
  }
}
