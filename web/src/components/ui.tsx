// Small building blocks every screen uses: a labelled field with its error beside it, loading
// and error states, and a hook for data that comes from the API.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';
import { errorText, t } from '../i18n';

let nextId = 0;
export const useId = (prefix: string) => useState(() => `${prefix}-${++nextId}`)[0];

export function Field(props: {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string, describedBy: string | undefined, invalid: boolean) => JSX.Element;
}) {
  const id = useId('f');
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errId : '', props.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children(id, describedBy, !!props.error)}
      {props.hint && <div id={hintId} class="hint">{props.hint}</div>}
      {props.error && (
        <div id={errId} class="error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

type InputProps = {
  name?: string;
  type?: string;
  autoFocus?: boolean;
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'tel' | 'search';
  maxLength?: number;
  placeholder?: string;
  disabled?: boolean;

  label: string;
  error?: string;
  hint?: string;
  value: string;
  onValue: (v: string) => void;
};

export function TextField({ label, error, hint, value, onValue, ...rest }: InputProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, d, invalid) => (
        <input
          id={id}
          aria-describedby={d}
          aria-invalid={invalid ? 'true' : undefined}
          value={value}
          onInput={(e) => onValue((e.target as HTMLInputElement).value)}
          {...(rest as Record<string, unknown>)}
        />
      )}
    </Field>
  );
}

export function SelectField(props: {
  label: string;
  error?: string;
  value: string;
  onValue: (v: string) => void;
  options: [string, string][];
  name?: string;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(id, d, invalid) => (
        <select
          id={id}
          name={props.name}
          aria-describedby={d}
          aria-invalid={invalid ? 'true' : undefined}
          value={props.value}
          onChange={(e) => props.onValue((e.target as HTMLSelectElement).value)}
        >
          {props.options.map(([v, l]) => (
            <option value={v}>{l}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div class="msg error" role="alert">
      {errorText(error)}
    </div>
  );
}

export function Loading() {
  return (
    <p class="muted" role="status">
      {t('Memuat…')}
    </p>
  );
}

export interface Async<T> {
  data?: T;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads `fn` when `deps` change; aborts the previous load. */
export function useAsync<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error: unknown; loading: boolean }>({ error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    fn(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, error: null, loading: false }),
      (error) => !ctl.signal.aborted && setState({ error, loading: false }),
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * One action at a time (a double click never prints two cards or calls two residents): `run`
 * does nothing while another runs, shows a failure as `error` (in Indonesian), and returns the
 * action's result, or undefined when it failed or did not run.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const running = useRef(false);
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      return await fn();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}

export function Section(props: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card" aria-label={props.title}>
      <div class="row" style="align-items:center">
        <h2 style="margin:0">{props.title}</h2>
        {props.actions && <div style="flex:0 0 auto">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}

export const fmt = (n: number | undefined | null) => (n === undefined || n === null ? '—' : n.toLocaleString('id-ID'));
export const pct = (r: number | undefined) => (r === undefined ? '—' : (r * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 }) + '%');
export const formatNik = (nik: string) => nik;
