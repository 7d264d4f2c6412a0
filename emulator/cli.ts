import { writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from './index.ts';

const USAGE = `Usage: node emulator/cli.ts [--port <n>] [--data <dir>] [--access-key <base64>] [--seed-demo]
                           [--demo-activity <seconds>] [--no-rate-limits] [--memory]`;

function defaultDataDir(): string {
  const base = process.env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'parley-emulator');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        'access-key': { type: 'string' },
        'seed-demo': { type: 'boolean', default: false },
        'demo-activity': { type: 'string' },
        'no-rate-limits': { type: 'boolean', default: false },
        memory: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const port = values.port === undefined ? 8443 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid --port '${values.port}'.`);
if (values.memory && values.data !== undefined) fail('--memory and --data exclude each other.');
const demoActivitySeconds = values['demo-activity'] === undefined ? undefined : Number(values['demo-activity']);
if (demoActivitySeconds !== undefined && !(demoActivitySeconds > 0)) fail(`Invalid --demo-activity '${values['demo-activity']}'.`);

const dataDir = values.memory ? undefined : (values.data ?? defaultDataDir());
const emulator = await startEmulator({
  port,
  ...(dataDir === undefined ? {} : { dataDir }),
  ...(values['access-key'] === undefined ? {} : { accessKey: values['access-key'] }),
  seedDemo: values['seed-demo'],
  rateLimits: !values['no-rate-limits'],
  ...(demoActivitySeconds === undefined ? {} : { demoActivity: { intervalMs: demoActivitySeconds * 1000 } }),
}).catch((error: unknown) => fail(`Could not start the emulator: ${error instanceof Error ? error.message : String(error)}`));

process.stdout.write(`${emulator.connectionString}\n`);
if (dataDir === undefined) {
  // Nothing is kept in memory mode, but clients still need the CA to trust.
  const caPath = join(tmpdir(), `parley-emulator-${emulator.port}-ca.pem`);
  writeFileSync(caPath, emulator.caPem);
  process.stderr.write(`ca: ${caPath}\n`);
} else {
  process.stderr.write(`ca: ${join(dataDir, 'ca.pem')}\n`);
}
if (emulator.demo) process.stderr.write(`demo: me=${emulator.demo.meUserId}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
