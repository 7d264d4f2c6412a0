import { Editor, Extension, type JSONContent } from '@tiptap/core';
import Mention from '@tiptap/extension-mention';
import { Placeholder } from '@tiptap/extensions';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import Suggestion from '@tiptap/suggestion';
import { isAllowedLinkHref } from '../messages/sanitize-policy.ts';
import { cleanPastedHtml } from './composer-html.ts';
import type { MentionCandidate } from './mentions.ts';
import type { ShortcodeMatch } from './shortcodes.ts';
import type { SuggestionMenu } from './suggestion-menu.svelte.ts';

export interface ComposerEditorOptions {
  element: HTMLElement;
  content: JSONContent | string;
  placeholder: () => string;
  mentions: SuggestionMenu<MentionCandidate>;
  findMentions: (query: string) => MentionCandidate[];
  shortcodes: SuggestionMenu<ShortcodeMatch>;
  findShortcodes: (query: string) => Promise<ShortcodeMatch[]>;
  /** Enter: the message goes. */
  onSend: () => void;
  /** ArrowUp in an empty composer; true when it started editing one's last message. */
  onEditLast: () => boolean;
  /** Escape with no suggestion open; true when it cancelled something (a reply). */
  onEscape: () => boolean;
  /** Ctrl/Cmd+K: true when it asks for a link address (else the key is the app's). */
  onLink: () => boolean;
  /** Any change to the document. */
  onChange: (editor: Editor) => void;
  /** Any change at all (the selection too): the toolbar's pressed buttons follow it. */
  onTransaction: (editor: Editor) => void;
}

/**
 * The composer's rich text editor (Tiptap, headless): bold, italic, strike, code, code block, lists, quote
 * and link with their usual shortcuts and markdown-style input rules, `@` mentions and `:shortcode:` emoji.
 *
 * Enter always sends (inside lists and code blocks too: "Enter sends" never changes under the user);
 * Shift+Enter makes the new line the place calls for: a new list item (on an empty one, the end of the list),
 * a line in a code block (ArrowDown at its end leaves it), the end of a quote on an empty line in it, else a
 * new paragraph, where `- `, `1. `, `> ` and ``` start a list, a quote or a code block. Keys that finish a Korean syllable belong to the input method: ProseMirror leaves key bindings out
 * while composing, and Enter checks again.
 */
export function createComposerEditor(options: ComposerEditorOptions): Editor {
  const suggesting = () => options.mentions.open || options.shortcodes.open;

  const composerKeys = Extension.create({
    name: 'composerKeys',
    // Before the lists' and code block's own Enter; a suggestion list, when open, still gets its keys first (below).
    priority: 1000,
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('composerEnter'),
          props: {
            handleKeyDown: (view, event) => {
              if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
              // The Enter that ends a syllable belongs to the input method: it neither sends nor splits the line.
              if (event.isComposing || event.keyCode === 229 || view.composing) return true;
              if (suggesting()) return false;
              options.onSend();
              return true;
            },
          },
        }),
      ];
    },
    addKeyboardShortcuts() {
      return {
        'Shift-Enter': ({ editor }) =>
          editor.commands.first(({ commands }) => [
            () => commands.splitListItem('listItem'),
            () => commands.newlineInCode(),
            () => commands.liftEmptyBlock(),
            () => commands.splitBlock(),
          ]),
        ArrowUp: ({ editor }) => !suggesting() && editor.isEmpty && options.onEditLast(),
        Escape: () => !suggesting() && options.onEscape(),
        'Mod-k': () => options.onLink(),
        'Mod-Shift-x': ({ editor }) => editor.commands.toggleStrike(),
      };
    },
  });

  const shortcodes = Extension.create({
    name: 'shortcodes',
    addProseMirrorPlugins() {
      return [
        Suggestion<ShortcodeMatch, ShortcodeMatch>({
          editor: this.editor,
          char: ':',
          pluginKey: new PluginKey('shortcodeSuggestion'),
          items: ({ query }) => options.findShortcodes(query),
          command: ({ editor, range, props }) => editor.chain().focus().insertContentAt(range, props.native).run(),
          render: options.shortcodes.renderer(),
        }),
      ];
    },
  });

  return new Editor({
    element: options.element,
    content: options.content,
    extensions: [
      StarterKit.configure({
        heading: false,
        horizontalRule: false,
        underline: false,
        // No empty paragraph kept after a list or quote: it would be sent.
        trailingNode: false,
        // A typed address stays plain text (the reader makes it a link); a pasted one over a selection links it.
        link: { openOnClick: false, autolink: false, linkOnPaste: true, isAllowedUri: (url) => isAllowedLinkHref(url) },
      }),
      Placeholder.configure({ placeholder: options.placeholder }),
      Mention.configure({
        suggestion: {
          char: '@',
          pluginKey: new PluginKey('mentionSuggestion'),
          items: ({ query }) => options.findMentions(query),
          render: options.mentions.renderer(),
        },
      }),
      shortcodes,
      composerKeys,
    ],
    editorProps: { transformPastedHTML: cleanPastedHtml },
    onUpdate: ({ editor }) => options.onChange(editor),
    onTransaction: ({ editor }) => options.onTransaction(editor),
  });
}
