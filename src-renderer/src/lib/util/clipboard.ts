import type { Translate } from '../i18n/translate.ts';

/** Puts text on the clipboard; answers the sentence to show beside the button ("Copied", or why it could not). */
export async function copyToClipboard(text: string, t: Translate): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return t('messages.copied');
  } catch {
    return t('messages.copyFailed');
  }
}
