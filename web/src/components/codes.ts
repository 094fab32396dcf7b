// The register's code tables, from the server once per session (GET /api/v1/codes).
import { get } from '../api';
import { useAsync } from './ui';

export type CodeTables = Record<string, { code: number; label: string }[]>;
let cached: Promise<CodeTables> | null = null;

export function useCodes() {
  return useAsync(() => (cached ??= get<CodeTables>('/api/v1/codes').catch((e) => ((cached = null), Promise.reject(e)))), []);
}

/** Options for a select: an empty "choose" entry first unless a default is given. */
export function options(tables: CodeTables | undefined, name: string, choose = '— pilih —'): [string, string][] {
  const list = (tables?.[name] ?? []).map((e) => [String(e.code), `${e.code} · ${e.label}`] as [string, string]);
  return choose ? [['', choose], ...list] : list;
}
