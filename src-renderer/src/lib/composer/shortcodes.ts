/**
 * Emoji by shortcode over emoji-mart's data (`@emoji-mart/data`, the emoji, names, shortcodes and keywords of
 * Unicode 15), for `:shortcode:` completion and the emoji picker: typing `:smi` offers 😄 smile, 😊 blush (by
 * keyword)… The data is large, so it is loaded the first time it is needed.
 */

/** The part of `@emoji-mart/data` this module reads. */
export interface EmojiData {
  emojis: Record<string, { id: string; name: string; keywords: readonly string[]; skins: ReadonlyArray<{ native: string }> }>;
  aliases: Record<string, string>;
}

export interface ShortcodeMatch {
  /** The shortcode without colons, e.g. `smile`. */
  shortcode: string;
  native: string;
  name: string;
}

interface Entry extends ShortcodeMatch {
  keywords: readonly string[];
}

/** What the picker offers before anything is typed: the everyday ones (emoji-mart's own defaults). */
const POPULAR = [
  '+1',
  'grinning',
  'joy',
  'heart_eyes',
  'kissing_heart',
  'laughing',
  'sweat_smile',
  'wink',
  'thinking_face',
  'sunglasses',
  'sob',
  'scream',
  'disappointed',
  'unamused',
  'weary',
  'pray',
  'clap',
  'raised_hands',
  'muscle',
  'ok_hand',
  'wave',
  'eyes',
  'fire',
  'tada',
  'rocket',
  'sparkles',
  'heart',
  'white_check_mark',
  'x',
  'warning',
  'question',
  'coffee',
  'pizza',
  'beers',
  'birthday',
  'gift',
  'calendar',
  'memo',
  'bulb',
  'zap',
];

/** Shortest query that opens the list: `:)` or `12:30` should not. */
export const SHORTCODE_MIN_QUERY = 2;
export const SHORTCODE_LIMIT = 8;

export class ShortcodeIndex {
  readonly #entries: Entry[];

  constructor(data: EmojiData) {
    const entries: Entry[] = [];
    for (const emoji of Object.values(data.emojis)) {
      const native = emoji.skins[0]?.native;
      if (native) entries.push({ shortcode: emoji.id, native, name: emoji.name, keywords: emoji.keywords });
    }
    for (const [alias, id] of Object.entries(data.aliases)) {
      const emoji = data.emojis[id];
      const native = emoji?.skins[0]?.native;
      if (emoji && native) entries.push({ shortcode: alias, native, name: emoji.name, keywords: [] });
    }
    this.#entries = entries;
  }

  /** The everyday emoji, offered before anything is typed. */
  popular(limit = POPULAR.length): ShortcodeMatch[] {
    const byShortcode = new Map(this.#entries.map((entry) => [entry.shortcode, entry]));
    return POPULAR.flatMap((shortcode) => {
      const entry = byShortcode.get(shortcode);
      return entry ? [{ shortcode: entry.shortcode, native: entry.native, name: entry.name }] : [];
    }).slice(0, limit);
  }

  /** The emoji whose shortcode is the query, then those it begins, then those with a word or keyword it begins; shortest first within each. */
  find(query: string, limit = SHORTCODE_LIMIT): ShortcodeMatch[] {
    const wanted = query.trim().toLowerCase();
    if (wanted.length < SHORTCODE_MIN_QUERY) return [];
    const rank = (entry: Entry): number => {
      if (entry.shortcode === wanted) return 0;
      if (entry.shortcode.startsWith(wanted)) return 1;
      if (entry.shortcode.split(/[_-]/).some((word) => word.startsWith(wanted))) return 2;
      if (entry.keywords.some((keyword) => keyword.startsWith(wanted))) return 3;
      return -1;
    };
    const seen = new Set<string>();
    return this.#entries
      .map((entry) => ({ entry, rank: rank(entry) }))
      .filter(({ rank }) => rank >= 0)
      .sort((a, b) => a.rank - b.rank || a.entry.shortcode.length - b.entry.shortcode.length || a.entry.shortcode.localeCompare(b.entry.shortcode))
      .filter(({ entry }) => !seen.has(entry.native) && Boolean(seen.add(entry.native)))
      .slice(0, limit)
      .map(({ entry }) => ({ shortcode: entry.shortcode, native: entry.native, name: entry.name }));
  }
}

let index: Promise<ShortcodeIndex> | null = null;

/** The index over emoji-mart's native set, loaded once on first use (a separate chunk of the page). */
export function loadShortcodeIndex(): Promise<ShortcodeIndex> {
  // The package's types declare only its interfaces; the module itself is the JSON data.
  index ??= import('@emoji-mart/data').then((module) => new ShortcodeIndex((module as unknown as { default: EmojiData }).default));
  return index;
}
