// One short GET to a loopback server: deadline, no redirects, a capped body. Failures become values, never throws.

export type ProbeAnswer =
  | { readonly kind: 'answer'; readonly status: number; readonly body: unknown; readonly text: string }
  | { readonly kind: 'refused' | 'timeout' | 'error' };

const bodyCap = 1024 * 1024;

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > bodyCap) {
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function isRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return cause?.code === 'ECONNREFUSED' || cause?.code === 'ECONNRESET' || /ECONNREFUSED|ERR_CONNECTION_REFUSED/.test(String(error));
}

export async function probeGet(fetchPort: typeof fetch, url: string, timeoutMs: number): Promise<ProbeAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchPort(url, { method: 'GET', redirect: 'manual', signal, headers: { accept: 'application/json' } });
    const text = await readCapped(response);
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { kind: 'answer', status: response.status, body, text };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    return { kind: isRefused(error) ? 'refused' : 'error' };
  }
}
