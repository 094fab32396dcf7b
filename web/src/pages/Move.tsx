// Pindah datang: residents move to another village, district, regency or province with the same
// NIK; a new KK at the destination (or joining one there), an SKPWNI number between regencies,
// and their e-KTP marked for reprint.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { t } from '../i18n';
import { TextField } from '../components/ui';
import { NikInput } from '../components/NikInput';
import { RegionPicker, type Region } from '../components/RegionPicker';
import { clean, nikError, rangeError, useForm } from '../components/form';

interface MoveResult {
  skpwni: string | null;
  destination_kk: string;
  origin_kk: string | null;
  ektp_reprint: string[];
}

export default function Move() {
  const f = useForm({ movers: '', destination: '', alamat: '', rt: '', rw: '', join_kk: '', reason: '', staying_head: '' });
  const [movers, setMovers] = useState<string[]>(['']);
  const [region, setRegion] = useState<Region | null>(null);
  const [done, setDone] = useState<MoveResult | null>(null);
  const v = f.values;
  const joining = v.join_kk.trim() !== '';
  const check = (x: typeof v) =>
    clean({
      movers: movers.some((m) => nikError(m)) ? 'Setiap NIK yang pindah harus 16 digit.' : '',
      destination: region && region.level === 'village' ? '' : 'Pilih desa/kelurahan tujuan dari daftar.',
      join_kk: joining && !/^\d{16}$/.test(x.join_kk.trim()) ? 'Nomor KK harus 16 digit.' : '',
      staying_head: x.staying_head && nikError(x.staying_head) ? nikError(x.staying_head) : '',
      rt: joining ? '' : rangeError(x.rt, 'RT', 1, 999),
      rw: joining ? '' : rangeError(x.rw, 'RW', 1, 999),
    });
  const send = async (x: typeof v, key: string) => {
    const body: Record<string, unknown> = { movers, destination: region!.code, reason: x.reason };
    if (x.staying_head) body.staying_head = x.staying_head;
    if (joining) body.join_kk = x.join_kk.trim();
    else Object.assign(body, { alamat: x.alamat, rt: Number(x.rt), rw: Number(x.rw) });
    setDone(await post<MoveResult>('/api/v1/moves', body, key));
  };
  if (done) {
    return (
      <div>
        <h1>{t('Pindah datang')}</h1>
        <div class="msg ok" role="status" data-testid="move-done">
          {t('Perpindahan tercatat.')} {t('KK tujuan')}: <a href={`/kk/${done.destination_kk}`}>{done.destination_kk}</a>
          {done.skpwni && (
            <>
              {' '}
              · SKPWNI <code>{done.skpwni}</code>
            </>
          )}
          {done.ektp_reprint.length > 0 && <> · {done.ektp_reprint.length} {t('e-KTP ditandai untuk cetak ulang')}</>}
        </div>
        <button type="button" onClick={() => (setDone(null), setMovers(['']), setRegion(null), f.setValues({ movers: '', destination: '', alamat: '', rt: '', rw: '', join_kk: '', reason: '', staying_head: '' }))}>
          {t('Catat perpindahan lain')}
        </button>
      </div>
    );
  }
  return (
    <div>
      <h1>{t('Pindah datang')}</h1>
      <form class="card" onSubmit={(e) => (e.preventDefault(), f.submit(check, send))} noValidate>
        {movers.map((m, i) => (
          <div class="row">
            <NikInput label={`${t('NIK yang pindah')} ${i + 1}`} name={i === 0 ? 'movers' : `mover-${i}`} value={m} onValue={(x) => setMovers(movers.map((y, j) => (j === i ? x : y)))} autoFocus={i === 0} />
            {movers.length > 1 && (
              <button type="button" class="danger" style="flex:0 0 auto;margin-bottom:.8rem" onClick={() => setMovers(movers.filter((_, j) => j !== i))}>
                {t('Hapus')}
              </button>
            )}
          </div>
        ))}
        {f.errors.movers && <div class="error" role="alert">{f.errors.movers}</div>}
        <p>
          <button type="button" onClick={() => setMovers([...movers, ''])}>
            + {t('Tambah orang')}
          </button>
        </p>
        <RegionPicker label={t('Desa/Kelurahan tujuan')} name="destination" level="village" value={region} onPick={setRegion} error={f.errors.destination} />
        <TextField label={t('Bergabung ke KK yang ada di tujuan (kosongkan untuk KK baru)')} name="join_kk" inputMode="numeric" value={v.join_kk} onValue={f.set('join_kk')} error={f.errors.join_kk} />
        {!joining && (
          <div class="row">
            <TextField label={t('Alamat tujuan')} name="alamat" value={v.alamat} onValue={f.set('alamat')} error={f.errors.alamat} />
            <TextField label="RT" name="rt" inputMode="numeric" value={v.rt} onValue={f.set('rt')} error={f.errors.rt} />
            <TextField label="RW" name="rw" inputMode="numeric" value={v.rw} onValue={f.set('rw')} error={f.errors.rw} />
          </div>
        )}
        <NikInput
          label={t('Kepala keluarga bagi yang tinggal (bila kepala keluarga ikut pindah)')}
          name="staying_head"
          value={v.staying_head}
          onValue={f.set('staying_head')}
          error={f.errors.staying_head}
        />
        <TextField label={t('Alasan pindah')} name="reason" value={v.reason} onValue={f.set('reason')} error={f.errors.reason} />
        {f.general && <div class="msg error" role="alert">{f.general}</div>}
        <button class="primary" type="submit" disabled={f.busy}>
          {t('Catat perpindahan')}
        </button>
      </form>
    </div>
  );
}
