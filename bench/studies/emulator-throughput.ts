import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ChatClient } from '@azure/communication-chat';
import type { ChatThreadClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { sdkClientOptions } from '../../emulator/test-support/sdk-clients.ts';

/**
 * Requests per second the emulator sustains for send-message and list-messages, driven through the
 * official SDK by concurrent workers. The emulator runs in its own process (rate limits off) so
 * the client's CPU is not counted against it.
 *
 *   node bench/studies/emulator-throughput.ts [--concurrency 16] [--seconds 5]
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const concurrency = option('concurrency', 16);
const seconds = option('seconds', 5);

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

async function measure(label: string, operation: () => Promise<unknown>): Promise<void> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const begin = performance.now();
        try {
          await operation();
          latencies.push(performance.now() - begin);
        } catch {
          failures++;
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    [
      label.padEnd(34),
      `${(latencies.length / elapsedSeconds).toFixed(0).padStart(6)} req/s`,
      `p50 ${percentile(latencies, 0.5).toFixed(1)} ms`,
      `p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
      `${latencies.length} ok, ${failures} failed`,
    ].join('  '),
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'parley-emulator-bench-'));
const server = spawn(process.execPath, [join(import.meta.dirname, 'cli.ts'), '--port', '0', '--data', dataDir, '--no-rate-limits'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const connectionString = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', resolve);
    server.once('exit', () => reject(new Error('the emulator exited early')));
  });
  const endpoint = /endpoint=([^;]+);/.exec(connectionString)?.[1] ?? '';
  const options = sdkClientOptions(readFileSync(join(dataDir, 'ca.pem'), 'utf8'));
  const identity = new CommunicationIdentityClient(connectionString, options);
  const { token } = await identity.createUserAndToken(['chat']);
  const chat = new ChatClient(endpoint, new AzureCommunicationTokenCredential(token), options);
  const threadId = (await chat.createChatThread({ topic: 'Benchmark' })).chatThread?.id ?? '';
  const thread: ChatThreadClient = chat.getChatThreadClient(threadId);

  console.log(`concurrency ${concurrency}, ${seconds} s per figure, Node ${process.version}, emulator in a separate process`);
  let sent = 0;
  await measure('send message', () => thread.sendMessage({ content: `benchmark message ${sent++}` }));
  await measure('list messages (first page of 50)', async () => {
    const pages = thread.listMessages({ maxPageSize: 50 }).byPage();
    await pages.next();
  });
  await measure('list messages (startTime, delta)', async () => {
    const pages = thread.listMessages({ maxPageSize: 50, startTime: new Date(Date.now() - 1000) }).byPage();
    await pages.next();
  });
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
