// What identifies "the network" for re-checking keys: the non-internal interface addresses, sorted.
// Pure over the shape of `os.networkInterfaces()`, so both the Electron and the Node hosts share it.

export interface InterfaceAddress {
  readonly address: string;
  readonly internal: boolean;
}

export function networkSignature(interfaces: Readonly<Record<string, readonly InterfaceAddress[] | undefined>>): string {
  return Object.entries(interfaces)
    .flatMap(([name, addresses]) => (addresses ?? []).filter((a) => !a.internal).map((a) => `${name}:${a.address}`))
    .sort()
    .join(',');
}
