import { FILE_SHARING_METADATA_KEY, LIMITS, type AttachmentKind, type MessageAttachment } from '../../src-preload/contract.ts';

/**
 * Reads the files and images a message carries, from either place other clients put them: the service's
 * `content.attachments` (Teams interop, api-version 2023-11-07 and later) and the ACS UI Library's
 * `metadata.fileSharingMetadata` (a JSON list of `{ id, name, url }`). Malformed entries are dropped and reported,
 * never allowed to break the message.
 */

const MAX_NAME_LENGTH = 255;

/**
 * A web URL, or null. A URL with a user name or password is refused too: `https://endpoint@evil.example/` reads
 * as the endpoint but leads elsewhere.
 */
function webUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 4096) return null;
  try {
    const url = new URL(value);
    if (url.username !== '' || url.password !== '') return null;
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Control characters would hide what the file card shows, and bidirectional controls reorder it
 * (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN_OR_REORDERING = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function nameOf(value: unknown, url: string | null, id: string): string {
  const name = typeof value === 'string' ? value.replace(HIDDEN_OR_REORDERING, '').trim() : '';
  if (name) return [...name].slice(0, MAX_NAME_LENGTH).join('');
  const tail = url ? decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') : '';
  return tail || id;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function serviceAttachment(entry: unknown, index: number, ignored: (detail: string) => void): MessageAttachment | null {
  if (!isRecord(entry) || typeof entry['id'] !== 'string' || entry['id'] === '') {
    ignored(`attachment ${index} without an id`);
    return null;
  }
  const id = entry['id'];
  const kind: AttachmentKind = entry['attachmentType'] === 'image' ? 'image' : 'file';
  const url = webUrl(entry['url']);
  const previewUrl = webUrl(entry['previewUrl']);
  if (url === null && previewUrl === null) {
    ignored(`attachment ${id} without a usable URL`);
    return null;
  }
  // Teams sends a file with only a previewUrl (its SharePoint page): that is where the file opens.
  return { id, kind, name: nameOf(entry['name'], url ?? previewUrl, id), url: url ?? previewUrl, previewUrl };
}

function sharedFiles(metadata: Record<string, string> | null, ignored: (detail: string) => void): MessageAttachment[] {
  const text = metadata?.[FILE_SHARING_METADATA_KEY];
  if (text === undefined) return [];
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    ignored('fileSharingMetadata that is not JSON');
    return [];
  }
  if (!Array.isArray(list)) {
    ignored('fileSharingMetadata that is not a list');
    return [];
  }
  return list.flatMap((entry, index) => {
    const url = isRecord(entry) ? webUrl(entry['url']) : null;
    if (!isRecord(entry) || url === null) {
      ignored(`shared file ${index} without a usable URL`);
      return [];
    }
    const id = typeof entry['id'] === 'string' && entry['id'] ? entry['id'] : `shared-${index}`;
    // Shared files live wherever the sender keeps them: always offered as files, never fetched with the token.
    return [{ id, kind: 'file' as const, name: nameOf(entry['name'], url, id), url, previewUrl: null }];
  });
}

export function attachmentsOf(serviceAttachments: unknown, metadata: Record<string, string> | null, ignored: (detail: string) => void = () => undefined): MessageAttachment[] {
  const fromService = Array.isArray(serviceAttachments) ? serviceAttachments.flatMap((entry, index) => serviceAttachment(entry, index, ignored) ?? []) : [];
  if (serviceAttachments !== undefined && serviceAttachments !== null && !Array.isArray(serviceAttachments)) ignored('attachments that are not a list');
  const all = [...fromService, ...sharedFiles(metadata, ignored)];
  if (all.length > LIMITS.attachmentsPerMessage) ignored(`${all.length - LIMITS.attachmentsPerMessage} attachments over the limit`);
  return all.slice(0, LIMITS.attachmentsPerMessage);
}
