import { chatFeatures } from '../api-versions.ts';
import type { ChatRoute, RequestContext, Reply } from '../routing.ts';
import { binary, empty, json, param, requireParam } from '../routing.ts';
import { notFound } from '../errors.ts';
import type { Store } from '../store.ts';
import { decodeSyncState, encodeSyncState, nextLink, numberField, page, readPageSize, readSkip, readStartTime, stringField } from './paging.ts';
import {
  parseAddParticipants,
  parseCreateThread,
  parseReadReceipt,
  parseRemoveParticipant,
  parseSendMessage,
  parseTyping,
  parseUpdateMessage,
  parseUpdateThread,
} from './requests.ts';
import type { ChatService } from './service.ts';
import { messageToWire, participantToWire, readReceiptToWire, threadItemToWire, threadToWire, type MessageView } from './wire.ts';

const THREADS = ['chat', 'threads'] as const;
const THREAD = [...THREADS, param('threadId')] as const;

/** The service's Location headers encode only the colon of a thread id. */
function threadLocation(context: RequestContext, threadId: string): string {
  return `${context.baseUrl}/chat/threads/${threadId.replaceAll(':', '%3A')}`;
}

function messageView(context: RequestContext): MessageView {
  return { features: chatFeatures(context.apiVersion), apiVersion: context.apiVersion, baseUrl: context.baseUrl };
}

function invalidParticipantErrors(rawIds: readonly string[]): Array<{ code: string; message: string; target: string }> {
  return rawIds.map((rawId) => ({ code: '403', message: 'Permissions check failed', target: rawId }));
}

/** Offset-paged lists (participants, read receipts) link to the next offset, like the live service. */
function offsetPage(context: RequestContext, skip: number, pageSize: number, items: unknown[]): Reply {
  const hasMore = items.length > pageSize;
  const value = hasMore ? items.slice(0, pageSize) : items;
  const link = hasMore ? nextLink(context.baseUrl, context.rawPath, { skip: skip + pageSize, maxPageSize: pageSize }, context.apiVersion) : undefined;
  return json(200, page(value, link));
}

function requestId(context: RequestContext): string | undefined {
  const value = context.headers['repeatability-request-id'];
  const id = Array.isArray(value) ? value[0] : value;
  return id === undefined || id === '' ? undefined : id;
}

export function chatRoutes(service: ChatService, store: Store): ChatRoute[] {
  const threadId = (context: RequestContext): string => requireParam(context, 'threadId');
  const messageId = (context: RequestContext): string => requireParam(context, 'messageId');

  return [
    {
      family: 'chat',
      name: 'createChatThread',
      method: 'POST',
      path: THREADS,
      rateLimit: 'createOrDeleteThread',
      handle(context, caller) {
        const idempotencyKey = requestId(context);
        if (idempotencyKey !== undefined) {
          const replay = store.getIdempotentResponse(caller.userId, idempotencyKey);
          if (replay !== undefined) {
            const body = JSON.parse(replay) as { chatThread: { id: string } };
            return json(201, body, { Location: threadLocation(context, body.chatThread.id) });
          }
        }
        const input = parseCreateThread(context.body, context.apiVersion);
        const { thread, invalidParticipants } = service.createThread(caller, input);
        const body: Record<string, unknown> = { chatThread: threadToWire(thread, chatFeatures(context.apiVersion)) };
        if (invalidParticipants.length > 0) body['invalidParticipants'] = invalidParticipantErrors(invalidParticipants);
        if (idempotencyKey !== undefined) store.putIdempotentResponse(caller.userId, idempotencyKey, JSON.stringify(body), thread.createdMs);
        return json(201, body, { Location: threadLocation(context, thread.id) });
      },
    },
    {
      family: 'chat',
      name: 'listChatThreads',
      method: 'GET',
      path: THREADS,
      rateLimit: 'readThreads',
      handle(context, caller) {
        const pageSize = readPageSize(context.query);
        const state = decodeSyncState(context.query);
        const startMs = state ? numberField(state, 's') : readStartTime(context.query);
        const cursor = state ? { activityMs: numberField(state, 'a'), threadId: stringField(state, 't') } : undefined;
        const rows = service.listThreads(caller, startMs, cursor, pageSize + 1);
        const pageRows = rows.slice(0, pageSize);
        const last = pageRows[pageRows.length - 1];
        const link =
          rows.length > pageSize && last
            ? nextLink(
                context.baseUrl,
                context.rawPath,
                { syncState: encodeSyncState({ s: startMs, a: last.activityMs, t: last.thread.id }), maxPageSize: pageSize },
                context.apiVersion,
              )
            : undefined;
        return json(
          200,
          page(
            pageRows.map(({ thread }) => threadItemToWire(thread, service.now())),
            link,
          ),
        );
      },
    },
    {
      family: 'chat',
      name: 'getChatThreadProperties',
      method: 'GET',
      path: THREAD,
      rateLimit: 'readThreads',
      handle(context, caller) {
        return json(200, threadToWire(service.getThread(caller, threadId(context)), chatFeatures(context.apiVersion)));
      },
    },
    {
      family: 'chat',
      name: 'updateChatThreadProperties',
      method: 'PATCH',
      path: THREAD,
      rateLimit: 'updateThread',
      handle(context, caller) {
        service.updateThread(caller, threadId(context), parseUpdateThread(context.body, context.apiVersion));
        return empty(204);
      },
    },
    {
      family: 'chat',
      name: 'deleteChatThread',
      method: 'DELETE',
      path: THREAD,
      rateLimit: 'createOrDeleteThread',
      handle(context, caller) {
        service.deleteThread(caller, threadId(context));
        return empty(204);
      },
    },
    {
      family: 'chat',
      name: 'sendChatMessage',
      method: 'POST',
      path: [...THREAD, 'messages'],
      rateLimit: 'writeMessage',
      handle(context, caller) {
        const message = service.sendMessage(caller, threadId(context), parseSendMessage(context.body, context.apiVersion));
        return json(201, { id: message.id }, { Location: `${threadLocation(context, message.threadId)}/messages/${message.id}` });
      },
    },
    {
      family: 'chat',
      name: 'listChatMessages',
      method: 'GET',
      path: [...THREAD, 'messages'],
      rateLimit: 'listMessages',
      handle(context, caller) {
        const pageSize = readPageSize(context.query);
        const state = decodeSyncState(context.query);
        const startMs = state ? numberField(state, 's') : readStartTime(context.query);
        const beforeSequenceId = state ? numberField(state, 'b') : undefined;
        const messages = service.listMessages(caller, threadId(context), startMs, beforeSequenceId, pageSize + 1);
        const pageMessages = messages.slice(0, pageSize);
        const last = pageMessages[pageMessages.length - 1];
        const link =
          messages.length > pageSize && last
            ? nextLink(context.baseUrl, context.rawPath, { syncState: encodeSyncState({ s: startMs, b: last.sequenceId }), maxPageSize: pageSize }, context.apiVersion)
            : undefined;
        const view = messageView(context);
        return json(
          200,
          page(
            pageMessages.map((message) => messageToWire(message, view)),
            link,
          ),
        );
      },
    },
    {
      family: 'chat',
      name: 'getChatMessage',
      method: 'GET',
      path: [...THREAD, 'messages', param('messageId')],
      rateLimit: 'getMessage',
      handle(context, caller) {
        const message = service.getMessage(caller, threadId(context), messageId(context));
        return json(200, messageToWire(message, messageView(context)));
      },
    },
    {
      // The service's image URLs (`content.attachments[].url` / `previewUrl`) need the reader's token, as here.
      family: 'chat',
      name: 'getChatImage',
      method: 'GET',
      path: [...THREAD, 'messages', param('messageId'), 'images', param('attachmentId'), 'views', param('size')],
      handle(context, caller) {
        const size = requireParam(context, 'size');
        const attachmentId = requireParam(context, 'attachmentId');
        if (size !== 'original' && size !== 'small') throw notFound(`Image '${attachmentId}' has no view '${size}'.`);
        const image = service.attachmentImage(caller, threadId(context), messageId(context), attachmentId);
        return binary(image.bytes, image.contentType);
      },
    },
    {
      family: 'chat',
      name: 'updateChatMessage',
      method: 'PATCH',
      path: [...THREAD, 'messages', param('messageId')],
      rateLimit: 'writeMessage',
      handle(context, caller) {
        service.updateMessage(caller, threadId(context), messageId(context), parseUpdateMessage(context.body, context.apiVersion));
        return empty(204);
      },
    },
    {
      family: 'chat',
      name: 'deleteChatMessage',
      method: 'DELETE',
      path: [...THREAD, 'messages', param('messageId')],
      rateLimit: 'writeMessage',
      handle(context, caller) {
        service.deleteMessage(caller, threadId(context), messageId(context));
        return empty(204);
      },
    },
    {
      family: 'chat',
      name: 'sendChatReadReceipt',
      method: 'POST',
      path: [...THREAD, 'readReceipts'],
      rateLimit: 'sendReadReceipt',
      handle(context, caller) {
        service.sendReadReceipt(caller, threadId(context), parseReadReceipt(context.body));
        return empty(200);
      },
    },
    {
      family: 'chat',
      name: 'listChatReadReceipts',
      method: 'GET',
      path: [...THREAD, 'readReceipts'],
      rateLimit: 'listReadReceipts',
      handle(context, caller) {
        const pageSize = readPageSize(context.query);
        const skip = readSkip(context.query);
        const receipts = service.listReadReceipts(caller, threadId(context), skip, pageSize + 1);
        return offsetPage(context, skip, pageSize, receipts.map(readReceiptToWire));
      },
    },
    {
      family: 'chat',
      name: 'sendTypingNotification',
      method: 'POST',
      path: [...THREAD, 'typing'],
      rateLimit: 'typing',
      handle(context, caller) {
        service.sendTypingNotification(caller, threadId(context), parseTyping(context.body));
        return empty(200);
      },
    },
    {
      family: 'chat',
      name: 'listChatParticipants',
      method: 'GET',
      path: [...THREAD, 'participants'],
      rateLimit: 'listParticipants',
      handle(context, caller) {
        const pageSize = readPageSize(context.query);
        const skip = readSkip(context.query);
        const features = chatFeatures(context.apiVersion);
        const participants = service.listParticipants(caller, threadId(context), skip, pageSize + 1);
        return offsetPage(
          context,
          skip,
          pageSize,
          participants.map((participant) => participantToWire(participant, features)),
        );
      },
    },
    {
      family: 'chat',
      name: 'addChatParticipants',
      method: 'POST',
      path: [...THREAD, 'participants', ':add'],
      rateLimit: 'changeParticipants',
      handle(context, caller) {
        const invalid = service.addParticipants(caller, threadId(context), parseAddParticipants(context.body, context.apiVersion));
        return json(201, invalid.length > 0 ? { invalidParticipants: invalidParticipantErrors(invalid) } : {});
      },
    },
    {
      family: 'chat',
      name: 'removeChatParticipant',
      method: 'POST',
      path: [...THREAD, 'participants', ':remove'],
      rateLimit: 'changeParticipants',
      handle(context, caller) {
        service.removeParticipant(caller, threadId(context), parseRemoveParticipant(context.body));
        return empty(204);
      },
    },
  ];
}
