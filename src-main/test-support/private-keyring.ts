import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A D-Bus session bus and a GNOME Keyring of this test file's own, so a test can lock the keyring
 * or stop its daemon without touching the keyring every other test shares. The bus has no service
 * files: a stopped daemon stays stopped (a desktop's bus could start another, locked, one).
 */
export interface PrivateKeyring {
  /** Locks the login collection, as the desktop does after a timeout or on screen lock. */
  lock(): void;
  /** Stops the Secret Service daemon (SIGTERM to the process this helper started). */
  stopDaemon(): Promise<void>;
  close(): Promise<void>;
}

const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`;

function missingTools(): string[] {
  return ['dbus-daemon', 'gnome-keyring-daemon', 'dbus-send'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

async function waitForName(env: NodeJS.ProcessEnv, name: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = spawnSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`],
      {
        env,
        encoding: 'utf8',
      },
    );
    if (/boolean true/.test(answer.stdout)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not appear on the private bus`);
}

/**
 * Starts the bus and an unlocked keyring and points this process at them (DBUS_SESSION_BUS_ADDRESS),
 * which must happen before anything here talks to a keychain. Answers a reason instead when the
 * tools are missing.
 */
export async function startPrivateKeyring(): Promise<PrivateKeyring | { skip: string }> {
  const missing = missingTools();
  if (missing.length > 0) return { skip: `${missing.join(', ')} not installed` };
  const home = mkdtempSync(join(tmpdir(), 'parley-keyring-'));
  writeFileSync(join(home, 'bus.xml'), BUS_CONFIG);
  const bus = spawn('dbus-daemon', [`--config-file=${join(home, 'bus.xml')}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const [address] = (await once(bus.stdout!, 'data')) as [Buffer];
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address.toString().trim(), XDG_DATA_HOME: home, XDG_RUNTIME_DIR: home };
  const daemon: ChildProcess = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  daemon.stdin!.end('throwaway-password');
  await waitForName(env, 'org.freedesktop.secrets');
  process.env.DBUS_SESSION_BUS_ADDRESS = env.DBUS_SESSION_BUS_ADDRESS;

  const stop = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  return {
    lock() {
      const answer = spawnSync(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.secrets',
          '/org/freedesktop/secrets',
          'org.freedesktop.Secret.Service.Lock',
          'array:objpath:/org/freedesktop/secrets/collection/login',
        ],
        { env, encoding: 'utf8' },
      );
      if (answer.status !== 0) throw new Error(`could not lock the keyring: ${answer.stderr}`);
    },
    stopDaemon: () => stop(daemon),
    async close() {
      await stop(daemon);
      await stop(bus);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
