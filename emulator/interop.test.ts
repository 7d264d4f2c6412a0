import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@azure/communication-chat';
import { landscapePng } from './demo-picture.ts';
import { DEMO_TEAMS_USER } from './seed.ts';
import { chatClientFor, createChatUser, postAdminMessage, rawRequest, type ChatUser } from './test-support/sdk-clients.ts';
import { collect, useEmulator } from './test-support/use-emulator.ts';

const emulator = useEmulator();
const TEAMS_USER = '8:orgid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PNG = landscapePng(32, 18);

/** A thread of two ACS users with a Teams user in it, as in a Teams meeting chat. */
async function interopThread(): Promise<{ alex: ChatUser; threadId: string }> {
  const alex = createChatUser(emulator());
  const { chatThread } = await alex.chat.createChatThread({ topic: 'Interop' });
  emulator().addExternalParticipant(chatThread!.id, TEAMS_USER, { displayName: 'Dana' });
  return { alex, threadId: chatThread!.id };
}

function postAdmin(threadId: string, body: unknown) {
  return postAdminMessage(emulator(), threadId, body);
}

async function messageOf(user: ChatUser, threadId: string, id: string): Promise<ChatMessage> {
  return user.chat.getChatThreadClient(threadId).getMessage(id);
}

describe('messages from other clients (POST /admin/threads/{id}/messages)', () => {
  it('Teams style: a mention span, an emoji, an inline image served at the endpoint and a file with only a previewUrl', async () => {
    const { alex, threadId } = await interopThread();
    const posted = await postAdmin(threadId, {
      senderId: TEAMS_USER,
      senderDisplayName: 'Dana',
      style: 'teams',
      parts: [{ text: 'Hi ' }, { mention: { id: alex.userId, name: 'Alex <Kim>' } }, { text: ' look ' }, { emoji: '😀', name: 'smile' }],
      images: [{ name: 'Hall.png', contentType: 'image/png', base64: PNG.toString('base64'), width: 32, height: 18 }],
      files: [{ name: 'Plan.pdf', url: 'https://contoso.sharepoint.com/:b:/plan' }],
    });
    expect(posted.status).toBe(201);
    const { id, attachmentIds } = posted.json as { id: string; attachmentIds: string[] };
    const [imageId, fileId] = attachmentIds;

    const message = await messageOf(alex, threadId, id);
    expect(message.type).toBe('html');
    expect(message.senderDisplayName).toBe('Dana');
    expect(message.sender).toMatchObject({ microsoftTeamsUserId: TEAMS_USER.slice('8:orgid:'.length) });
    expect(message.content?.message).toContain('<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Alex &lt;Kim&gt;</span>');
    expect(message.content?.message).toContain('itemtype="http://schema.skype.com/Emoji" itemid="smile"');
    expect(message.content?.message).toContain('alt="😀"');
    expect(message.content?.message).toContain(`<img alt="image" src="" itemscope="png" width="32" height="18" id="${imageId}" style="vertical-align:bottom">`);
    const base = `${emulator().endpoint}chat/threads/${threadId}/messages/${id}/images/${imageId}/views`;
    expect(message.content?.attachments).toEqual([
      { id: imageId, attachmentType: 'image', name: 'Hall.png', url: `${base}/original?api-version=2025-03-15`, previewUrl: `${base}/small?api-version=2025-03-15` },
      { id: fileId, attachmentType: 'file', name: 'Plan.pdf', previewUrl: 'https://contoso.sharepoint.com/:b:/plan' },
    ]);
  });

  it('serves an image only with the token of someone who may read its message', async () => {
    const { alex, threadId } = await interopThread();
    const id = emulator().postInteropMessage(
      threadId,
      { id: TEAMS_USER, displayName: 'Dana' },
      { style: 'teams', parts: [], images: [{ name: 'a.png', contentType: 'image/png', bytes: PNG }] },
    );
    const url = (await messageOf(alex, threadId, id)).content!.attachments![0]!.url!;
    const as = (token?: string) => rawRequest(emulator().caPem, url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

    const shown = await as(alex.token);
    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.bytes.equals(PNG)).toBe(true);
    expect((await as()).status).toBe(401);
    expect((await as(createChatUser(emulator()).token)).status).toBe(403);
    expect((await as(emulator().accessKey)).status).toBe(401);
    expect((await rawRequest(emulator().caPem, url.replace('/views/original', '/views/huge'), { headers: { authorization: `Bearer ${alex.token}` } })).status).toBe(404);
    expect((await rawRequest(emulator().caPem, url.replace(/images\/[^/]+/, 'images/nope'), { headers: { authorization: `Bearer ${alex.token}` } })).status).toBe(404);
    // The operation record names the origin each request used, so a test can tell where a token went.
    expect(
      emulator()
        .operations.list({ route: 'getChatImage', userId: alex.userId, status: 200 })
        .map((operation) => operation.host),
    ).toEqual([`localhost:${emulator().port}`]);
  });

  it('attachments exist from api-version 2023-11-07 and are absent before', async () => {
    const { alex, threadId } = await interopThread();
    const id = emulator().postInteropMessage(
      threadId,
      { id: TEAMS_USER, displayName: 'Dana' },
      { style: 'teams', parts: [{ text: 'file' }], files: [{ name: 'x.txt', url: 'https://files.example/x' }] },
    );
    const at = async (version: string) =>
      (
        await rawRequest(emulator().caPem, `${emulator().endpoint}chat/threads/${encodeURIComponent(threadId)}/messages/${id}?api-version=${version}`, {
          headers: { authorization: `Bearer ${alex.token}` },
        })
      ).json as {
        content: Record<string, unknown>;
      };
    expect((await at('2021-09-07')).content).toEqual({ message: '<p>file</p>' });
    for (const version of ['2023-11-07', '2024-03-07', '2025-03-15']) {
      expect((await at(version)).content['attachments']).toEqual([{ id: expect.any(String), attachmentType: 'file', name: 'x.txt', previewUrl: 'https://files.example/x' }]);
    }
  });

  it('ACS UI Library style: <msft-mention> with the raw id and files in metadata.fileSharingMetadata; no replies or inline images', async () => {
    const { alex, threadId } = await interopThread();
    const bora = createChatUser(emulator());
    await alex.chat.getChatThreadClient(threadId).addParticipants({ participants: [{ id: { communicationUserId: bora.userId } }] });
    const posted = await postAdmin(threadId, {
      senderId: bora.userId,
      senderDisplayName: '이보라',
      style: 'ui-library',
      parts: [{ mention: { id: alex.userId, name: 'Alex' } }, { text: ' 확인해 주세요 ' }, { emoji: '👍' }],
      files: [{ name: 'Report.final.PDF', url: 'https://files.example/report' }],
    });
    const message = await messageOf(alex, threadId, (posted.json as { id: string }).id);
    expect(message.content?.message).toBe(`<p><msft-mention id="${alex.userId}">Alex</msft-mention> 확인해 주세요 👍</p>`);
    expect(message.content?.attachments).toEqual([]);
    expect(JSON.parse(message.metadata!['fileSharingMetadata']!)).toEqual([
      { id: expect.any(String), name: 'Report.final.PDF', extension: 'pdf', url: 'https://files.example/report' },
    ]);

    for (const extra of [{ replyTo: message.id }, { images: [{ name: 'a.png', contentType: 'image/png', base64: PNG.toString('base64') }] }]) {
      expect((await postAdmin(threadId, { senderId: bora.userId, style: 'ui-library', parts: [{ text: 'x' }], ...extra })).status).toBe(400);
    }
  });

  it('a Teams reply quotes the author and text of the message it answers', async () => {
    const { alex, threadId } = await interopThread();
    const { id: quotedId } = await alex.chat.getChatThreadClient(threadId).sendMessage({ content: 'Lunch <at> noon?' }, { senderDisplayName: 'Alex' });
    const reply = emulator().postInteropMessage(threadId, { id: TEAMS_USER, displayName: 'Dana' }, { style: 'teams', replyTo: quotedId, parts: [{ text: 'Yes' }] });
    expect((await messageOf(alex, threadId, reply)).content?.message).toBe(
      `<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="${quotedId}"><strong itemprop="mri" itemid="${alex.userId}">Alex</strong>` +
        `<span itemprop="time" itemid="${quotedId}"></span><p itemprop="preview">Lunch &lt;at&gt; noon?</p></blockquote><p>Yes</p>`,
    );
    expect((await postAdmin(threadId, { senderId: TEAMS_USER, style: 'teams', replyTo: '1', parts: [{ text: 'x' }] })).status).toBe(400);
  });

  it('verbatim: hostile content and attachment URLs are kept as given; the sender must be in the thread', async () => {
    const { alex, threadId } = await interopThread();
    const attachments = [
      { id: 'a1', attachmentType: 'file', name: '<img src=x onerror=alert(1)>\u202Efdp.exe', url: 'javascript:alert(1)' },
      { id: 'a2', attachmentType: 'image', name: 'x', url: `${emulator().endpoint.slice(0, -1)}@evil.example/x.png`, previewUrl: '//evil.example/p.png' },
      { id: 'a3', attachmentType: 'teamsImage', image: { contentType: 'image/png', base64: PNG.toString('base64') } },
    ];
    const posted = await postAdmin(threadId, { senderId: TEAMS_USER, content: '<p><msft-mention id="&quot;><script>">x</msft-mention></p>', attachments });
    expect(posted.status).toBe(201);
    const message = await messageOf(alex, threadId, (posted.json as { id: string }).id);
    expect(message.content?.message).toBe('<p><msft-mention id="&quot;><script>">x</msft-mention></p>');
    const [first, second, third] = message.content!.attachments!;
    expect(first).toEqual({ id: 'a1', attachmentType: 'file', name: attachments[0]!.name, url: 'javascript:alert(1)' });
    expect(second).toMatchObject({ url: attachments[1]!.url, previewUrl: '//evil.example/p.png' });
    expect(third?.url).toMatch(/\/images\/a3\/views\/original\?api-version=/);

    const stranger = createChatUser(emulator());
    expect((await postAdmin(threadId, { senderId: stranger.userId, content: 'hi' })).status).toBe(403);
    expect((await postAdmin(threadId, { senderId: TEAMS_USER, style: 'teams', content: 'both' })).status).toBe(400);
    expect(
      (
        await rawRequest(emulator().caPem, `${emulator().endpoint}admin/threads/${encodeURIComponent(threadId)}/messages`, {
          method: 'POST',
          body: '{"senderId":"x","content":"y"}',
        })
      ).status,
    ).toBe(401);
  });

  it('a deleted message keeps neither text nor attachments', async () => {
    const { alex, threadId } = await interopThread();
    const { id } = await alex.chat.getChatThreadClient(threadId).sendMessage({ content: 'mine' });
    await alex.chat.getChatThreadClient(threadId).deleteMessage(id);
    const all = await collect(alex.chat.getChatThreadClient(threadId).listMessages());
    expect(all.find((message) => message.id === id)?.content).toEqual({ message: '', attachments: [] });
  });
});

describe('the demo seed', () => {
  const seeded = useEmulator({ seedDemo: true });

  it('holds a thread where a Teams user and a UI Library user write as their clients do', async () => {
    const demo = seeded().demo!;
    const chat = chatClientFor(seeded(), seeded().issueToken(demo.meUserId).token);
    const messages = (await collect(chat.getChatThreadClient(demo.interopThreadId!).listMessages())).filter((message) => message.type === 'html').reverse();
    expect(messages.map((message) => message.senderDisplayName)).toEqual([DEMO_TEAMS_USER.displayName, 'Priya Natarajan', DEMO_TEAMS_USER.displayName]);
    const [photo, files, reply] = messages;
    expect(photo?.content?.message).toContain('http://schema.skype.com/Mention');
    expect(photo?.content?.attachments?.[0]).toMatchObject({ attachmentType: 'image', name: 'Hall.png' });
    expect(files?.content?.message).toContain(`<msft-mention id="${demo.meUserId}">`);
    expect(files?.metadata?.['fileSharingMetadata']).toContain('Floor plan.pdf');
    expect(reply?.content?.message).toContain(`itemtype="http://schema.skype.com/Reply" itemid="${photo?.id}"`);
    expect(reply?.content?.attachments?.[0]).toMatchObject({ attachmentType: 'file', name: 'Venue contract.docx' });
  });
});
