// Finds any of the 83,762 villages (or a district, regency, province) as you type: the server's
// in-memory index answers each keystroke in about a millisecond, so the form never loads a
// 100,000-entry list. Keyboard: arrows move, Enter picks, Escape closes. A WAI-ARIA combobox.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, q } from '../api';
import { Field } from './ui';

export interface Region {
  code: string;
  name: string;
  level: string;
  path?: string;
  kind?: string;
}

const LEVELS: Record<string, string> = { province: 'Provinsi', regency: 'Kab/Kota', district: 'Kecamatan', village: 'Desa/Kel' };

export function RegionPicker(props: {
  label: string;
  value: Region | null;
  onPick: (r: Region | null) => void;
  level?: 'village' | 'district' | 'regency' | 'province';
  /** Only regions under this code (the user's scope), e.g. "32.04"; "national" or absent: all. */
  within?: string;
  error?: string;
  hint?: string;
  name?: string;
}) {
  const [text, setText] = useState(props.value ? `${props.value.name} (${props.value.code})` : '');
  const [items, setItems] = useState<Region[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const cache = useRef(new Map<string, Region[]>());
  const listId = useRef(`rl-${Math.random().toString(36).slice(2)}`).current;

  useEffect(() => {
    if (props.value) setText(`${props.value.name} (${props.value.code})`);
  }, [props.value?.code]);

  useEffect(() => {
    const term = text.trim();
    if (!open || term.length < 2) {
      setItems([]);
      return;
    }
    // A code typed is searched as typed; a name is searched under `within` (the index takes a
    // leading code prefix and words together: "32.04 cibeunying").
    const within = props.within && props.within !== 'national' && !/\d/.test(term) ? props.within + ' ' : '';
    const key = `${props.level ?? ''}|${within}${term.toLowerCase()}`;
    const hit = cache.current.get(key);
    if (hit) {
      setItems(hit);
      return;
    }
    const ctl = new AbortController();
    get<{ items: Region[] }>(`/api/v1/regions/search${q({ q: within + term, limit: 12, level: props.level })}`, ctl.signal)
      .then((r) => {
        const list = props.level ? r.items.filter((i) => i.level === props.level) : r.items;
        cache.current.set(key, list);
        setItems(list);
        setActive(0);
      })
      .catch(() => {});
    return () => ctl.abort();
  }, [text, open]);

  const pick = (r: Region) => {
    props.onPick(r);
    setText(`${r.name} (${r.code})`);
    setOpen(false);
  };

  return (
    <Field label={props.label} error={props.error} hint={props.hint ?? 'Ketik nama atau kode wilayah, mis. "cibeunying" atau "32.04.06"'}>
      {(id, d, invalid) => (
        <div class="combo">
          <input
            id={id}
            name={props.name}
            role="combobox"
            aria-expanded={open && items.length > 0 ? 'true' : 'false'}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && items[active] ? `${listId}-${active}` : undefined}
            aria-describedby={d}
            aria-invalid={invalid ? 'true' : undefined}
            autocomplete="off"
            value={text}
            onInput={(e) => {
              setText((e.target as HTMLInputElement).value);
              setOpen(true);
              if (props.value) props.onPick(null);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setOpen(true);
                setActive((a) => Math.min(a + 1, items.length - 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(a - 1, 0));
              } else if (e.key === 'Enter' && open && items[active]) {
                e.preventDefault();
                pick(items[active]);
              } else if (e.key === 'Escape') {
                setOpen(false);
              }
            }}
          />
          {open && items.length > 0 && (
            <ul id={listId} role="listbox" aria-label={props.label}>
              {items.map((r, i) => (
                <li
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active ? 'true' : 'false'}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(r);
                  }}
                >
                  {r.name} <span class="badge">{LEVELS[r.level] ?? r.level}</span> <code>{r.code}</code>
                  {r.path && <small>{r.path}</small>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Field>
  );
}
