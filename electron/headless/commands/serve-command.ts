// `serve`: prints the URL to open (with its token) as the first stdout line, then serves until stopped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exitCodes, UsageError, type Command } from '../cli-command';
import { startServe } from '../serve';

export const defaultRendererDir = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export const serveCommands: Command[] = [
  {
    words: ['serve'],
    hostKind: 'serve',
    summary: 'Serve the settings surface on loopback (prints the URL with its access token first)',
    options: {
      port: { type: 'string', description: 'Port on 127.0.0.1 (default: a free one)', valueName: 'N' },
    },
    async run(context) {
      const portText = context.values.port as string | undefined;
      const port = portText === undefined ? 0 : Number(portText);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText}"`);
      const rendererDir = context.io.env.NOME_RENDERER_DIR ?? defaultRendererDir;
      if (!existsSync(`${rendererDir}/index.html`)) {
        throw new Error(`the renderer is not built (no ${rendererDir}/index.html); run 'npm run build' first`);
      }
      const core = context.core();
      const host = await startServe({ core, rendererDir, port }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new Error(`port ${port} on 127.0.0.1 is already in use; choose another with --port N, or leave --port out for a free one`);
        throw error;
      });
      core.start();
      context.print(host.url);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      return exitCodes.ok;
    },
  },
];
