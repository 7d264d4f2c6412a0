/**
 * Which certificate authorities the SDK clients trust. Real ACS uses the system's; the embedded
 * emulator's own CA is added for the local demo only.
 */
export interface TlsTrust {
  clientOptions(): { tlsOptions?: { ca: string } };
}

export const systemTlsTrust: TlsTrust = { clientOptions: () => ({}) };

/** One options object per CA: the SDK's HTTP client caches its TLS agents by that object's identity. */
export function extraCaTrust(caPem: string): TlsTrust {
  const options = { tlsOptions: { ca: caPem } };
  return { clientOptions: () => options };
}
