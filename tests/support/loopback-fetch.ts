// A fetch that reaches loopback only: tests never touch the internet (the status pages a core would read,
// for one, are on it), and a request that tries fails at once like an offline machine instead of hanging.
export const loopbackOnlyFetch: typeof fetch = (input, init) =>
  String(input instanceof Request ? input.url : input).startsWith('http://127.0.0.1:')
    ? globalThis.fetch(input, init)
    : Promise.reject(new TypeError('fetch failed: no internet in tests'));
