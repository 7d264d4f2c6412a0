/**
 * The official ACS SDKs, loaded on first need rather than at start-up: they are most of what a cold
 * start would otherwise parse, and the window can be drawn from the cache without them.
 */
export interface AcsSdk {
  chat: typeof import('@azure/communication-chat');
  common: typeof import('@azure/communication-common');
  identity: typeof import('@azure/communication-identity');
}

let loading: Promise<AcsSdk> | undefined;
let loaded: AcsSdk | undefined;

export function loadSdk(): Promise<AcsSdk> {
  loading ??= Promise.all([import('@azure/communication-chat'), import('@azure/communication-common'), import('@azure/communication-identity')]).then(
    ([chat, common, identity]) => (loaded = { chat, common, identity }),
  );
  return loading;
}

/** The SDKs, for code that only runs once a session exists (and so after `loadSdk`). */
export function sdk(): AcsSdk {
  if (!loaded) throw new Error('The ACS SDKs were used before loadSdk() finished.');
  return loaded;
}
