import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landscapePng } from '../../emulator/demo-picture.ts';
import { createChatUser, postAdminMessage } from '../../emulator/test-support/sdk-clients.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

/**
 * Other clients' attachments through Parley's core against the emulator: an image the service serves is fetched by
 * main with the account's token from the endpoint's own origin, and from nowhere else, even where the same server
 * answers at another origin (127.0.0.1, [::1], a trailing-dot host). The emulator records the origin of every request.
 */
describe('attachment images from the service', () => {
  let h: CoreHarness;
  let accountId: string;
  let me: string;
  let threadId: string;
  const teams = { id: '8:orgid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', displayName: 'Dana' };
  const png = landscapePng(64, 36);

  beforeAll(async () => {
    h = await startCoreHarness();
    me = h.emulator.createUser();
    accountId = await h.signInAs(me, 'Mina');
    const other = createChatUser(h.emulator);
    threadId = (await other.chat.createChatThread({ topic: 'Photos' }, { participants: [{ id: { communicationUserId: me } }] })).chatThread!.id;
    h.emulator.addExternalParticipant(threadId, teams.id, { displayName: teams.displayName });
  });
  afterAll(() => h.stop());

  async function cached(messageId: string) {
    return h.until(async () => {
      await h.call('syncNow', { accountId });
      return (await h.call('listMessages', { accountId, threadId, limit: 100 })).messages.find((message) => message.id === messageId);
    });
  }

  it('shows a Teams photo: fetched by main from the endpoint with the token, handed over as data', async () => {
    const id = h.emulator.postInteropMessage(threadId, teams, {
      style: 'teams',
      parts: [{ text: 'the hall' }],
      images: [{ name: 'hall.png', contentType: 'image/png', bytes: png }],
      files: [{ name: 'plan.pdf', url: 'https://contoso.sharepoint.com/:b:/plan' }],
    });
    const message = await cached(id);
    const [image, file] = message.attachments;
    expect(image).toMatchObject({ kind: 'image', name: 'hall.png' });
    expect(file).toMatchObject({ kind: 'file', name: 'plan.pdf', url: 'https://contoso.sharepoint.com/:b:/plan' });
    const { dataUrl } = await h.call('loadAttachmentImage', { accountId, threadId, messageId: id, attachmentId: image!.id });
    expect(dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(h.emulator.operations.list({ route: 'getChatImage', userId: me }).map((operation) => [operation.host, operation.status])).toEqual([
      [`localhost:${h.emulator.port}`, 200],
    ]);
  });

  it('never sends the token to another origin of the same server, and drops a URL that hides its host', async () => {
    const real = h.emulator.postInteropMessage(threadId, teams, { style: 'teams', parts: [], images: [{ name: 'real.png', contentType: 'image/png', bytes: png }] });
    const realImage = (await cached(real)).attachments[0]!;
    const path = new URL(realImage.previewUrl!).pathname + new URL(realImage.previewUrl!).search;
    const port = h.emulator.port;
    const elsewhere = [`https://127.0.0.1:${port}${path}`, `https://[::1]:${port}${path}`, `https://localhost.:${port}${path}`, `http://localhost:${port}${path}`];
    const response = await postAdminMessage(h.emulator, threadId, {
      senderId: teams.id,
      content: '<p>elsewhere</p>',
      attachments: [
        ...elsewhere.map((url, index) => ({ id: `elsewhere-${index}`, attachmentType: 'image', name: `e${index}.png`, url })),
        { id: 'userinfo', attachmentType: 'image', name: 'u.png', url: `https://localhost:${port}@127.0.0.1:${port}${path}` },
      ],
    });
    expect(response.status).toBe(201);
    const message = await cached((response.json as { id: string }).id);
    expect(message.attachments.map((attachment) => attachment.id)).toEqual(['elsewhere-0', 'elsewhere-1', 'elsewhere-2', 'elsewhere-3']);
    const before = h.emulator.operations.lastSeq;
    for (const attachment of message.attachments) {
      await expect(h.call('loadAttachmentImage', { accountId, threadId, messageId: message.id, attachmentId: attachment.id })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(h.emulator.operations.list({ sinceSeq: before, route: 'getChatImage' })).toEqual([]);
    expect(new Set(h.emulator.operations.list({ userId: me }).map((operation) => operation.host))).toEqual(new Set([`localhost:${port}`]));
  });
});
