// Synthetic log text for the scrubber benchmark: realistic clean lines (requests, usage, ids, hashes, model
// names, stack frames) and secret-dense lines, from a seeded generator so every run scans the same bytes.

export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const hexDigits = '0123456789abcdef';

export function createLogWriter(seed: number) {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chars = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)];
    return out;
  };
  const int = (max: number) => Math.floor(random() * max);
  const uuid = () => `${chars(hexDigits, 8)}-${chars(hexDigits, 4)}-4${chars(hexDigits, 3)}-a${chars(hexDigits, 3)}-${chars(hexDigits, 12)}`;
  const time = () => `2026-12-0${1 + int(3)}T${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}.${String(int(1000)).padStart(3, '0')}Z`;
  const models = ['claude-sonnet-4-5', 'gpt-4.1-mini', 'gemini-2.5-flash', 'deepseek-reasoner', 'grok-4', 'llama-3.3-70b-versatile', 'o4-mini'];
  const providers = ['anthropic', 'openai', 'gemini', 'deepseek', 'xai', 'groq', 'openrouter'];
  const paths = ['/v1/messages', '/v1/chat/completions', '/v1/models', '/api/v1/key', '/v1beta/models/gemini-2.5-flash:generateContent'];

  const clean: (() => string)[] = [
    () => `${time()} INFO  request id=${uuid()} provider=${pick(providers)} model=${pick(models)} status=200 latency_ms=${int(3000)}`,
    () => `${time()} DEBUG usage prompt_tokens=${int(9000)} completion_tokens=${int(2000)} total_tokens=${int(11000)} cache_read_tokens=${int(500)} max_tokens=4096`,
    () => `127.0.0.1 - - [03/Dec/2026:19:${int(60)}:${int(60)} +0000] "POST ${pick(paths)} HTTP/1.1" ${pick([200, 200, 200, 429, 401, 500])} ${int(40000)} "-" "nome-code/0.${int(9)}.${int(20)}"`,
    () => `${time()} INFO  build ${chars(hexDigits, 40)} deployed to ${pick(['eu-west-1', 'us-east-2'])} in ${int(300)}s (cache key ${chars(hexDigits, 12)})`,
    () => `{"ts":"${time()}","level":"info","msg":"turn finished","turn":"${uuid()}","lane":"${pick(['credits', 'byok', 'local'])}","model":"${pick(models)}","credits":${(random() * 40).toFixed(3)}}`,
    () => `${time()} WARN  provider ${pick(providers)} answered 429 rate_limit_exceeded; retry-after=${int(30)}s request_id=req_${chars(alnum, 24)}`,
    () => `    at ${pick(['Object.<anonymous>', 'processTicksAndRejections', 'KeyVault.seal', 'Router.invoke'])} (/app/dist/${pick(['index', 'core', 'router'])}.js:${int(900)}:${int(80)})`,
    () => `${time()} INFO  integrity sha512-${chars(alnum, 86)}== etag "${chars(hexDigits, 32)}"`,
  ];

  const dense: (() => string)[] = [
    () => `${time()} DEBUG headers x-api-key: sk-ant-api03-${chars(alnum, 93)}AA anthropic-version: 2023-06-01`,
    () => `${time()} DEBUG curl -H "Authorization: Bearer sk-proj-${chars(alnum, 58)}T3BlbkFJ${chars(alnum, 58)}" ${pick(paths)}`,
    () => `${time()} INFO  GET https://generativelanguage.googleapis.com/v1beta/models?key=AIza${chars(alnum, 35)} -> 200`,
    () => `export OPENROUTER_API_KEY=sk-or-v1-${chars(hexDigits, 64)} GITHUB_TOKEN=ghp_${chars(alnum, 36)}`,
    () => `${time()} DEBUG postgres://app:${chars(alnum, 16)}@db.internal:5432/app aws_secret_access_key=${chars(alnum, 40)}`,
    () => `Cookie: theme=dark; session=eyJ${chars(alnum, 30)}.eyJ${chars(alnum, 60)}.${chars(alnum, 43)}; csrf=${chars(alnum, 32)}`,
    () => `${time()} ERROR xai rejected xai-${chars(alnum, 80)} slack xoxb-${int(1e12)}-${int(1e12)}-${chars(alnum, 24)}`,
  ];

  return {
    clean: () => pick(clean)(),
    dense: () => pick(dense)(),
    secret: () => `sk-ant-api03-${chars(alnum, 93)}AA`,
    chars,
    pick,
  };
}

/** About `bytes` of text, one line at a time from `line`. */
export function generate(bytes: number, line: () => string): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const next = line();
    parts.push(next);
    size += next.length + 1;
  }
  return parts.join('\n');
}
