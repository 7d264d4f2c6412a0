// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { draftOf, plainDocument } from './composed-document.ts';
import { outgoingHtml } from './composer-html.ts';
import { createComposerEditor } from './editor.ts';
import type { MentionCandidate } from './mentions.ts';
import type { ShortcodeMatch } from './shortcodes.ts';
import { SuggestionMenu } from './suggestion-menu.svelte.ts';

interface Harness {
  editor: Editor;
  events: string[];
  mentions: SuggestionMenu<MentionCandidate>;
}

let current: Editor | null = null;

// What jsdom lacks and ProseMirror asks for: layout (arrow keys measure lines) and the paste event.
Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => new DOMRect();
Element.prototype.getClientRects = () => [] as unknown as DOMRectList;
globalThis.ClipboardEvent ??= class extends Event {
  readonly clipboardData = null;
} as unknown as typeof ClipboardEvent;

function composerEditor(options: { editLast?: boolean } = {}): Harness {
  const events: string[] = [];
  const mentions = new SuggestionMenu<MentionCandidate>();
  const element = document.createElement('div');
  document.body.append(element);
  const editor = createComposerEditor({
    element,
    content: plainDocument(''),
    placeholder: () => 'Message',
    mentions,
    findMentions: (query) => [{ id: '8:acs:bora', label: 'Bora Lee' }].filter((person) => person.label.toLowerCase().startsWith(query.toLowerCase())),
    shortcodes: new SuggestionMenu<ShortcodeMatch>(),
    findShortcodes: async () => [],
    onSend: () => events.push('send'),
    onEditLast: () => {
      events.push('edit-last');
      return options.editLast ?? true;
    },
    onEscape: () => events.push('escape') > 0,
    onLink: () => events.push('link') > 0,
    onChange: () => undefined,
    onTransaction: () => undefined,
  });
  current = editor;
  return { editor, events, mentions };
}

afterEach(() => {
  current?.destroy();
  current = null;
});

/** A key press as ProseMirror sees it; true when a binding took it. */
function press(editor: Editor, key: string, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  return editor.view.someProp('handleKeyDown', (handle) => handle(editor.view, event)) ?? false;
}

/** Typed text as ProseMirror sees it, so input rules run. */
function type(editor: Editor, text: string): void {
  for (const character of text) {
    const { from, to } = editor.state.selection;
    const handled = editor.view.someProp('handleTextInput', (handle) => handle(editor.view, from, to, character, () => editor.state.tr.insertText(character, from, to)));
    if (!handled) editor.view.dispatch(editor.state.tr.insertText(character, from, to));
  }
}

const sent = (editor: Editor) => {
  const draft = draftOf(editor.getJSON(), editor.getHTML());
  return draft.format === 'html' ? { type: 'html', content: outgoingHtml(draft.text) } : { type: 'text', content: draft.text };
};

describe('the composer editor', () => {
  it('sends on Enter, never while an input method is composing', () => {
    const { editor, events } = composerEditor();
    type(editor, '안녕');
    // Taken, so no later binding splits the line either.
    expect(press(editor, 'Enter', { isComposing: true, keyCode: 229 })).toBe(true);
    expect(events).toEqual([]);
    expect(sent(editor)).toEqual({ type: 'text', content: '안녕' });
    expect(press(editor, 'Enter')).toBe(true);
    expect(events).toEqual(['send']);
  });

  it('makes the new line the place calls for on Shift+Enter: a paragraph, a list item, the end of the list', () => {
    const { editor, events } = composerEditor();
    type(editor, 'one');
    press(editor, 'Enter', { shiftKey: true });
    type(editor, 'two');
    expect(sent(editor)).toEqual({ type: 'text', content: 'one\ntwo' });
    editor.commands.setContent(plainDocument(''));
    type(editor, '- a');
    press(editor, 'Enter', { shiftKey: true });
    type(editor, 'b');
    press(editor, 'Enter', { shiftKey: true });
    press(editor, 'Enter', { shiftKey: true });
    type(editor, 'after');
    expect(sent(editor)).toEqual({ type: 'html', content: '<ul><li><p>a</p></li><li><p>b</p></li></ul><p>after</p>' });
    // Enter still sends from inside a list or a code block.
    editor.commands.setContent(plainDocument(''));
    type(editor, '``` code');
    expect(press(editor, 'Enter')).toBe(true);
    expect(events).toEqual(['send']);
  });

  it('formats by shortcut and by markdown-style input rules', () => {
    const { editor } = composerEditor();
    type(editor, 'a ');
    press(editor, 'b', { ctrlKey: true });
    type(editor, 'bold');
    press(editor, 'b', { ctrlKey: true });
    type(editor, ' ');
    press(editor, 'X', { ctrlKey: true, shiftKey: true, keyCode: 88 });
    type(editor, 'gone');
    press(editor, 'X', { ctrlKey: true, shiftKey: true, keyCode: 88 });
    type(editor, ' *it* `x` > not a quote');
    expect(sent(editor)).toEqual({ type: 'html', content: '<p>a <strong>bold</strong> <s>gone</s> <em>it</em> <code>x</code> &gt; not a quote</p>' });
    editor.commands.setContent(plainDocument(''));
    type(editor, '> quoted');
    expect(sent(editor)).toEqual({ type: 'html', content: '<blockquote><p>quoted</p></blockquote>' });
  });

  it('offers Up arrow to edit the last message only from an empty box, and passes Escape and Ctrl+K on', () => {
    const { editor, events } = composerEditor();
    expect(press(editor, 'ArrowUp')).toBe(true);
    type(editor, 'x');
    expect(press(editor, 'ArrowUp')).toBe(false);
    expect(press(editor, 'Escape')).toBe(true);
    expect(press(editor, 'k', { ctrlKey: true })).toBe(true);
    expect(events).toEqual(['edit-last', 'escape', 'link']);
  });

  it('inserts a mention picked from the @ list, sent in the ACS UI Library format', async () => {
    const { editor, events, mentions } = composerEditor();
    type(editor, 'hi @bo');
    await expect.poll(() => mentions.items.map((item) => item.label)).toEqual(['Bora Lee']);
    // With the list open, Enter picks instead of sending.
    expect(press(editor, 'Enter')).toBe(true);
    expect(events).toEqual([]);
    expect(sent(editor)).toEqual({ type: 'html', content: '<p>hi <msft-mention id="8:acs:bora">Bora Lee</msft-mention> </p>' });
  });

  it('keeps safe formatting from a paste and drops the rest', () => {
    const { editor } = composerEditor();
    editor.view.pasteHTML(
      '<p style="color:red"><b>bold</b> <img src="https://tracker.example/x.png" onerror="alert(1)"><script>alert(1)</script><a href="javascript:alert(1)">bad</a> <a href="https://example.com">good</a></p>',
    );
    expect(sent(editor)).toEqual({ type: 'html', content: '<p><strong>bold</strong> bad <a href="https://example.com">good</a></p>' });
  });
});
