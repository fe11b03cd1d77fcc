/** The catalogue editor's calls (server/api/catalogue.ts). */
import { http } from '../api.js';
import type { CatalogueOptions, ImportResult, Orderable, OrderableKind } from './models.js';

const enc = encodeURIComponent;

export const catalogueApi = {
  list: (query: { q?: string; kind?: OrderableKind; status?: 'active' | 'retired' | 'all' }, signal?: AbortSignal) =>
    http.get<{ items: Orderable[] }>('/api/catalogue', query, signal).then((r) => r.items),
  options: (signal?: AbortSignal) => http.get<CatalogueOptions>('/api/catalogue/options', undefined, signal),
  create: (item: Orderable) => http.post<Orderable>('/api/catalogue', item),
  update: (item: Orderable) => http.put<Orderable>(`/api/catalogue/${enc(item.code)}`, item),
  exportBundle: () => http.get<unknown>('/api/catalogue/export'),
  importBundle: (bundle: unknown) => http.post<ImportResult>('/api/catalogue/import', bundle),
};
