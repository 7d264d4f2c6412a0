/** One untrusted frame from the page, reduced to what the dispatcher needs to validate further. */
export interface UntrustedCall {
  id: number;
  method: unknown;
  input: unknown;
}

/** Anything that is not a call with a usable id is null: there is no one to answer. */
export function parseBridgeCall(text: string): UntrustedCall | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { type, id, method, input } = message as Record<string, unknown>;
  if (type !== 'call' || typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return { id, method, input };
}
