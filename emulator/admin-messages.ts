import type { NewAttachment, SendMessageInput } from './chat/service.ts';
import { badRequest } from './errors.ts';
import type { InteropImage, InteropMessage, InteropPart } from './interop.ts';
import { INTEROP_STYLES, type InteropStyle } from './interop.ts';
import type { JsonObject } from './validation.ts';
import { optionalArray, optionalString, parseStringMap, requireNonEmptyString, requireObject } from './validation.ts';

/**
 * The body of `POST /admin/threads/{id}/messages`: a message from another client, either composed from parts in
 * a client's style (`style`, `parts`, `replyTo`, `images`, `files`; see interop.ts) or given verbatim (`type`,
 * `content`, `metadata`, `attachments`), hostile content included: verbatim URLs and names are not checked.
 */

export type AdminMessage = { senderId: string; senderDisplayName: string | null } & ({ composed: InteropMessage } | { verbatim: SendMessageInput });

const MAX_ATTACHMENTS = 50;

function entries(object: JsonObject, key: string): JsonObject[] {
  const list = optionalArray(object, key) ?? [];
  if (list.length > MAX_ATTACHMENTS) throw badRequest(`'${key}' may list at most ${MAX_ATTACHMENTS} entries.`, key);
  return list.map((entry, index) => requireObject(entry, `${key}[${index}]`));
}

function imageBytes(object: JsonObject, field: string): { contentType: string; bytes: Buffer } {
  const contentType = requireNonEmptyString(object, 'contentType');
  const base64 = requireNonEmptyString(object, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw badRequest(`'${field}.base64' must be base64.`, field);
  return { contentType, bytes: Buffer.from(base64, 'base64') };
}

function parsePart(value: unknown, index: number): InteropPart {
  const part = requireObject(value, `parts[${index}]`);
  if (typeof part['text'] === 'string') return { text: part['text'] };
  if (typeof part['emoji'] === 'string') {
    const name = optionalString(part, 'name');
    return name === undefined ? { emoji: part['emoji'] } : { emoji: part['emoji'], name };
  }
  const mention = requireObject(part['mention'], `parts[${index}].mention`);
  return { mention: { id: requireNonEmptyString(mention, 'id'), name: requireNonEmptyString(mention, 'name') } };
}

function optionalPositive(object: JsonObject, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function parseComposed(body: JsonObject, style: string): InteropMessage {
  if (!(INTEROP_STYLES as readonly string[]).includes(style)) throw badRequest(`'style' must be one of ${INTEROP_STYLES.join(', ')}.`, 'style');
  const message: InteropMessage = {
    style: style as InteropStyle,
    parts: (optionalArray(body, 'parts') ?? []).map(parsePart),
    images: entries(body, 'images').map((image, index): InteropImage => {
      const width = optionalPositive(image, 'width');
      const height = optionalPositive(image, 'height');
      return {
        name: requireNonEmptyString(image, 'name'),
        ...imageBytes(image, `images[${index}]`),
        ...(width === undefined ? {} : { width }),
        ...(height === undefined ? {} : { height }),
      };
    }),
    files: entries(body, 'files').map((file) => ({ name: requireNonEmptyString(file, 'name'), url: requireNonEmptyString(file, 'url') })),
  };
  const replyTo = optionalString(body, 'replyTo');
  if (replyTo !== undefined) message.replyTo = replyTo;
  return message;
}

function nullableString(object: JsonObject, key: string): string | null {
  return optionalString(object, key) ?? null;
}

function parseVerbatim(body: JsonObject, senderDisplayName: string | null): SendMessageInput {
  const type = optionalString(body, 'type') ?? 'html';
  if (type !== 'text' && type !== 'html') throw badRequest("'type' must be 'text' or 'html'.", 'type');
  const attachments = entries(body, 'attachments').map((entry, index): NewAttachment => {
    const image = entry['image'] === undefined ? undefined : imageBytes(requireObject(entry['image'], `attachments[${index}].image`), `attachments[${index}].image`);
    const record = {
      id: optionalString(entry, 'id') ?? `attachment-${index}`,
      attachmentType: requireNonEmptyString(entry, 'attachmentType'),
      name: nullableString(entry, 'name'),
      url: nullableString(entry, 'url'),
      previewUrl: nullableString(entry, 'previewUrl'),
      served: image !== undefined && entry['url'] === undefined && entry['previewUrl'] === undefined,
    };
    return image ? { record, image } : { record };
  });
  return {
    type,
    content: requireNonEmptyString(body, 'content'),
    senderDisplayName,
    metadata: body['metadata'] === undefined || body['metadata'] === null ? null : parseStringMap(body['metadata'], 'metadata', false),
    attachments,
  };
}

export function parseAdminMessage(body: JsonObject): AdminMessage {
  const senderId = requireNonEmptyString(body, 'senderId');
  const senderDisplayName = nullableString(body, 'senderDisplayName');
  const style = optionalString(body, 'style');
  if (style === undefined) return { senderId, senderDisplayName, verbatim: parseVerbatim(body, senderDisplayName) };
  for (const key of ['content', 'type', 'metadata', 'attachments']) {
    if (body[key] !== undefined) throw badRequest(`'${key}' is for verbatim messages; a message with a 'style' is composed from 'parts'.`, key);
  }
  return { senderId, senderDisplayName, composed: parseComposed(body, style) };
}
