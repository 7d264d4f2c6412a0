import { createContext } from 'svelte';
import type { I18n } from './i18n/i18n.svelte.ts';
import type { AppState } from './state/app-state.svelte.ts';

/**
 * What every screen shares: the language and the app state. The root sets them once, and any
 * component reads them where it needs them instead of passing them down through each layer.
 * A component mounted without its root fails on first use, naming what is missing.
 */
const [getI18nContext, setI18nContext] = createContext<I18n>();
const [getAppStateContext, setAppStateContext] = createContext<AppState>();

export const getI18n = getI18nContext;
export const getAppState = getAppStateContext;

/** Called once, while the root component initialises. */
export function provideAppContext(app: AppState, i18n: I18n): void {
  setAppStateContext(app);
  setI18nContext(i18n);
}
