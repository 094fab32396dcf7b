// Submissions that must survive a dropped connection (a recording made in a village with one
// bar of signal): kept in localStorage until the server answers, retried with growing pauses,
// each with its own Idempotency-Key and recording id, so a retry never records twice. A page
// reload resumes them.
import { ApiError, NetworkError, call, currentSession } from './api';

export interface Pending {
  id: string;
  username: string; // who made it: only they send it (after a new login, too)
  path: string;
  body: unknown;
  key: string;
  attempts: number;
  lastError?: string;
  created: number;
}
export type Outcome = { id: string; ok: true; data: unknown } | { id: string; ok: false; error: ApiError };

const STORE = 'siak.outbox';
const listeners = new Set<(o: Outcome | null) => void>();
let running = false;

export function pending(): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(STORE) || '[]');
  } catch {
    return [];
  }
}
function save(list: Pending[]) {
  localStorage.setItem(STORE, JSON.stringify(list)); // throws when the browser's storage is full
}
const mine = () => pending().filter((p) => p.username === currentSession()?.username);
export function onOutbox(fn: (o: Outcome | null) => void) {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** Queues a submission; throws (nothing queued) when the browser's storage is full. */
export function enqueue(p: Omit<Pending, 'attempts' | 'created' | 'username'>) {
  const username = currentSession()?.username;
  if (!username) throw new Error('not logged in');
  const list = pending().filter((x) => x.id !== p.id);
  list.push({ ...p, username, attempts: 0, created: Date.now() });
  save(list);
  void drain();
}

/** The submissions of the officer now logged in. */
export const pendingMine = () => mine();


/** Sends what is waiting, oldest first; keeps retrying while the network is down. */
export async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (;;) {
      const list = mine();
      if (list.length === 0) return;
      const p = list[0];
      try {
        const r = await call('POST', p.path, { body: p.body, idempotencyKey: p.key });
        save(pending().filter((x) => x.id !== p.id));
        listeners.forEach((fn) => fn({ id: p.id, ok: true, data: r.data }));
      } catch (e) {
        // Logged out or expired: keep it for when the officer logs in again.
        if (e instanceof ApiError && e.status === 401) return;
        const retry = e instanceof NetworkError || (e instanceof ApiError && (e.status === 503 || e.status === 429 || e.status >= 500));
        if (!retry) {
          save(pending().filter((x) => x.id !== p.id));
          listeners.forEach((fn) => fn({ id: p.id, ok: false, error: e as ApiError }));
          continue;
        }
        p.attempts += 1;
        p.lastError = (e as Error).message;
        save(pending().map((x) => (x.id === p.id ? p : x)));
        listeners.forEach((fn) => fn(null));
        await new Promise((ok) => setTimeout(ok, Math.min(30000, 1000 * 2 ** Math.min(p.attempts, 5))));
      }
    }
  } finally {
    running = false;
  }
}

window.addEventListener('online', () => void drain());
