// The only way the UI talks to the server: the public API under /api/v1, with the session's
// bearer token. Errors arrive as RFC 9457 problem+json and become ApiError, which names the field.

export interface Problem {
  status: number;
  code: string;
  field?: string;
  detail?: string;
  keterangan?: string;
  judul?: string;
  title?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string;
  readonly detail: string;
  readonly keterangan: string;
  constructor(p: Problem) {
    super(p.detail || p.title || `HTTP ${p.status}`);
    this.status = p.status;
    this.code = p.code || 'error';
    this.field = p.field || '';
    this.detail = p.detail || '';
    this.keterangan = p.keterangan || '';
  }
}

/** A network failure (no answer at all): the request may or may not have reached the server. */
export class NetworkError extends Error {}

const TOKEN_KEY = 'siak.session';

export interface Session {
  token: string;
  username: string;
  role: Role;
  scope: string; // "national" or "32.04"
  expires_at: string;
}

export type Role =
  | 'admin'
  | 'supervisor'
  | 'registrar'
  | 'recording_officer'
  | 'print_officer'
  | 'auditor'
  | 'partner';

let session: Session | null = readSession();
const listeners = new Set<(s: Session | null, why?: string) => void>();

function readSession(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null') as Session | null;
    if (s && new Date(s.expires_at).getTime() > Date.now()) return s;
  } catch {
    /* a damaged entry is no session */
  }
  return null;
}

export function currentSession(): Session | null {
  return session;
}

export function onSession(fn: (s: Session | null, why?: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function setSession(s: Session | null, why?: string) {
  session = s;
  if (s) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(TOKEN_KEY);
  listeners.forEach((fn) => fn(s, why));
}

export interface CallOptions {
  body?: unknown;
  idempotencyKey?: string;
  ifMatch?: string;
  signal?: AbortSignal;
}

export interface Answer<T> {
  data: T;
  etag: string;
  status: number;
}

export async function call<T>(method: string, path: string, opts: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new NetworkError((e as Error).message);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const p = (data && typeof data === 'object' ? data : { status: res.status, code: 'error' }) as Problem;
    if (res.status === 401 && session && !path.endsWith('/auth/login')) setSession(null, 'expired');
    throw new ApiError({ ...p, status: res.status });
  }
  return { data: data as T, etag: res.headers.get('ETag') || '', status: res.status };
}

export const get = async <T>(path: string, signal?: AbortSignal) => (await call<T>('GET', path, { signal })).data;
export const post = async <T>(path: string, body?: unknown, idempotencyKey?: string) =>
  (await call<T>('POST', path, { body: body ?? {}, idempotencyKey })).data;

/** A binary resource (card PNG, PDF) as an object URL, fetched with the session's token. */
export async function blobUrl(path: string): Promise<string> {
  const res = await fetch(path, { headers: session ? { Authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    let p: Problem = { status: res.status, code: 'error' };
    try {
      p = { ...(await res.json()), status: res.status };
    } catch {
      /* not JSON */
    }
    throw new ApiError(p);
  }
  return URL.createObjectURL(await res.blob());
}

/** Opens a PDF of the API in a new tab: the tab first (while the click still counts as the
 *  user's), then the document; throws (and closes the tab) when the server refuses it. */
export async function openPdf(path: string): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const url = await blobUrl(path);
    if (tab) tab.location.href = url;
    else window.location.href = url; // no tab allowed: open it here
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

export function newKey(prefix = 'ui'): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return prefix + '-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const q = (params: Record<string, string | number | undefined | null>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? '?' + s : '';
};
