/**
 * Deterministic chat-like text for the studies (and large-volume tests): English and Korean
 * sentences, some of them HTML, drawn from fixed vocabularies with a seeded generator.
 */

const ENGLISH_WORDS = (
  'the a to and of we it is in for on that this you be with at have can will are not please ' +
  'deploy deployment deployed deploying release build pipeline server database migration backup ' +
  'meeting tomorrow today yesterday agenda review design customer invoice report dashboard latency ' +
  'error warning incident outage rollback hotfix ticket sprint planning retro standup demo budget ' +
  'lunch coffee office remote schedule calendar document draft proposal contract approval feedback ' +
  'network firewall certificate token login password account profile settings notification search ' +
  'message thread channel upload download screenshot attachment version update upgrade install ' +
  'performance memory cpu disk cache index query storage cluster kubernetes container docker ' +
  'frontend backend mobile android ios browser chrome testing coverage regression bug feature'
).split(' ');

/** Korean nouns (many of two syllables) and the particles that attach to them without a space. */
const KOREAN_NOUNS = (
  '회의 내일 오늘 어제 배포 서버 문서 일정 점심 커피 보고서 고객 계약 예산 검토 디자인 ' +
  '장애 복구 테스트 릴리스 데이터베이스 백업 사무실 출장 휴가 프로젝트 마감 발표 자료 결재 ' +
  '메일 전화 주간 월간 개발 운영 보안 인증서 네트워크 성능 메모리 저장소 검색 알림 설정'
).split(' ');
const KOREAN_PARTICLES = ['', '', '은', '는', '이', '가', '을', '를', '에', '에서', '으로', '도', '까지', '부터'];
const KOREAN_ENDINGS = ['합니다', '했어요', '할까요?', '입니다', '해주세요', '됐습니다', '있어요', '없어요', '예정입니다'];

/** mulberry32: small, fast and good enough to make varied but repeatable text. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function englishSentence(random: () => number): string {
  const length = 4 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => pick(random, ENGLISH_WORDS));
  const sentence = words.join(' ');
  return sentence[0]!.toUpperCase() + sentence.slice(1) + pick(random, ['.', '!', '?', '']);
}

function koreanSentence(random: () => number): string {
  const length = 2 + Math.floor(random() * 5);
  const words = Array.from({ length }, () => pick(random, KOREAN_NOUNS) + pick(random, KOREAN_PARTICLES));
  return `${words.join(' ')} ${pick(random, KOREAN_ENDINGS)}`;
}

export interface SyntheticText {
  content: string;
  type: 'text' | 'html';
}

export function syntheticText(random: () => number): SyntheticText {
  const korean = random() < 0.3;
  const sentence = korean ? koreanSentence(random) : englishSentence(random);
  const text = random() < 0.25 ? `${sentence} ${korean ? koreanSentence(random) : englishSentence(random)}` : sentence;
  if (random() < 0.2) return { type: 'html', content: `<p>${text.replace(/(\S+)$/, '<b>$1</b>')}</p>` };
  return { type: 'text', content: text };
}
