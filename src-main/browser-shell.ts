// The browser shell's entry. Compiled code (the ACS SDKs above all) is cached on disk before anything
// else loads, so later starts skip most of the parsing; then the shell itself is loaded.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./browser-shell-main.ts');
