import type { JSONContent } from '@tiptap/core';
import type { Draft } from '$contract';

/** The editor nodes plain text is made of: paragraphs of unmarked text, and the line breaks Shift+Enter makes. */
const PLAIN_NODES: ReadonlySet<string> = new Set(['doc', 'paragraph', 'text', 'hardBreak']);

/** True when the document has no formatting at all: no marks (bold, links…), no lists, quotes, code blocks or mentions. */
export function isPlainDocument(node: JSONContent): boolean {
  if (!PLAIN_NODES.has(node.type ?? '') || (node.marks?.length ?? 0) > 0) return false;
  return (node.content ?? []).every(isPlainDocument);
}

/** The typed text of a plain document: one line per paragraph, and a line break where Shift+Enter made one. */
export function plainTextOf(doc: JSONContent): string {
  const lineOf = (paragraph: JSONContent) => (paragraph.content ?? []).map((inline) => (inline.type === 'hardBreak' ? '\n' : (inline.text ?? ''))).join('');
  return (doc.content ?? []).map(lineOf).join('\n');
}

/** Plain text as an editor document: one paragraph, its lines separated by line breaks (as typed with Shift+Enter). */
export function plainDocument(text: string): JSONContent {
  const inline: JSONContent[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) inline.push({ type: 'hardBreak' });
    if (line) inline.push({ type: 'text', text: line });
  });
  return { type: 'doc', content: [inline.length > 0 ? { type: 'paragraph', content: inline } : { type: 'paragraph' }] };
}

/** What the composer keeps of the editor: the typed text when there is no formatting, else the editor's HTML. */
export function draftOf(doc: JSONContent, editorHtml: string): Draft {
  return isPlainDocument(doc) ? { text: plainTextOf(doc), format: 'text' } : { text: editorHtml, format: 'html' };
}
