import { randomUUID } from 'node:crypto';
import type { ChatService, NewAttachment, SendMessageInput } from './chat/service.ts';
import { badRequest } from './errors.ts';
import type { MessageRecord, Metadata } from './model.ts';

/**
 * Messages as other clients write them, for tests and the demo: the same parts in the markup of Microsoft Teams
 * (as an ACS client receives a Teams user's message in an interop thread) or of the ACS UI Library.
 *
 * - Teams: mentions `<span itemtype="http://schema.skype.com/Mention" itemid="n">` (an index, not an id), emoji
 *   `<img itemtype="http://schema.skype.com/Emoji" alt="😀">`, reply quotes `<blockquote itemtype=…/Reply>`, inline
 *   images `<img src="" id="{attachment id}">` with their bytes behind `content.attachments[].url`, and files as
 *   `content.attachments` with only a `previewUrl` (the SharePoint page), as the ACS Teams-interop tutorials show them.
 * - ACS UI Library: mentions `<msft-mention id="{raw id}">`, emoji as text, files in `metadata.fileSharingMetadata`
 *   (a JSON list of `{id, name, extension, url}`). The UI Library has no reply quotes and no inline images.
 *
 * Every text is escaped: a hostile message is posted verbatim instead (`content` and `attachments` as given).
 */

export const INTEROP_STYLES = ['teams', 'ui-library'] as const;
export type InteropStyle = (typeof INTEROP_STYLES)[number];

export type InteropPart = { text: string } | { mention: { id: string; name: string } } | { emoji: string; name?: string };

export interface InteropImage {
  name: string;
  contentType: string;
  bytes: Buffer;
  width?: number;
  height?: number;
}

export interface InteropFile {
  name: string;
  url: string;
}

export interface InteropMessage {
  style: InteropStyle;
  parts: InteropPart[];
  /** The id of the message this one replies to (Teams only); its author and text are quoted. */
  replyTo?: string;
  images?: InteropImage[];
  files?: InteropFile[];
}

export const TEAMS_MENTION = 'http://schema.skype.com/Mention';
export const TEAMS_EMOJI = 'http://schema.skype.com/Emoji';
export const TEAMS_REPLY = 'http://schema.skype.com/Reply';
export const FILE_SHARING_METADATA_KEY = 'fileSharingMetadata';

const TEAMS_EMOJI_ASSETS = 'https://statics.teams.cdn.office.net/evergreen-assets/personal-expressions/v2/assets/emoticons';

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function partHtml(part: InteropPart, style: InteropStyle, mentionIndex: () => number): string {
  if ('text' in part) return escapeHtml(part.text);
  if ('mention' in part) {
    const name = escapeHtml(part.mention.name);
    if (style === 'ui-library') return `<msft-mention id="${escapeHtml(part.mention.id)}">${name}</msft-mention>`;
    return `<span itemscope="" itemtype="${TEAMS_MENTION}" itemid="${mentionIndex()}">${name}</span>`;
  }
  if (style === 'ui-library') return escapeHtml(part.emoji);
  const name = escapeHtml(part.name ?? 'emoji');
  return `<img itemscope="" itemtype="${TEAMS_EMOJI}" itemid="${name}" src="${TEAMS_EMOJI_ASSETS}/${name}/default/20_f.png" alt="${escapeHtml(part.emoji)}" title="${name}" style="width:20px;height:20px">`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** What a reader sees of a message, roughly: the text of an html message without its tags. */
function plainText(message: MessageRecord): string {
  const content = message.content.message ?? '';
  if (message.type !== 'html') return content;
  const text = content.replace(/<\/(p|div|li|blockquote)>|<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '');
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** Teams' reply quote: who wrote the quoted message and the start of its text. */
function replyQuoteHtml(quoted: MessageRecord): string {
  const id = escapeHtml(quoted.id);
  const text = plainText(quoted).replace(/\s+/g, ' ').trim();
  const preview = [...text].length > 120 ? `${[...text].slice(0, 119).join('')}…` : text;
  return (
    `<blockquote itemscope="" itemtype="${TEAMS_REPLY}" itemid="${id}">` +
    `<strong itemprop="mri" itemid="${escapeHtml(quoted.senderId ?? '')}">${escapeHtml(quoted.senderDisplayName ?? '')}</strong>` +
    `<span itemprop="time" itemid="${id}"></span>` +
    `<p itemprop="preview">${escapeHtml(preview)}</p>` +
    `</blockquote>`
  );
}

/**
 * The message a client of `style` sends for these parts. `quoted` finds the message a reply quotes (undefined: 400).
 * Ids of attachments are new GUIDs, as the service's are.
 */
export function composeInteropMessage(message: InteropMessage, sender: { displayName: string | null }, quoted: (messageId: string) => MessageRecord | undefined): SendMessageInput {
  const { style } = message;
  const images = message.images ?? [];
  const files = message.files ?? [];
  if (style === 'ui-library' && (message.replyTo !== undefined || images.length > 0)) {
    throw badRequest('The ACS UI Library sends neither reply quotes nor inline images: use the Teams style for those.', 'style');
  }
  let mentions = 0;
  const text = message.parts.map((part) => partHtml(part, style, () => mentions++)).join('');
  let content = text === '' ? '' : `<p>${text}</p>`;
  if (message.replyTo !== undefined) {
    const target = quoted(message.replyTo);
    if (!target || target.deletedMs !== null) throw badRequest(`There is no message '${message.replyTo}' to reply to.`, 'replyTo');
    content = replyQuoteHtml(target) + content;
  }

  const attachments: NewAttachment[] = [];
  let metadata: Metadata | null = null;
  for (const image of images) {
    const id = randomUUID();
    const size = image.width && image.height ? ` width="${image.width}" height="${image.height}"` : '';
    content += `<p><img alt="image" src="" itemscope="${escapeHtml(extensionOf(image.name) || 'png')}"${size} id="${id}" style="vertical-align:bottom"></p>`;
    attachments.push({
      record: { id, attachmentType: 'image', name: image.name, url: null, previewUrl: null, served: true },
      image: { contentType: image.contentType, bytes: image.bytes },
    });
  }
  if (style === 'teams') {
    for (const file of files) {
      attachments.push({ record: { id: randomUUID(), attachmentType: 'file', name: file.name, url: null, previewUrl: file.url, served: false } });
    }
  } else if (files.length > 0) {
    metadata = { [FILE_SHARING_METADATA_KEY]: JSON.stringify(files.map((file) => ({ id: randomUUID(), name: file.name, extension: extensionOf(file.name), url: file.url }))) };
  }
  if (content === '') throw badRequest('A message needs some text or an image.', 'parts');
  return { type: 'html', content, senderDisplayName: sender.displayName, metadata, attachments };
}

export interface InteropSender {
  id: string;
  displayName: string | null;
}

/** Posts as `sender` (a participant of any identifier kind) a composed or a verbatim message; returns the message. */
export function postAsOtherClient(
  chat: ChatService,
  threadId: string,
  sender: InteropSender,
  message: { composed: InteropMessage } | { verbatim: SendMessageInput },
): MessageRecord {
  const actor = { userId: sender.id, scopes: ['chat' as const] };
  const quoted = (messageId: string): MessageRecord | undefined => {
    try {
      return chat.getMessage(actor, threadId, messageId);
    } catch {
      return undefined;
    }
  };
  const input = 'verbatim' in message ? message.verbatim : composeInteropMessage(message.composed, sender, quoted);
  return chat.postAs(threadId, sender.id, input);
}
