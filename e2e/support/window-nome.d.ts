// Types `window.nome` inside page.evaluate callbacks: the same API the renderer builds over serve.
import type { NomeApi } from '../../shared/api';

declare global {
  interface Window {
    nome?: NomeApi;
  }
}
