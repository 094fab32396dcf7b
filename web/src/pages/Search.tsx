// Type-ahead search by NIK, KK number or name (spelling-tolerant on the server); arrows and Enter
// open a result. Only residents in the user's scope are ever returned.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, q } from '../api';
import { t } from '../i18n';
import { navigate, useLocation } from '../router';
import { ErrorBox } from '../components/ui';
import { EKTP_STATUS, type Person } from '../components/people';

export default function Search() {
  const { params } = useLocation();
  const [text, setText] = useState(params.get('q') ?? '');
  const [items, setItems] = useState<Person[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [hint, setHint] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const term = text.trim();
    setError(null);
    if (/^\d+$/.test(term) && term.length !== 16) {
      setItems([]);
      setHint(term.length > 0 ? t('Ketik 16 digit NIK atau nomor KK.') : '');
      return;
    }
    if (term.length < 3) {
      setItems([]);
      setHint(term.length > 0 ? t('Ketik paling sedikit 3 huruf nama.') : '');
      return;
    }
    setHint('');
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      get<{ items: Person[]; next_cursor?: string }>(`/api/v1/persons${q({ q: term, limit: 20 })}`, ctl.signal)
        .then((r) => {
          setItems(r.items);
          setNext(r.next_cursor ?? null);
          setActive(0);
          history.replaceState(null, '', `/cari${q({ q: term })}`);
        })
        .catch((e) => e.name !== 'AbortError' && setError(e))
        .finally(() => setBusy(false));
    }, 180);
    return () => (clearTimeout(timer), ctl.abort());
  }, [text]);

  const more = async () => {
    if (!next || busy) return;
    setBusy(true);
    try {
      const r = await get<{ items: Person[]; next_cursor?: string }>(`/api/v1/persons${q({ q: text.trim(), limit: 20, cursor: next })}`);
      setItems((old) => [...old, ...r.items]);
      setNext(r.next_cursor ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <h1>{t('Cari penduduk')}</h1>
      <div class="field">
        <label for="cari">{t('NIK, nomor KK, atau nama')}</label>
        <input
          id="cari"
          ref={input}
          type="search"
          autocomplete="off"
          aria-describedby="cari-hint"
          aria-controls={items.length > 0 ? 'hasil' : undefined}
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') (e.preventDefault(), setActive((a) => Math.min(a + 1, items.length - 1)));
            if (e.key === 'ArrowUp') (e.preventDefault(), setActive((a) => Math.max(a - 1, 0)));
            if (e.key === 'Enter' && items[active]) navigate(`/orang/${items[active].nik}`);
          }}
        />
        <div id="cari-hint" class="hint">
          {hint || t('Ejaan tidak harus tepat: "Moh. Yusuf" menemukan "Muhammad Yusuf". ↑↓ memilih, Enter membuka.')}
        </div>
      </div>
      <ErrorBox error={error} />
      <div role="status" class="muted" aria-live="polite">
        {busy ? t('Mencari…') : text.trim().length >= 3 && items.length === 0 && !hint ? t('Tidak ada hasil.') : ''}
      </div>
      {items.length > 0 && (
        <table id="hasil" data-testid="search-results">
          <thead>
            <tr>
              <th scope="col">NIK</th>
              <th scope="col">{t('Nama')}</th>
              <th scope="col">{t('Lahir')}</th>
              <th scope="col">{t('Alamat')}</th>
              <th scope="col">e-KTP</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p, i) => (
              <tr class="clickable" aria-selected={i === active ? 'true' : 'false'} style={i === active ? 'background:#dbeafe' : ''}>
                <td>
                  <a href={`/orang/${p.nik}`}>
                    <code>{p.nik}</code>
                  </a>
                </td>
                <td>{p.nama}</td>
                <td>
                  {p.tempat_lahir}, {p.tanggal_lahir}
                </td>
                <td>{p.wilayah_nama}</td>
                <td>
                  <span class={'badge ' + (EKTP_STATUS[p.ektp_status]?.[1] ?? '')}>{t(EKTP_STATUS[p.ektp_status]?.[0] ?? p.ektp_status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <p>
          <button type="button" onClick={more} disabled={busy}>
            {t('Tampilkan lebih banyak')}
          </button>
        </p>
      )}
    </div>
  );
}
