import type { SearchSnippetPart, ThreadSummary } from '$contract';

/** Joins neighbouring parts of the same kind and folds whitespace, so a snippet reads as one line. */
export function normaliseSnippet(parts: readonly SearchSnippetPart[]): SearchSnippetPart[] {
  const result: SearchSnippetPart[] = [];
  for (const part of parts) {
    const text = part.text.replace(/\s+/g, ' ');
    if (!text) continue;
    const previous = result[result.length - 1];
    if (previous && previous.match === part.match) previous.text = (previous.text + text).replace(/\s+/g, ' ');
    else result.push({ text, match: part.match });
  }
  return result;
}

function queryWords(query: string): string[] {
  return query.trim().toLocaleLowerCase().split(/\s+/u).filter(Boolean);
}

/** Splits a text into parts marking every occurrence of the query's words (case-insensitive). */
export function highlightMatches(text: string, query: string): SearchSnippetPart[] {
  const words = queryWords(query);
  if (words.length === 0) return [{ text, match: false }];
  const lower = text.toLocaleLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length)) marked.fill(true, at, at + word.length);
  }
  const parts: SearchSnippetPart[] = [];
  for (let index = 0; index < text.length; index++) {
    const last = parts[parts.length - 1];
    if (last && last.match === marked[index]) last.text += text[index];
    else parts.push({ text: text[index]!, match: marked[index]! });
  }
  return parts;
}

/** Threads whose topic holds every word of the query; topics starting with it first, then by activity. */
export function filterThreadsByTopic(threads: readonly ThreadSummary[], query: string): ThreadSummary[] {
  const words = queryWords(query);
  const byActivity = (a: ThreadSummary, b: ThreadSummary) => (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0);
  if (words.length === 0) return [...threads].sort(byActivity);
  const phrase = words.join(' ');
  return threads
    .filter((thread) => {
      const topic = thread.topic.toLocaleLowerCase();
      return words.every((word) => topic.includes(word));
    })
    .sort((a, b) => {
      const aPrefix = a.topic.toLocaleLowerCase().startsWith(phrase) ? 0 : 1;
      const bPrefix = b.topic.toLocaleLowerCase().startsWith(phrase) ? 0 : 1;
      return aPrefix - bPrefix || byActivity(a, b);
    });
}
