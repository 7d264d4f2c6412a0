// keytar as it is where its native part cannot load (built for another system, or libsecret missing): the
// dynamic loader refuses the addon, exactly where keytar's own `require` of its `.node` file fails.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export default require('./unloadable-keytar.node') as unknown;
