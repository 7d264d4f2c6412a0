/**
 * Which certificate authorities the SDK clients trust. Real ACS uses the system's; the embedded
 * emulator's own CA is added for the local demo only.
 */
export interface TlsTrust {
  clientOptions(): { tlsOptions?: { ca: string } };
}

export const systemTlsTrust: TlsTrust = { clientOptions: () => ({}) };

export function extraCaTrust(caPem: string): TlsTrust {
  return { clientOptions: () => ({ tlsOptions: { ca: caPem } }) };
}
