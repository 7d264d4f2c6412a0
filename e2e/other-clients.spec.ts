/**
 * What other clients send, delivered by the emulator to the real app and read in Korean: a Teams user's message
 * (mention span, emoji, an inline image the emulator serves at its own origin, a reply quote, a SharePoint file)
 * and an ACS UI Library user's (`<msft-mention>` of you, a shared file in metadata), posted through the emulator's
 * admin route as the other side. Then hostile content on every one of those paths: none runs, the page fetches
 * nothing, and the account's token goes to no origin but the endpoint's (a trusted foreign HTTPS server and the
 * emulator's own other origins record every request that reaches them).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { landscapePng } from '../emulator/demo-picture.ts';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, postAdminMessage, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import { ensureTlsMaterial } from '../emulator/tls.ts';
import { startBrowserShell, type RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import {
  confirmOpensInBrowser,
  expect,
  expectNoSeriousAxeViolations,
  inEveryLanguageAndTheme,
  openApp,
  screenshot,
  signInWithToken,
  startTestEmulator,
  tempDir,
  test,
  waitForSync,
} from './fixtures.ts';
import { hostilePayloads, instrument } from './hostile-content.ts';

test.describe.configure({ mode: 'serial' });

const ME = 'Alex Kim';
const TOPIC = '행사 준비';
const HOSTILE_TOPIC = '수상한 첨부';
const TEAMS_USER = { id: '8:orgid:5f0c6a4e-8d2b-4c1e-9a7f-3b2d1e0c9a8b', name: 'Dana Whitfield' };
const PNG = landscapePng();

let root: ReturnType<typeof tempDir>;
let emulator: Emulator;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;
let watch: Awaited<ReturnType<typeof instrument>>;
let me: { userId: string; token: string };
let bora: ChatUser;
let threadId = '';
let lunchId = '';

/** Another origin that main would trust (its CA is in main's trust store too): whatever reaches it is recorded. */
let foreign: Server;
let foreignOrigin = '';
const foreignRequests: Array<{ url: string; authorization: string | undefined }> = [];

async function postAsOtherClient(thread: string, body: Record<string, unknown>): Promise<{ id: string; attachmentIds: string[] }> {
  const response = await postAdminMessage(emulator, thread, body);
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; attachmentIds: string[] };
}

/** A thread Bora (an ACS user) made with me, which a Teams user has joined, as in a Teams meeting chat. */
async function interopThread(topic: string): Promise<string> {
  const { chatThread } = await bora.chat.createChatThread(
    { topic },
    {
      participants: [
        { id: { communicationUserId: me.userId }, displayName: ME },
        { id: { communicationUserId: bora.userId }, displayName: 'Bora Lee' },
      ],
    },
  );
  emulator.addExternalParticipant(chatThread!.id, TEAMS_USER.id, { displayName: TEAMS_USER.name });
  return chatThread!.id;
}

/** Every request of this account's token: the origin it was sent to, as the emulator saw it. */
function hostsTheTokenReached(): string[] {
  return [...new Set(emulator.operations.list({ userId: me.userId }).map((operation) => operation.host))];
}

test.beforeAll(async ({ browser }) => {
  root = tempDir('parley-other-clients-');
  emulator = await startTestEmulator({ dataDir: `${root.path}/emulator` });
  const foreignTls = ensureTlsMaterial({});
  foreign = createServer({ cert: foreignTls.serverCertPem, key: foreignTls.serverKeyPem }, (request, response) => {
    foreignRequests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignOrigin = `https://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  const trust = join(root.path, 'trust.pem');
  writeFileSync(trust, `${emulator.caPem}\n${foreignTls.caCertPem}`);
  shell = await startBrowserShell({ dataDir: `${root.path}/profile`, env: { NODE_EXTRA_CA_CERTS: trust } });

  const issued = emulator.createUserWithToken(['chat']);
  me = { userId: issued.userId, token: issued.token };
  bora = createChatUser(emulator);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  watch = await instrument(page, shell.origin);
  await openApp(page, shell);
  await signInWithToken(page, { endpoint: emulator.endpoint, token: me.token, displayName: ME });
  await waitForSync(page);
  await page.evaluate(() => window.parley!.updateSettings({ language: 'ko' }));

  threadId = await interopThread(TOPIC);
  const thread = bora.chat.getChatThreadClient(threadId);
  lunchId = (await thread.sendMessage({ content: '점심은 12시에 어때요?' }, { senderDisplayName: 'Bora Lee' })).id;
  await postAsOtherClient(threadId, {
    senderId: TEAMS_USER.id,
    senderDisplayName: TEAMS_USER.name,
    style: 'teams',
    parts: [{ text: '안녕하세요 ' }, { mention: { id: me.userId, name: ME } }, { text: ', 행사장 사진 보세요 ' }, { emoji: '😀', name: 'smile' }],
    images: [{ name: 'Hall.png', contentType: 'image/png', base64: PNG.toString('base64'), width: 320, height: 180 }],
  });
  await postAsOtherClient(threadId, {
    senderId: bora.userId,
    senderDisplayName: 'Bora Lee',
    style: 'ui-library',
    parts: [{ mention: { id: me.userId, name: ME } }, { text: ' 회의 자료입니다' }],
    files: [{ name: '회의 자료.pdf', url: 'https://files.example/meeting.pdf' }],
  });
  await postAsOtherClient(threadId, {
    senderId: TEAMS_USER.id,
    senderDisplayName: TEAMS_USER.name,
    style: 'teams',
    replyTo: lunchId,
    parts: [{ text: '저는 좋아요. 계약서도 보냅니다' }],
    files: [{ name: 'Contract.docx', url: 'https://contoso.sharepoint.com/:w:/s/events/EcV3nQ' }],
  });
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  await shell?.stop();
  await emulator?.stop();
  await new Promise<void>((resolve) => (foreign ? foreign.close(() => resolve()) : resolve()));
  root?.remove();
});

function messages(): Locator {
  return page.getByRole('region', { name: '메시지' });
}

function article(text: string): Locator {
  return page.locator('article').filter({ hasText: text });
}

function conversation(topic: string): Locator {
  return page.getByRole('listbox', { name: '대화' }).getByRole('option', { name: new RegExp(topic) });
}

test('the mention of you from the UI Library is counted apart in the thread list', async () => {
  const room = conversation(TOPIC);
  await expect(room.getByText('나를 언급한 읽지 않은 메시지 1개')).toBeAttached({ timeout: 30_000 });
  await expect(room.getByText('@1')).toBeVisible();
});

test('a Teams user’s mention, emoji and photo, and the UI Library’s mention of you and shared file, read in Korean', async () => {
  await conversation(TOPIC).click();
  const teams = article('행사장 사진 보세요');
  await expect(teams).toBeVisible();
  await expect(teams.locator('.mention')).toHaveText(`@${ME}`);
  // Teams names a mention by its place in the message, not by id: it cannot be told to be you.
  await expect(teams.locator('.mention')).not.toHaveClass(/self/);
  await expect(teams).toContainText('😀');
  const photo = teams.getByRole('list', { name: '첨부 파일' }).getByRole('img', { name: 'Hall.png' });
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute('src', `data:image/png;base64,${PNG.toString('base64')}`);
  // In the text, neither the inline image's empty stand-in nor the emoji is an image, and nothing is "blocked".
  await expect(teams.locator('.body img')).toHaveCount(0);
  await expect(messages().getByText('웹 이미지가 숨겨져 있습니다.')).toHaveCount(0);
  expect(emulator.operations.list({ route: 'getChatImage', userId: me.userId, status: 200 })).not.toHaveLength(0);

  const library = article('회의 자료입니다');
  await expect(library.locator('.mention')).toHaveText(`@${ME}`);
  await expect(library.locator('.mention')).toHaveClass(/self/);
  const shared = library.getByRole('list', { name: '첨부 파일' });
  await expect(shared).toContainText('회의 자료.pdf');
  await expect(shared).toContainText('files.example');
  await screenshot(page, 'other-clients-ko-light');
  expect(watch.foreignRequests).toEqual([]);
});

test('a Teams reply quote jumps to the quoted message; a Teams file opens at SharePoint after a confirmation', async () => {
  const reply = article('계약서도 보냅니다');
  const quote = reply.getByRole('button', { name: /Bora Lee.*점심은 12시에 어때요\?/ });
  await quote.click();
  await expect(messages().getByRole('article', { name: /찾은 메시지/ })).toContainText('점심은 12시에 어때요?');

  const files = reply.getByRole('list', { name: '첨부 파일' });
  await expect(files).toContainText('contoso.sharepoint.com');
  await files.getByRole('button', { name: 'Contract.docx 열기' }).click();
  const confirm = page.getByRole('dialog', { name: '“Contract.docx”을(를) 열까요?' });
  await expect(confirm).toContainText('contoso.sharepoint.com');
  await screenshot(page, 'other-clients-file-confirm-ko');
  await confirmOpensInBrowser(page, confirm, '브라우저에서 열기', 'https://contoso.sharepoint.com/:w:/s/events/EcV3nQ', {
    contentType: 'text/html',
    body: '<title>Contract</title>',
  });
  expect(watch.foreignRequests).toEqual([]);
  expect(hostsTheTokenReached()).toEqual([`localhost:${emulator.port}`]);
});

test('hostile names, URLs, mentions and reply markup in other clients’ messages: none runs, nothing is fetched, the token stays home', async () => {
  test.setTimeout(240_000);
  const hostileThread = await interopThread(HOSTILE_TOPIC);
  const emulatorOrigin = emulator.endpoint.slice(0, -1);
  // A real image of this thread, at the endpoint's origin; the same path at the emulator's other origins must not be asked for with the token.
  const served = await postAsOtherClient(hostileThread, {
    senderId: TEAMS_USER.id,
    style: 'teams',
    parts: [{ text: '기준 이미지' }],
    images: [{ name: 'ok.png', contentType: 'image/png', base64: PNG.toString('base64') }],
  });
  const imagePath = `/chat/threads/${hostileThread}/messages/${served.id}/images/${served.attachmentIds[0]}/views/small?api-version=2025-03-15`;
  const port = emulator.port;
  const hostileUrls = [
    `javascript:__canary('url')`,
    'JaVaScRiPt:alert(1)',
    `data:text/html,<script>__canary('data')</script>`,
    `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="__canary('svg')"/>`,
    '//evil.example/protocol-relative.png',
    `${emulatorOrigin}@evil.example/userinfo.png`,
    `https://localhost:${port}@127.0.0.1:${port}${imagePath}`,
    `${foreignOrigin}/foreign.png`,
    `${foreignOrigin.replace('127.0.0.1', 'localhost')}${imagePath}`,
    `https://127.0.0.1:${port}${imagePath}`,
    `https://[::1]:${port}${imagePath}`,
    `https://localhost.:${port}${imagePath}`,
    `http://localhost:${port}${imagePath}`,
    `https://lоcalhost:${port}${imagePath}`, // Cyrillic о
    `https://exаmple.com/lookalike.pdf`, // Cyrillic а
    `https://evil.example/${'a'.repeat(5000)}`,
    `  ${foreignOrigin}/padded.png`,
  ];
  const payloads = hostilePayloads();
  const groups = Array.from({ length: Math.ceil(payloads.length / 5) }, (_, index) => payloads.slice(index * 5, index * 5 + 5));
  let urlIndex = 0;
  const nextUrl = () => hostileUrls[urlIndex++ % hostileUrls.length]!;
  for (const [index, group] of groups.entries()) {
    const [first, second] = group;
    const content =
      `<p>묶음 ${index}</p>` +
      group.map((payload) => payload.text).join('') +
      `<p><msft-mention id="${first!.text}">${first!.text}</msft-mention></p>` +
      `<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="${(second ?? first)!.text}"><strong itemprop="mri" itemid="${first!.text}">${first!.text}</strong><p itemprop="preview">${(second ?? first)!.text}</p></blockquote>`;
    const attachments = group.map((payload, position) => ({
      id: `${payload.id}-${position}`,
      attachmentType: position % 2 === 0 ? 'image' : 'file',
      name: payload.text.slice(0, 300),
      url: nextUrl(),
      previewUrl: nextUrl(),
    }));
    const fileSharingMetadata = JSON.stringify(group.map((payload) => ({ id: payload.id, name: payload.text, url: nextUrl() })));
    await postAsOtherClient(hostileThread, { senderId: TEAMS_USER.id, senderDisplayName: first!.text.slice(0, 200), content, attachments, metadata: { fileSharingMetadata } });
  }
  const spoof = await postAsOtherClient(hostileThread, {
    senderId: TEAMS_USER.id,
    content: '<p>마지막</p>',
    attachments: [
      { id: 'rtl', attachmentType: 'file', name: 'invoice\u202Efdp.exe', url: 'https://files.example/invoice' },
      { id: 'idn', attachmentType: 'file', name: 'lookalike.pdf', url: 'https://exаmple.com/lookalike.pdf' },
      { id: 'huge', attachmentType: 'file', name: '가'.repeat(5000), url: 'https://files.example/huge' },
    ],
  });
  expect(spoof.attachmentIds).toHaveLength(3);

  const room = conversation(HOSTILE_TOPIC);
  await expect(room).toBeVisible({ timeout: 30_000 });
  await room.click();
  const last = article('마지막');
  await expect(last).toBeVisible();
  const cards = last.getByRole('list', { name: '첨부 파일' });
  await expect(cards).toContainText('invoicefdp.exe');
  await expect(cards).not.toContainText('\u202E');
  await expect(cards).toContainText(new URL('https://exаmple.com/').host);
  await expect(cards.getByRole('listitem')).toHaveCount(3);
  await screenshot(page, 'other-clients-hostile-ko');

  // Every group passes through the virtual list's window: up to the first, then back down to the last.
  await messages().hover();
  for (let step = 0; step < 200 && !(await article('묶음 0').isVisible()); step += 1) await page.mouse.wheel(0, -600);
  await expect(article('묶음 0')).toBeVisible();
  for (let step = 0; step < 200 && !(await last.isVisible()); step += 1) await page.mouse.wheel(0, 600);
  await expect(last).toBeVisible();
  // Open one hostile file's confirmation: it names the real host, then is cancelled.
  const group0 = article('묶음 0').getByRole('list', { name: '첨부 파일' });
  const openButtons = group0.getByRole('button', { name: /열기$/ });
  if ((await openButtons.count()) > 0) {
    await openButtons.first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: '취소' }).click();
  }

  expect(await watch.executed()).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
  expect(foreignRequests).toEqual([]);
  expect(hostsTheTokenReached()).toEqual([`localhost:${emulator.port}`]);
  console.log(
    `[other-clients.spec] ${payloads.length} payloads in ${groups.length} messages (content, mentions, reply markup, sender names, attachment and shared-file names), ` +
      `${hostileUrls.length} hostile URLs; executed: 0; page requests elsewhere: 0; requests at the foreign origin: 0; origins the token reached: ${hostsTheTokenReached().join(', ')}`,
  );
});

test('screens: light and dark, English and Korean; axe clean', async () => {
  await conversation(TOPIC).click();
  await expect(article('행사장 사진 보세요')).toBeVisible();
  await inEveryLanguageAndTheme(page, async (language, theme) => {
    await article('행사장 사진 보세요').scrollIntoViewIfNeeded();
    await screenshot(page, `other-clients-${language}-${theme}`);
    await expectNoSeriousAxeViolations(page, `other clients, ${language}, ${theme}`);
  });
});
