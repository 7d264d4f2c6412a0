import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { ChatClient } from '@azure/communication-chat';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import type { Emulator } from '../index.ts';
import type { TokenScope } from '../identity/scopes.ts';

/**
 * Helpers for pointing the official SDKs (and raw HTTPS) at an emulator started in-process.
 *
 * The SDKs' Node HTTP client builds its own https.Agent from the pipeline's `tlsOptions`,
 * so the CA is given per client; no global state (NODE_TLS_REJECT_UNAUTHORIZED, globalAgent) is touched.
 */

export interface SdkClientOptions {
  tlsOptions: { ca: string };
}

const optionsByCa = new Map<string, SdkClientOptions>();

/**
 * Client options that make ChatClient / ChatThreadClient / CommunicationIdentityClient trust the
 * emulator's CA. One object per CA, because the HTTP client caches its agents by this object's identity.
 */
export function sdkClientOptions(caPem: string): SdkClientOptions {
  let options = optionsByCa.get(caPem);
  if (!options) {
    options = { tlsOptions: { ca: caPem } };
    optionsByCa.set(caPem, options);
  }
  return options;
}

export function identityClientFor(emulator: Emulator): CommunicationIdentityClient {
  return new CommunicationIdentityClient(emulator.connectionString, sdkClientOptions(emulator.caPem));
}

export function chatClientFor(emulator: Emulator, token: string): ChatClient {
  return new ChatClient(emulator.endpoint, new AzureCommunicationTokenCredential(token), sdkClientOptions(emulator.caPem));
}

export interface ChatUser {
  userId: string;
  token: string;
  chat: ChatClient;
}

/** A new user with a token (minted in-process) and a ChatClient for it. */
export function createChatUser(emulator: Emulator, scopes: readonly TokenScope[] = ['chat']): ChatUser {
  const { userId, token } = emulator.createUserWithToken(scopes);
  return { userId, token, chat: chatClientFor(emulator, token) };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  bytes: Buffer;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  json: unknown;
}

/** One HTTPS request that trusts `caPem`; for what the SDKs hide (headers, exact bodies). */
export function rawRequest(caPem: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: init.method ?? 'GET', headers: init.headers, ca: caPem, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : (JSON.parse(text) as unknown);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, bytes, json });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    if (init.body !== undefined) outgoing.write(init.body);
    outgoing.end();
  });
}

/** `POST /admin/threads/{id}/messages` with the access key: a message from another client (see the README). */
export function postAdminMessage(emulator: Emulator, threadId: string, body: unknown): Promise<RawResponse> {
  return rawRequest(emulator.caPem, `${emulator.endpoint}admin/threads/${encodeURIComponent(threadId)}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.accessKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
