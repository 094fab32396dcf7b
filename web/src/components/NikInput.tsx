// A NIK field that shows whose NIK it is as soon as 16 digits are typed (only within the
// user's scope: anyone else's NIK reads as not found).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { errorText, t } from '../i18n';
import { TextField } from './ui';
import type { Person } from './people';

export function NikInput(props: { label: string; name: string; value: string; onValue: (v: string) => void; error?: string; autoFocus?: boolean }) {
  const [who, setWho] = useState('');
  useEffect(() => {
    setWho('');
    if (!/^\d{16}$/.test(props.value)) return;
    const ctl = new AbortController();
    get<Person>(`/api/v1/persons/${props.value}`, ctl.signal)
      .then((p) => setWho(`${p.nama} · ${p.tanggal_lahir} · ${p.wilayah_nama}${p.kk_number ? ' · KK ' + p.kk_number : ''}`))
      .catch((e) => e.name !== 'AbortError' && setWho(e instanceof ApiError && e.status === 404 ? t('NIK tidak ditemukan di wilayah Anda.') : errorText(e)));
    return () => ctl.abort();
  }, [props.value]);
  return (
    <TextField
      label={props.label}
      name={props.name}
      inputMode="numeric"
      autoFocus={props.autoFocus}
      value={props.value}
      onValue={(v: string) => props.onValue(v.replace(/\D/g, '').slice(0, 16))}
      error={props.error}
      hint={who || t('16 digit')}
    />
  );
}
