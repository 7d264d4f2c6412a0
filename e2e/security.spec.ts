import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import { connectBridge, type BridgeClient } from '../src-main/test-support/bridge-client.ts';
import { startBrowserShell, type RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { hostilePayloads, instrument } from './hostile-content.ts';
import type {} from '../src-renderer/src/lib/bridge.ts';

const payloads = hostilePayloads();
const hostileTopics = payloads.filter((_, index) => index % 9 === 0);
const hostileNames = payloads.filter((_, index) => index % 11 === 0).map((payload) => payload.text.slice(0, 250));

test.describe.serial('hostile content, secrets and bad input', () => {
  const serviceDir = mkdtempSync(join(tmpdir(), 'parley-sec-service-'));
  let emulator: Emulator;
  let shell: RunningShell;
  let bridge: BridgeClient;
  let other: ChatUser;
  let accountId = '';
  let token = '';
  let payloadThreadId = '';

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    emulator = await startEmulator({ dataDir: serviceDir, rateLimits: false });
    shell = await startBrowserShell({ env: { NODE_EXTRA_CA_CERTS: join(serviceDir, 'ca.pem') } });
    bridge = await connectBridge(shell.origin, shell.token);
    const me = emulator.createUser();
    other = createChatUser(emulator);
    token = emulator.issueToken(me, ['chat'], 1440).token;
    accountId = (await bridge.call('signInWithToken', { endpoint: emulator.endpoint, token, displayName: 'Mina' })).id;

    const participants = [{ id: { communicationUserId: me }, displayName: hostileNames[0] }];
    payloadThreadId = (await other.chat.createChatThread({ topic: 'Payloads' }, { participants })).chatThread!.id;
    const thread = other.chat.getChatThreadClient(payloadThreadId);
    for (const [index, payload] of payloads.entries()) {
      await thread.sendMessage({ content: payload.text }, { type: index % 4 === 3 ? 'text' : 'html', senderDisplayName: hostileNames[index % hostileNames.length] });
    }
    for (const topic of hostileTopics) {
      await other.chat.createChatThread({ topic: topic.text.slice(0, 250) }, { participants });
    }
    await bridge.call('syncNow', { accountId });
    await expect
      .poll(async () => (await bridge.call('listMessages', { accountId, threadId: payloadThreadId, limit: 500 })).messages.length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(payloads.length);
    await expect.poll(async () => (await bridge.call('listThreads', { accountId })).length, { timeout: 30_000 }).toBe(hostileTopics.length + 1);
  });

  test.afterAll(async () => {
    bridge?.close();
    await shell?.stop();
    await emulator?.stop();
    rmSync(serviceDir, { recursive: true, force: true });
  });

  test(`none of ${payloads.length} script-injection payloads runs, and rendering fetches nothing`, async ({ page }) => {
    test.setTimeout(180_000);
    expect(payloads.length).toBeGreaterThanOrEqual(100);
    const watch = await instrument(page, shell.origin);
    await page.goto(shell.url);
    // The thread list is virtualised and the hostile topics are newer: reach "Payloads" through the quick switcher.
    await expect(page.getByRole('listbox', { name: 'Conversations' })).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Conversation name' }).fill('Payloads');
    await page.keyboard.press('Enter');
    const messages = page.getByRole('region', { name: 'Messages' });
    await expect(messages.getByRole('article').first()).toBeVisible();
    await messages.hover();
    // Scroll to the very first message (the creation's system message), a viewport at a time, so
    // that every payload passes through the rendered window of the virtual list.
    const creation = messages.getByText(/joined the conversation|added/).first();
    for (let step = 0; step < 300 && !(await creation.isVisible()); step += 1) {
      await page.mouse.wheel(0, -500);
      await page.waitForTimeout(30);
    }
    await expect(creation).toBeVisible();
    // Every thread with a hostile topic, then the quick switcher and search, which render topics and snippets.
    // The list draws only the rows on screen: reach each by its position, scrolling the list as needed.
    const threadList = page.getByRole('listbox', { name: 'Conversations' });
    const total = Number(await threadList.getByRole('option').first().getAttribute('aria-setsize'));
    expect(total).toBeGreaterThan(hostileTopics.length);
    await threadList.hover();
    for (let position = 1; position <= total; position += 1) {
      const option = threadList.locator(`[role="option"][aria-posinset="${position}"]`);
      for (let step = 0; step < 50 && !(await option.isVisible()); step += 1) await page.mouse.wheel(0, 200);
      await option.click();
    }
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Conversation name' }).fill('img');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+f');
    await page.getByRole('combobox', { name: 'Search messages' }).fill('Hello');
    await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
    await page.keyboard.press('Escape');

    expect(await watch.executed()).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    console.log(
      `[security.spec] payloads tried: ${payloads.length} messages + ${hostileTopics.length} topics + ${hostileNames.length} display names; executed: 0; foreign requests: 0`,
    );
  });

  test('no token, key or connection string reaches the renderer, its storage or any api answer', async ({ page }) => {
    await page.goto(shell.url);
    // The thread list is drawn (virtualised: "Payloads", the oldest, may lie below the rows drawn).
    await expect(page.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first()).toBeVisible();
    const storage = await page.evaluate(async () => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookies: document.cookie,
      databases: JSON.stringify(await indexedDB.databases()),
      html: document.documentElement.outerHTML,
    }));
    const answers = JSON.stringify([
      await bridge.call('getAccountState'),
      await bridge.call('listThreads', { accountId }),
      await bridge.call('getSyncState', { accountId }),
      await bridge.call('getDataStatus'),
      bridge.events,
    ]);
    const secretParts = [...token.split('.').filter((part) => part.length > 20), emulator.accessKey];
    for (const part of secretParts) {
      for (const [where, text] of Object.entries({ ...storage, answers })) expect(text.includes(part), `secret found in ${where}`).toBe(false);
    }
  });

  test('every api method called from the page with malformed input answers a typed error, and main keeps working', async ({ page }) => {
    await page.goto(shell.url);
    // The thread list is drawn (virtualised: "Payloads", the oldest, may lie below the rows drawn).
    await expect(page.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first()).toBeVisible();
    const outcome = await page.evaluate(async () => {
      const parley = window.parley as unknown as Record<string, (input?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>;
      const junk: unknown[] = [null, 42, 'text', [], [{}], { accountId: 7 }, { accountId: {}, threadId: [] }, { accountId: 'x'.repeat(100_000) }, { surprise: true }];
      let calls = 0;
      const accepted: string[] = [];
      const codes = new Set<string>();
      for (const method of Object.keys(parley).filter((name) => name !== 'on')) {
        for (const input of junk) {
          const result = await parley[method]!(input);
          calls += 1;
          if (result.ok) accepted.push(`${method}(${JSON.stringify(input).slice(0, 40)})`);
          else codes.add(result.error!.code);
        }
      }
      return { calls, accepted, codes: [...codes] };
    });
    expect(outcome.accepted).toEqual([]);
    expect(outcome.codes).toEqual(['invalid-input']);
    expect(outcome.calls).toBeGreaterThan(300);
    expect((await bridge.call('getAppInfo')).name).toBe('Parley');
    console.log(`[security.spec] page-side fuzz: ${outcome.calls} malformed calls, 0 accepted, shell alive`);
  });

  test('bad input at sign-in gets a clear message at its field, and keeps what was typed', async ({ page }) => {
    const fresh = await startBrowserShell();
    try {
      await page.goto(fresh.url);
      await page.getByRole('button', { name: 'Sign in' }).first().waitFor();
      const endpoint = page.getByRole('textbox', { name: 'Endpoint' });
      const tokenField = page.getByRole('textbox', { name: 'User access token' });
      const displayName = page.getByRole('textbox', { name: 'Your display name' });
      const cases: Array<{ endpoint: string; token: string; field: typeof endpoint }> = [
        { endpoint: 'not a url', token: token, field: endpoint },
        { endpoint: 'http://contoso.communication.azure.com/', token: token, field: endpoint },
        { endpoint: 'https://contoso.communication.azure.com/', token: 'not-a-token', field: tokenField },
        { endpoint: 'https://contoso.communication.azure.com/', token: 'a.b.c', field: tokenField },
      ];
      for (const entry of cases) {
        await endpoint.fill(entry.endpoint);
        await tokenField.fill(entry.token);
        await displayName.fill('Mina');
        await page.getByRole('button', { name: 'Sign in', exact: true }).last().click();
        await expect(entry.field).toHaveAttribute('aria-invalid', 'true');
        await expect(endpoint).toHaveValue(entry.endpoint);
        await expect(tokenField).toHaveValue(entry.token);
      }
      await page.getByRole('radio', { name: 'Connection string' }).click();
      const connection = page.getByRole('textbox', { name: 'Connection string' });
      for (const bad of ['endpoint=https://x/;accesskey=', 'accesskey=abc;endpoint=https://x/', 'hello']) {
        await connection.fill(bad);
        await page.getByRole('textbox', { name: 'Your display name' }).fill('Mina');
        await page.getByRole('button', { name: 'Sign in', exact: true }).last().click();
        await expect(connection).toHaveAttribute('aria-invalid', 'true');
        await expect(connection).toHaveValue(bad);
      }
    } finally {
      await fresh.stop();
    }
  });

  test('an empty or over-size message is refused before sending, and the typed text stays', async ({ page }) => {
    await page.goto(shell.url);
    // The thread list is virtualised and the hostile topics are newer: reach "Payloads" through the quick switcher.
    await expect(page.getByRole('listbox', { name: 'Conversations' })).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Conversation name' }).fill('Payloads');
    await page.keyboard.press('Enter');
    const composer = page.getByRole('textbox', { name: 'Message' });
    const huge = 'x'.repeat(29 * 1024);
    await composer.fill(huge);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText(/at most|too long|KB/i).first()).toBeVisible();
    await expect(composer).toHaveText(huge, { useInnerText: true });
    const before = emulator.inspect.messages(payloadThreadId).length;
    await composer.fill('   ');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(composer).toHaveText('   ', { useInnerText: true });
    expect(emulator.inspect.messages(payloadThreadId).length).toBe(before);
  });
});
