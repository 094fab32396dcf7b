// Form state with errors per field: the client's own checks first (said in Indonesian, next to
// the field), then whatever the server refuses, shown next to the field its problem names.
import { useRef, useState } from 'preact/hooks';
import { ApiError, newKey } from '../api';
import { errorText } from '../i18n';

export type Errors = Record<string, string>;

export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retried or double submit creates nothing twice.
  const key = useRef(newKey('form'));
  const set = (name: keyof T) => (v: string) => setValues((old) => ({ ...old, [name]: v }));

  /** Runs `check` then `send`; focuses the first field in error. */
  async function submit(check: (v: T) => Errors, send: (v: T, idempotencyKey: string) => Promise<void>) {
    const found = check(values);
    setErrors(found);
    setGeneral('');
    if (Object.keys(found).length) return focusFirst(found);
    setBusy(true);
    try {
      await send(values, key.current);
      key.current = newKey('form');
    } catch (e) {
      const field = e instanceof ApiError ? e.field.replace(/\[\d+\]$/, '') : '';
      if (field && field in values) {
        setErrors({ [field]: errorText(e) });
        focusFirst({ [field]: '' });
      } else {
        setGeneral(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  }
  return { values, set, setValues, errors, general, busy, submit };
}

function focusFirst(errors: Errors) {
  const name = Object.keys(errors)[0];
  setTimeout(() => (document.querySelector(`[name="${name}"]`) as HTMLElement | null)?.focus(), 0);
}

export const required = (v: string, what: string) => (v.trim() ? '' : `${what} wajib diisi.`);
export function dateError(v: string): string {
  if (!v.trim()) return 'Tanggal wajib diisi.';
  const iso = parseDate(v);
  if (!iso) return 'Tanggal tidak valid: ketik hari, bulan, tahun, mis. 12041985 atau 12-04-1985.';
  if (Date.parse(iso + 'T00:00:00Z') > Date.now()) return 'Tanggal tidak boleh di masa depan.';
  return '';
}
export function rangeError(v: string, what: string, min: number, max: number): string {
  if (!/^\d+$/.test(v.trim())) return `${what} harus berupa angka.`;
  const n = Number(v);
  return n < min || n > max ? `${what} harus antara ${min} dan ${max}.` : '';
}
export const nikError = (v: string) => (/^\d{16}$/.test(v.trim()) ? '' : 'NIK harus 16 digit angka.');
export function clean(errors: Record<string, string>): Errors {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v));
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/**
 * A date as officers type it — day, month, year: "12041985", "12-04-1985", "12/4/1985" — or as
 * ISO "1985-04-12"; returns ISO, or "" when it is not a real date. Typing never depends on the
 * browser's locale (a date input orders the parts by the operating system's language).
 */
export function parseDate(text: string): string {
  const t = text.trim();
  let d: number, m: number, y: number;
  let g: RegExpExecArray | null;
  if ((g = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [+g[1], +g[2], +g[3]];
  else if ((g = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t))) [d, m, y] = [+g[1], +g[2], +g[3]];
  else if ((g = /^(\d{2})(\d{2})(\d{4})$/.exec(t))) [d, m, y] = [+g[1], +g[2], +g[3]];
  else return '';
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '';
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "12 April 1985" for an ISO date. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
