import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../../electron/core/scrub/scrubber';
import { body, leaks, readCorpus } from './scrub-support';

const scrubber = createScrubber();
const hex = '0123456789abcdef';

describe('the dev corpus', () => {
  const { lines } = readCorpus();
  const positives = lines.filter((line) => line.secret !== null);
  const negatives = lines.filter((line) => line.secret === null);

  it.each(positives.map((line) => [line.id, line] as const))('%s: no piece of the secret survives', (_id, line) => {
    const output = scrubber.scrub(line.text);
    expect(output).not.toContain(line.secret);
    expect(leaks(line.text, line.secret!, output)).toEqual([]);
  });

  it('at least 97% of the negatives come through unchanged', () => {
    const changed = negatives.filter((line) => scrubber.scrub(line.text) !== line.text).map((line) => line.id);
    expect(changed.length / negatives.length).toBeLessThanOrEqual(0.03);
    expect(changed).toEqual([]); // today all of them do; a change here is worth a look
  });
});

/** [case name, input, the secret that must go, the text the replacement shows]. */
const rules: [string, string, string, string][] = [
  ['anthropic api key', `x-api-key: sk-ant-api03-${body(93)}AA`, `sk-ant-api03-${body(93)}AA`, 'sk-ant-…[redacted:anthropic]'],
  ['anthropic oauth token', `token sk-ant-oat01-${body(80)}`, `sk-ant-oat01-${body(80)}`, 'sk-ant-…[redacted:anthropic]'],
  ['openai project key', `key sk-proj-${body(58)}T3BlbkFJ${body(58, undefined, 3)}`, `sk-proj-${body(58)}T3BlbkFJ${body(58, undefined, 3)}`, 'sk-proj-…[redacted:openai]'],
  ['openai admin key', `using sk-admin-${body(58)}T3BlbkFJ${body(58, undefined, 4)} now`, `sk-admin-${body(58)}T3BlbkFJ${body(58, undefined, 4)}`, 'sk-admin-…[redacted:openai]'],
  ['legacy openai key', `k=sk-${body(20)}T3BlbkFJ${body(20, undefined, 5)}`, `sk-${body(20)}T3BlbkFJ${body(20, undefined, 5)}`, 'sk-…[redacted:openai]'],
  ['openai key glued to a hyphenated word', `turn-sk-proj-${body(58)}T3BlbkFJ${body(58, undefined, 3)}`, `sk-proj-${body(58)}T3BlbkFJ${body(58, undefined, 3)}`, 'turn-sk-proj-…[redacted:openai]'],
  ['xai key glued to a hyphenated word', `turn-xai-${body(80)}`, `xai-${body(80)}`, 'turn-xai-…[redacted:xai]'],
  ['deepseek key', `deepseek sk-${body(32, hex)}`, `sk-${body(32, hex)}`, 'sk-…[redacted:api-key]'],
  ['openrouter key', `or sk-or-v1-${body(64, hex)}`, `sk-or-v1-${body(64, hex)}`, 'sk-or-…[redacted:openrouter]'],
  ['xai key', `xai-${body(80)} in use`, `xai-${body(80)}`, 'xai-…[redacted:xai]'],
  ['gemini key', `?key=AIza${body(35)}&alt=sse`, `AIza${body(35)}`, 'AIza…[redacted:google]'],
  ['gemini auth key', `GEMINI_KEY ${'AQ'}.Ac${body(45)} set`, `${'AQ'}.Ac${body(45)}`, 'AQ.…[redacted:google]'],
  ['gemini auth key with the reported IQ. prefix', `key: ${'IQ'}.${body(40)}`, `${'IQ'}.${body(40)}`, 'IQ.…[redacted:google]'],
  ['google oauth access token', `tok ya29.${body(60)}`, `ya29.${body(60)}`, 'ya29.…[redacted:google]'],
  ['groq key', `gsk_${body(52)}`, `gsk_${body(52)}`, 'gsk_…[redacted:groq]'],
  ['perplexity key', `pplx-${body(48)}`, `pplx-${body(48)}`, 'pplx-…[redacted:perplexity]'],
  ['hugging face token', `--token hf_${body(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`, `hf_${body(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`, 'hf_…[redacted:huggingface]'],
  ['aws access key id', `id AKIA${body(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, `AKIA${body(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, 'AKIA…[redacted:aws]'],
  ['aws secret access key by name', `aws_secret_access_key = ${body(40)}`, body(40), '[redacted:secret]'],
  ['github token', `ghp_${body(36)}`, `ghp_${body(36)}`, 'ghp_…[redacted:github]'],
  ['github fine-grained token', `github_pat_${body(22)}_${body(59)}`, `github_pat_${body(22)}_${body(59)}`, 'github_pat_…[redacted:github]'],
  ['gitlab token', `PRIVATE-TOKEN: glpat-${body(20)}`, `glpat-${body(20)}`, 'glpat-…[redacted:gitlab]'],
  ['slack bot token', `xoxb-${body(12, '0123456789')}-${body(13, '0123456789')}-${body(24)}`, `xoxb-${body(12, '0123456789')}-${body(13, '0123456789')}-${body(24)}`, 'xoxb-…[redacted:slack]'],
  ['slack webhook', `POST https://hooks.slack.com/services/T${body(8)}/B${body(8)}/${body(24)}`, `T${body(8)}/B${body(8)}/${body(24)}`, 'hooks.slack.com/services/…[redacted:slack]'],
  ['stripe secret key', `sk_live_${body(99)}`, `sk_live_${body(99)}`, 'sk_live_…[redacted:stripe]'],
  ['stripe restricted key', `rk_test_${body(40)}`, `rk_test_${body(40)}`, 'rk_test_…[redacted:stripe]'],
  ['npm token', `//registry.npmjs.org/:_authToken=npm_${body(36)}`, `npm_${body(36)}`, 'npm_…[redacted:npm]'],
  ['pypi token', `pypi-AgEIcHlwaS5vcmc${body(70)}`, `pypi-AgEIcHlwaS5vcmc${body(70)}`, 'pypi-…[redacted:pypi]'],
  ['jwt', `id_token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${body(43)}`, `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${body(43)}`, 'eyJ…[redacted:jwt]'],
  ['pem private key on one line', `key=-----BEGIN PRIVATE KEY-----\\n${body(64)}\\n${body(30)}==\\n-----END PRIVATE KEY----- loaded`, `${body(64)}\\n${body(30)}==`, '-----BEGIN PRIVATE KEY-----…[redacted:private-key] loaded'],
  ['pem private key over lines', `-----BEGIN EC PRIVATE KEY-----\n${body(64)}\n${body(20)}\n-----END EC PRIVATE KEY-----`, body(64), '-----BEGIN EC PRIVATE KEY-----…[redacted:private-key]'],
  ['bearer header', `Authorization: Bearer ${body(40)}`, body(40), 'Authorization: Bearer [redacted:bearer]'],
  ['bearer with a provider key', `Authorization: Bearer sk-proj-${body(70)}`, `sk-proj-${body(70)}`, 'Authorization: Bearer sk-proj-…[redacted:openai]'],
  ['basic header', `Authorization: Basic ${Buffer.from(`user:${body(12)}`).toString('base64')}`, Buffer.from(`user:${body(12)}`).toString('base64'), 'Authorization: Basic [redacted:basic]'],
  ['cookie header', `Cookie: theme=dark; sid=${body(32)}; lang=en`, body(32), 'Cookie: theme=dark; sid=[redacted:cookie]; lang=en'],
  ['set-cookie header', `Set-Cookie: session=${body(40)}; Path=/; HttpOnly`, body(40), 'Set-Cookie: session=[redacted:cookie]; Path=/; HttpOnly'],
  ['key= url parameter', `GET /search?q=x&key=${body(24)}&page=2`, body(24), 'GET /search?q=x&key=[redacted:secret]&page=2'],
  ['token= url parameter', `wss://h/socket?token=${body(32)}&vsn=2`, body(32), 'wss://h/socket?token=[redacted:secret]&vsn=2'],
  ['api_key= url parameter', `?api_key=${body(32, hex)}`, body(32, hex), '?api_key=[redacted:secret]'],
  ['access_token= url parameter', `?access_token=${body(50)}&x=1`, body(50), '?access_token=[redacted:secret]&x=1'],
  ['password in a url', `postgres://app:${body(14)}@db:5432/app`, body(14), 'postgres://app:[redacted:password]@db:5432/app'],
  ['password holding @ in a url', `mongodb+srv://u:my${body(6)}@ss@cluster0/db`, `my${body(6)}@ss`, 'mongodb+srv://u:[redacted:password]@cluster0/db'],
  ['secret-named env assignment', `export DB_PASSWORD=${body(16)}`, body(16), 'export DB_PASSWORD=[redacted:secret]'],
  ['secret-named json field', `{"client_secret": "${body(40)}", "id": 3}`, body(40), '{"client_secret": "[redacted:secret]", "id": 3}'],
  ['secret-named yaml field', `apiKey: ${body(32)}`, body(32), 'apiKey: [redacted:secret]'],
  ['quoted password holding separators', `{"password": "p@ss;${body(6)}(1)&x", "user": "bob"}`, `p@ss;${body(6)}(1)&x`, '{"password": "[redacted:secret]", "user": "bob"}'],
  ['quoted passphrase with spaces', `DB_PASSWORD="correct horse ${body(7)} staple"`, `correct horse ${body(7)} staple`, 'DB_PASSWORD="[redacted:secret]"'],
  ['quoted client secret with commas', `"client_secret":"ab,cd;${body(12)}"`, `ab,cd;${body(12)}`, '"client_secret":"[redacted:secret]"'],
  ['unquoted password holding & and brackets', `PASSWORD: Tr0ub&${body(6)}(x)|y next`, `Tr0ub&${body(6)}(x)|y`, 'PASSWORD: [redacted:secret] next'],
  ['password in a URL query stops at &', `?user=bob&password=${body(10)}&next=/home`, body(10), `?user=bob&password=[redacted:secret]&next=/home`],
  ['password in a connection string stops at ;', `Server=db;Password=s3${body(8)}!x;Database=app`, `s3${body(8)}!x`, 'Server=db;Password=[redacted:secret];Database=app'],
  ['password inside braces keeps the brace', `{password=${body(12)}}`, body(12), '{password=[redacted:secret]}'],
  ['secret-named field in JSON inside a JSON string', `{"log":"{\\"api_key\\":\\"${body(32)}\\"}"}`, body(32), '{\\"api_key\\":\\"[redacted:secret]\\"}'],
  ['camelCase secret name', `githubToken=${body(30)}`, body(30), 'githubToken=[redacted:secret]'],
  ['all-caps joined secret name', `PGPASSWORD=hunter2hunter ${'psql'}`, 'hunter2hunter', 'PGPASSWORD=[redacted:secret] psql'],
  ['command-line flag', `tool --api-key ${body(30)} run`, body(30), 'tool --api-key [redacted:secret] run'],
  ['curl -u password', `curl -u deploy:${body(12)} https://x`, body(12), 'curl -u deploy:[redacted:password] https://x'],
  ['together key', `TOGETHER_KEY ${'tgp'}_v1_${body(43)}`, `${'tgp'}_v1_${body(43)}`, 'tgp_v1_…[redacted:together]'],
  ['token auth scheme', `Authorization: Token ${body(40, hex)}`, body(40, hex), 'Authorization: Token [redacted:authorization]'],
  ['lower-case token scheme in a curl -H argument', `curl -H 'authorization: token ${body(32)}' https://x`, body(32), "curl -H 'authorization: token [redacted:authorization]' https://x"],
  ['Api-Key scheme in a JSON headers object', `{"headers": {"authorization": "Api-Key ${body(30)}", "accept": "*/*"}}`, body(30), '{"authorization": "Api-Key [redacted:authorization]", "accept"'],
  ['ApiKey scheme with base64 padding', `Authorization: ApiKey ${Buffer.from(`id:${body(20)}`).toString('base64')}`, Buffer.from(`id:${body(20)}`).toString('base64'), 'Authorization: ApiKey [redacted:authorization]'],
  ['Key scheme in a Python dict', `headers={'Authorization': 'Key ${body(36)}'}`, body(36), "headers={'Authorization': 'Key [redacted:authorization]'}"],
  ['token scheme in JSON inside a JSON string', `{"log":"{\\"Authorization\\":\\"Token ${body(40)}\\"}"}`, body(40), '{\\"Authorization\\":\\"Token [redacted:authorization]\\"}'],
  ['token scheme in a Go header map', `map[Authorization:[Token ${body(40)}] Accept:[*/*]]`, body(40), 'map[Authorization:[Token [redacted:authorization]] Accept:[*/*]]'],
  ['proxy authorization with a provider key', `Proxy-Authorization: Token ghp_${body(36)}`, `ghp_${body(36)}`, 'Proxy-Authorization: Token ghp_…[redacted:github]'],
  ['digest response', `Authorization: Digest username="bob", realm="api", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/", response="${body(32, hex)}"`, body(32, hex), 'username="bob", realm="api", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/", response="[redacted:authorization]"'],
  ['mysql -p glued password', `mysql -h db -uroot -p${body(14)} app`, body(14), 'mysql -h db -uroot -p[redacted:password] app'],
  ['mysqldump -p quoted password', `docker exec db /usr/bin/mysqldump -u app -p'${body(12)}' --all-databases`, body(12), "-u app -p'[redacted:password]' --all-databases"],
  ['mysql --password=', `mysql --password=${body(12)} -u app`, body(12), 'mysql --password=[redacted:secret] -u app'],
  ['psql connection url', `psql "postgresql://app:${body(16)}@db:5432/app"`, body(16), 'psql "postgresql://app:[redacted:password]@db:5432/app"'],
  ['--password flag with a value', `pg tool --password ${body(12)} --verbose`, body(12), 'pg tool --password [redacted:secret] --verbose'],
  ['--token flag with a value', `gh run --token ${body(40)} now`, body(40), 'gh run --token [redacted:secret] now'],
  ['prefixed token flag', `huggingface-cli login --hf-token=${body(34)}`, body(34), 'huggingface-cli login --hf-token=[redacted:secret]'],
  ['prefixed password flag', `deploy --db-password ${body(12)} --yes`, body(12), 'deploy --db-password [redacted:secret] --yes'],
  ['--secret-key flag', `mc alias set s3 https://s3 --access-key AK1 --secret-key ${body(40)}`, body(40), '--secret-key [redacted:secret]'],
  ['--passphrase flag', `gpg --batch --passphrase ${body(16)} -d f`, body(16), 'gpg --batch --passphrase [redacted:secret] -d f'],
  ['sshpass -p password', `sshpass -p '${body(12)}' ssh deploy@host`, body(12), "sshpass -p '[redacted:password]' ssh deploy@host"],
  ['redis-cli -a password', `redis-cli -h cache -p 6379 -a ${body(20)} ping`, body(20), 'redis-cli -h cache -p 6379 -a [redacted:password] ping'],
  ['base64 of an sk- key', `OPENAI: ${Buffer.from(`sk-proj-${body(70)}`).toString('base64')}`, Buffer.from(`sk-proj-${body(70)}`).toString('base64'), 'OPENAI: [redacted:encoded-key]'],
];

describe('pattern rules', () => {
  it.each(rules)('%s is removed and the context stays readable', (_name, input, secret, shows) => {
    const output = scrubber.scrub(input);
    expect(output).not.toContain(secret);
    expect(leaks(input, secret, output)).toEqual([]);
    expect(output).toContain(shows);
  });

  it('scrubbing twice changes nothing more (replacements are not secrets)', () => {
    for (const [, input] of rules) {
      const once = scrubber.scrub(input);
      expect(scrubber.scrub(once)).toBe(once);
    }
  });
});

const unchanged: [string, string][] = [
  ['uuid', 'request 7af528af-56b9-4b66-b2e5-c24ec354353d done'],
  ['git sha', 'HEAD is now at 8334c5e422b9c3fa7d3e62e1adbc69efeeed47a9 Merge'],
  ['sha256 hash', 'sha256:3b4c5d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4'],
  ['model names', 'model=claude-sonnet-4-5-20250929 fallback=gpt-4.1-mini gemini-2.5-flash deepseek-reasoner grok-4'],
  ['masked keys', 'key sk-ant-…Q9xA and AIza…Xy9Q and sk-proj-****abcd and xai-...b14o'],
  ['words containing a prefix', 'disk-proj-backup task_test_rcpgt2fubmdxdan58pyj4bozg4sk7a risk-assessment-2025-quarterly-report'],
  ['prose about a prefix', 'Note: the sk- prefix identifies OpenAI secret keys.'],
  ['public key block', 'pub=-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9UbwmQAU6TiZeFgdx\\n-----END PUBLIC KEY-----'],
  ['certificate', '-----BEGIN CERTIFICATE-----\nMIIBkzCCATmgAwIBAgIUZqbSXISbrqYbjjZ5dxFRPbY\n-----END CERTIFICATE-----'],
  ['ssh public key', 'ssh_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host'],
  ['stripe publishable key', `pk_live_${'51H'}${'x'.repeat(0)}abcDEF123ghiJKL456mnoPQR789`],
  ['public key variable', 'public_key=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9Ubw'],
  ['token counts', 'prompt_tokens=1532 completion_tokens=412 max_tokens=4096 tokenizer=o200k_base'],
  ['placeholder values', 'ANTHROPIC_API_KEY=<your-anthropic-api-key> OPENAI_API_KEY=${OPENAI_API_KEY} password=changeme'],
  ['redacted markers', "headers={'Authorization': '[REDACTED]', 'x-api-key': '***'}"],
  ['template url password', 'mongodb://username:password@localhost:27017/database'],
  ['token type', 'token_type=Bearer expires_in=3600 scope=openid'],
  ['quoted prose under a secret-ish name', `'key': 'some description text', "token": "not set yet", "secret": "Hello World Again"`],
  ['words ending in key', 'monkey=banana42x turkey=roast2025 bypass=enabled123'],
  ['bare 64-hex digest (an old Together key has this shape too, so it is caught only by name)', 'checksum 3b4c5d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4 ok'],
  ['auth scheme followed by prose', 'Authorization: Token required; authorization: token expired at 2025-01-01; Authorization: Token authentication'],
  ['auth scheme placeholders', 'Authorization: Token <your-token> | Authorization: Token ${API_TOKEN} | Authorization: Token [REDACTED] | Authorization: ApiKey xxxxxxxxxxxxxxxx'],
  ['auth scheme with no value', '"authorization": "Token", WWW-Authenticate: Token realm="api"'],
  ['authorization in prose', 'the authorization token was refreshed 3 times'],
  ['digest header without a response', 'Authorization: Digest username="bob", realm="api@example.org", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b"'],
  ['response hash outside a digest header', 'sha256 digest: response=6629fae49393a05397450978507c4ef1 response="6629fae49393a05397450978507c4ef1"'],
  ['compiler flags after a mysql include path', 'gcc -I/usr/include/mysql -pthread -pedantic -O2 -c x.c; mysql_config --cflags -pthread'],
  ['mysql -p that prompts, and ports', 'mysql -u root -p app_db; mysql -h db -P 3306 -u app -p'],
  ['mysql password from a variable', 'mysql -uroot -p"$MYSQL_ROOT_PASSWORD" app'],
  ['docker port maps next to a mysql container', 'docker run --name mysql -p3306:3306 -d mysql:8 && mkdir -p /var/lib/mysql && tar -xzpf x.tgz'],
  ['flags that only contain a secret word', 'llm --max-tokens 4096 --token-limit 8192 --password-file /run/secrets/db --tokenizer o200k_base --bypass enabled123 --compass north123'],
  ['flags with no value', 'docker login --password-stdin registry.example.com; pg_dump --no-password --verbose app'],
  ['flags with placeholders', 'tool --token $TOKEN --password=*** --api-key=<key>'],
  ['port flags', 'ssh -p 2222 host; redis-cli -h cache -p 6379 ping; sshpass -f /etc/pw ssh host'],
];

describe('precision', () => {
  it.each(unchanged)('%s passes unchanged', (_name, input) => {
    expect(scrubber.scrub(input)).toBe(input);
  });
});
