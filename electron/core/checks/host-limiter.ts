// A per-host concurrency limit: at most N checks talk to one origin at a time, any number to different ones.

export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

export function createHostLimiter(limit: number): HostLimiter {
  const hosts = new Map<string, { active: number; waiting: (() => void)[] }>();
  return {
    async run(host, task) {
      let slot = hosts.get(host);
      if (!slot) hosts.set(host, (slot = { active: 0, waiting: [] }));
      const current = slot;
      if (current.active >= limit) await new Promise<void>((resolve) => current.waiting.push(resolve));
      current.active += 1;
      try {
        return await task();
      } finally {
        current.active -= 1;
        const next = current.waiting.shift();
        if (next) next();
        else if (current.active === 0) hosts.delete(host);
      }
    },
  };
}
