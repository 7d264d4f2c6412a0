import { describe, expect, it } from 'vitest';
import { electronLaunch, exitCodeOf } from './electron-launch.ts';

describe('electronLaunch', () => {
  const base = { root: '/src/parley', args: ['--inspect-nothing'], env: { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' } };

  it('adds --no-sandbox only when running as root', () => {
    expect(electronLaunch({ ...base, isRoot: true }).args).toEqual(['/src/parley', '--no-sandbox', '--inspect-nothing']);
    expect(electronLaunch({ ...base, isRoot: false }).args).toEqual(['/src/parley', '--inspect-nothing']);
  });

  it('drops ELECTRON_RUN_AS_NODE from the child environment and keeps the rest', () => {
    const { env } = electronLaunch({ ...base, isRoot: false });
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect(base.env.ELECTRON_RUN_AS_NODE).toBe('1');
  });
});

describe('exitCodeOf', () => {
  it('passes an exit code through', () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(3, null)).toBe(3);
  });

  it('reports a death by signal as failure, the way shells number it', () => {
    expect(exitCodeOf(null, 'SIGKILL')).toBe(137);
    expect(exitCodeOf(null, 'SIGSEGV')).toBe(139);
  });
});
