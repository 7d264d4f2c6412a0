// Writes the packaging icons into build/ from the same drawing the tray uses at run time:
//   node build/generate-icons.ts
// build/ is electron-builder's resources folder and is not part of the app bundle (files: out/**).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIco, renderAppIcon } from '../src-main/shell/electron/app-icon.ts';

const here = import.meta.dirname;

// macOS and Linux: electron-builder derives .icns and the hicolor sizes from a large PNG (at least 512×512).
writeFileSync(join(here, 'icon.png'), renderAppIcon(1024));
// Windows: an .ico with the sizes Explorer and the taskbar ask for.
writeFileSync(join(here, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: renderAppIcon(size) }))));
console.log('wrote build/icon.png (1024×1024) and build/icon.ico (16–256)');
