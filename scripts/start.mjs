// `npm start`: build, then launch Electron. When the Electron binary cannot be obtained (no network on
// first run), say so in one line and point to `npm run serve`, without a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null;
  if (binary && existsSync(binary)) return binary;
  // First run: Electron's own installer downloads the binary; keep its output out of the way.
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  if (install.status !== 0) return null;
  const again = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null;
  return again && existsSync(again) ? again : null;
}

const built = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const binary = electronBinary();
if (!binary) {
  console.error('NOME Settings: the Electron binary could not be downloaded on this machine; run `npm run serve` to use the same settings surface in a browser.');
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
