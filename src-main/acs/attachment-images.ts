import { request } from 'node:https';
import { ATTACHMENT_IMAGE_TYPES, LIMITS } from '../../src-preload/contract.ts';
import { ApiFailure } from '../base/api-failure.ts';
import type { RenewableCredential } from './credentials.ts';
import type { TlsTrust } from './tls-trust.ts';

/**
 * Fetches an attachment image with the account's token. The token goes only to the account's own endpoint: any
 * other origin is refused before a connection is made. Size-capped, type-checked by header and by the bytes.
 */

const TIMEOUT_MS = 30_000;

/** The first bytes of each image type allowed: the header alone is the sender's word. */
const SIGNATURES: ReadonlyArray<readonly [(typeof ATTACHMENT_IMAGE_TYPES)[number], (bytes: Buffer) => boolean]> = [
  ['image/png', (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff],
  ['image/gif', (bytes) => bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a'],
  ['image/webp', (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'],
];

export function isSameOrigin(url: string, endpoint: string): boolean {
  try {
    const target = new URL(url);
    return target.protocol === 'https:' && target.origin === new URL(endpoint).origin;
  } catch {
    return false;
  }
}

export function imageTypeOf(bytes: Buffer, declared: string): (typeof ATTACHMENT_IMAGE_TYPES)[number] | null {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  const signature = SIGNATURES.find(([name]) => name === type);
  return signature && signature[1](bytes) ? signature[0] : null;
}

export interface AttachmentImageOptions {
  endpoint: string;
  credential: RenewableCredential;
  tls: TlsTrust;
}

export async function fetchAttachmentImage(url: string, options: AttachmentImageOptions): Promise<string> {
  if (!isSameOrigin(url, options.endpoint)) {
    throw new ApiFailure('forbidden', 'This image is kept outside your ACS resource, so Parley does not fetch it: open it in the browser instead.');
  }
  const { token } = await options.credential.getToken();
  const ca = options.tls.clientOptions().tlsOptions?.ca;
  const { bytes, contentType } = await new Promise<{ bytes: Buffer; contentType: string }>((resolve, reject) => {
    const fail = (message: string) => reject(new ApiFailure('transient', message));
    const call = request(
      url,
      { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: ATTACHMENT_IMAGE_TYPES.join(', ') }, timeout: TIMEOUT_MS, ...(ca ? { ca } : {}) },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          response.resume();
          if (status === 401 || status === 403) reject(new ApiFailure('forbidden', 'The service did not let this account see the image.'));
          else if (status === 404) reject(new ApiFailure('not-found', 'The image is no longer on the service.'));
          else fail(`The service could not send the image (status ${status}). Try again later.`);
          return;
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > LIMITS.attachmentImageBytes) {
          response.destroy();
          reject(new ApiFailure('invalid-input', 'The image is too large to show here: open it in the browser instead.'));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > LIMITS.attachmentImageBytes) {
            response.destroy();
            reject(new ApiFailure('invalid-input', 'The image is too large to show here: open it in the browser instead.'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ bytes: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? '') }));
        response.on('error', () => fail('The image stopped arriving. Try again later.'));
      },
    );
    call.on('timeout', () => call.destroy(new Error('timeout')));
    call.on('error', () => fail('Parley could not reach the service for this image. Try again later.'));
    call.end();
  });
  const type = imageTypeOf(bytes, contentType);
  if (type === null) throw new ApiFailure('invalid-input', 'This attachment is not an image Parley can show: open it in the browser instead.');
  return `data:${type};base64,${bytes.toString('base64')}`;
}
