// A stand-in for fpm (which electron-builder downloads from GitHub) for the deb target only: it reads
// the fpm command line electron-builder composed and builds the same package with Debian's dpkg-deb.
// The control fields, the maintainer scripts and the file layout are all electron-builder's own choices;
// only the archiver differs. Used by packaging.test.ts through CUSTOM_FPM_PATH.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    s: { type: 'string' },
    t: { type: 'string' },
    force: { type: 'boolean' },
    d: { type: 'string', multiple: true },
    'deb-recommends': { type: 'string', multiple: true },
    'deb-compression': { type: 'string' },
    'deb-priority': { type: 'string' },
    architecture: { type: 'string' },
    'after-install': { type: 'string' },
    'after-remove': { type: 'string' },
    description: { type: 'string' },
    version: { type: 'string' },
    package: { type: 'string' },
    name: { type: 'string' },
    maintainer: { type: 'string' },
    vendor: { type: 'string' },
    url: { type: 'string' },
    license: { type: 'string' },
    category: { type: 'string' },
  },
});

if (values.s !== 'dir' || values.t !== 'deb') throw new Error(`this stand-in builds only -s dir -t deb, not -s ${values.s} -t ${values.t}`);
const required = (name: keyof typeof values): string => {
  const value = values[name];
  if (typeof value !== 'string') throw new Error(`fpm was called without --${name}`);
  return value;
};

const root = mkdtempSync(join(tmpdir(), 'parley-deb-'));
try {
  for (const mapping of positionals) {
    const [source, target] = mapping.split('=') as [string, string];
    const destination = join(root, target);
    mkdirSync(dirname(destination), { recursive: true });
    if (source.endsWith('/')) cpSync(source, destination, { recursive: true, verbatimSymlinks: true });
    else copyFileSync(source, destination);
  }
  const control = join(root, 'DEBIAN');
  mkdirSync(control);
  const [synopsis, ...details] = required('description').split('\n');
  const fields: Array<[string, string | undefined]> = [
    ['Package', required('name')],
    ['Version', required('version')],
    ['Architecture', required('architecture')],
    ['Maintainer', required('maintainer')],
    ['Depends', values.d?.join(', ')],
    ['Recommends', values['deb-recommends']?.join(', ')],
    ['Section', values.category],
    ['Priority', values['deb-priority']],
    ['Homepage', required('url')],
    ['Description', [synopsis, ...details.map((line) => ` ${line.trim() || '.'}`)].join('\n')],
  ];
  writeFileSync(join(control, 'control'), fields.flatMap(([field, value]) => (value ? [`${field}: ${value}`] : [])).join('\n') + '\n');
  for (const [script, file] of [
    ['postinst', values['after-install']],
    ['postrm', values['after-remove']],
  ] as const) {
    if (!file) continue;
    copyFileSync(file, join(control, script));
    chmodSync(join(control, script), 0o755);
  }
  // Level 1 keeps the test quick; the archive format and contents are those of the real package.
  execFileSync('dpkg-deb', ['--build', '--root-owner-group', `-Z${values['deb-compression'] ?? 'xz'}`, '-z1', root, required('package')], { stdio: 'inherit' });
} finally {
  rmSync(root, { recursive: true, force: true });
}
