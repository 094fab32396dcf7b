// A new family card (KK): the head first, then the other members with their SHDK, and the
// address. The KK number is issued by the server; exactly one head.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { SelectField } from '../components/ui';
import { NikInput } from '../components/NikInput';
import { type Region } from '../components/RegionPicker';
import { AddressFields } from '../components/AddressFields';
import { SHDK } from '../components/people';
import { clean, nikError, rangeError, useForm } from '../components/form';

export default function NewFamily() {
  const f = useForm({ head: '', alamat: '', rt: '', rw: '', wilayah: '', members: '' });
  const [region, setRegion] = useState<Region | null>(null);
  const [members, setMembers] = useState<{ nik: string; shdk: string }[]>([]);
  const v = f.values;
  const check = (x: typeof v) =>
    clean({
      head: nikError(x.head),
      wilayah: region && region.level === 'village' ? '' : 'Pilih desa/kelurahan dari daftar.',
      rt: rangeError(x.rt, 'RT', 1, 999),
      rw: rangeError(x.rw, 'RW', 1, 999),
      members: members.some((m) => nikError(m.nik)) ? 'Setiap anggota perlu NIK 16 digit.' : '',
    });
  const send = async (x: typeof v, key: string) => {
    const fam = await post<{ kk_number: string }>(
      '/api/v1/families',
      {
        wilayah: region!.code,
        alamat: x.alamat,
        rt: Number(x.rt),
        rw: Number(x.rw),
        members: [{ nik: x.head, shdk: 1 }, ...members.map((m) => ({ nik: m.nik, shdk: Number(m.shdk) }))],
      },
      key,
    );
    navigate(`/kk/${fam.kk_number}?baru=1`);
  };
  return (
    <div>
      <h1>{t('Buat KK baru')}</h1>
      <form class="card" onSubmit={(e) => (e.preventDefault(), f.submit(check, send))} noValidate>
        <NikInput label={t('NIK kepala keluarga')} name="head" value={v.head} onValue={f.set('head')} error={f.errors.head} autoFocus />
        <fieldset style="border:1px solid var(--line);border-radius:4px;margin-bottom:.8rem">
          <legend>{t('Anggota lain')}</legend>
          {members.map((m, i) => (
            <div class="row" key={i}>
              <NikInput label={`${t('NIK anggota')} ${i + 1}`} name={`member-${i}`} value={m.nik} onValue={(nik) => setMembers(members.map((x, j) => (j === i ? { ...x, nik } : x)))} />
              <SelectField label="SHDK" name={`shdk-${i}`} value={m.shdk} onValue={(shdk) => setMembers(members.map((x, j) => (j === i ? { ...x, shdk } : x)))} options={SHDK.filter(([c]) => c !== '1')} />
              <button type="button" class="danger" style="flex:0 0 auto;margin-bottom:.8rem" onClick={() => setMembers(members.filter((_, j) => j !== i))}>
                {t('Hapus')}
              </button>
            </div>
          ))}
          {f.errors.members && (
            <div class="error" role="alert">
              {f.errors.members}
            </div>
          )}
          <button type="button" onClick={() => setMembers([...members, { nik: '', shdk: '4' }])}>
            + {t('Tambah anggota')}
          </button>
        </fieldset>
        <AddressFields region={region} onRegion={setRegion} values={v} set={f.set} errors={f.errors} />
        {f.general && <div class="msg error" role="alert">{f.general}</div>}
        <button class="primary" type="submit" disabled={f.busy}>
          {t('Terbitkan KK')}
        </button>
      </form>
    </div>
  );
}
