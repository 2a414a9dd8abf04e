// The renderer's one door to the Node side: `window.nome` from the preload, or the HTTP bridge when served.
import { createNomeApi, type NomeApi } from '../../shared/api';
import { createHttpTransport, takeServeToken } from './http-transport';

declare global {
  interface Window {
    nome?: NomeApi;
  }
}

let api: NomeApi | null = null;

export function nome(): NomeApi {
  if (api) return api;
  if (window.nome) return (api = window.nome);
  const token = takeServeToken(window.location, window.history, window.sessionStorage) ?? '';
  api = createNomeApi(createHttpTransport(token));
  window.nome = api;
  return api;
}
