// Registering a person: keyboard-first (tab through in reading order, Enter submits), the NIK
// issued by the rules, and every refusal shown next to its field.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { SelectField, TextField } from '../components/ui';
import { type Region } from '../components/RegionPicker';
import { AddressFields } from '../components/AddressFields';
import { options, useCodes } from '../components/codes';
import { clean, dateError, longDate, parseDate, rangeError, required, useForm } from '../components/form';

const EMPTY = {
  nama: '',
  tempat_lahir: '',
  tanggal_lahir: '',
  jenis_kelamin: '',
  agama: '',
  golongan_darah: '13',
  status_perkawinan: '1',
  pendidikan: '',
  pekerjaan: '',
  kewarganegaraan: '1',
  nama_ayah: '',
  nama_ibu: '',
  wilayah: '',
  alamat: '',
  rt: '',
  rw: '',
};

export default function RegisterPerson() {
  const codes = useCodes();
  const f = useForm(EMPTY);
  const [region, setRegion] = useState<Region | null>(null);
  const v = f.values;

  const check = (x: typeof EMPTY) =>
    clean({
      nama: required(x.nama, 'Nama'),
      tempat_lahir: required(x.tempat_lahir, 'Tempat lahir'),
      tanggal_lahir: dateError(x.tanggal_lahir),
      jenis_kelamin: x.jenis_kelamin ? '' : 'Pilih jenis kelamin.',
      agama: x.agama ? '' : 'Pilih agama.',
      pendidikan: x.pendidikan ? '' : 'Pilih pendidikan.',
      pekerjaan: x.pekerjaan ? '' : 'Pilih pekerjaan.',
      wilayah: region && region.level === 'village' ? '' : 'Pilih desa/kelurahan dari daftar.',
      rt: rangeError(x.rt, 'RT', 1, 999),
      rw: rangeError(x.rw, 'RW', 1, 999),
    });

  const send = async (x: typeof EMPTY, key: string) => {
    const body: Record<string, unknown> = { ...x, wilayah: region!.code, tanggal_lahir: parseDate(x.tanggal_lahir) };
    for (const n of ['jenis_kelamin', 'agama', 'golongan_darah', 'status_perkawinan', 'pendidikan', 'pekerjaan', 'kewarganegaraan', 'rt', 'rw']) {
      body[n] = Number(x[n as keyof typeof EMPTY]);
    }
    const p = await post<{ nik: string }>('/api/v1/persons', body, key);
    navigate(`/orang/${p.nik}?baru=1`);
  };

  return (
    <div>
      <h1>{t('Daftarkan penduduk')}</h1>
      <p class="muted">{t('NIK diterbitkan otomatis dari kecamatan, tanggal lahir dan jenis kelamin. Tab berpindah isian, Enter menyimpan.')}</p>
      <form class="card" onSubmit={(e) => (e.preventDefault(), f.submit(check, send))} noValidate>
        <div class="grid2">
          <TextField label={t('Nama lengkap')} name="nama" value={v.nama} onValue={f.set('nama')} error={f.errors.nama} autoFocus />
          <TextField label={t('Tempat lahir')} name="tempat_lahir" value={v.tempat_lahir} onValue={f.set('tempat_lahir')} error={f.errors.tempat_lahir} />
          <TextField
            label={t('Tanggal lahir')}
            name="tanggal_lahir"
            inputMode="numeric"
            placeholder="HH-BB-TTTT"
            value={v.tanggal_lahir}
            onValue={f.set('tanggal_lahir')}
            error={f.errors.tanggal_lahir}
            hint={parseDate(v.tanggal_lahir) ? longDate(parseDate(v.tanggal_lahir)) : t('hari, bulan, tahun: 12041985 atau 12-04-1985')}
          />
          <SelectField label={t('Jenis kelamin')} name="jenis_kelamin" value={v.jenis_kelamin} onValue={f.set('jenis_kelamin')} options={options(codes.data, 'jenis_kelamin')} error={f.errors.jenis_kelamin} />
          <SelectField label={t('Agama')} name="agama" value={v.agama} onValue={f.set('agama')} options={options(codes.data, 'agama')} error={f.errors.agama} />
          <SelectField label={t('Golongan darah')} name="golongan_darah" value={v.golongan_darah} onValue={f.set('golongan_darah')} options={options(codes.data, 'golongan_darah', '')} error={f.errors.golongan_darah} />
          <SelectField label={t('Status perkawinan')} name="status_perkawinan" value={v.status_perkawinan} onValue={f.set('status_perkawinan')} options={options(codes.data, 'status_perkawinan', '')} error={f.errors.status_perkawinan} />
          <SelectField label={t('Pendidikan')} name="pendidikan" value={v.pendidikan} onValue={f.set('pendidikan')} options={options(codes.data, 'pendidikan')} error={f.errors.pendidikan} />
          <SelectField label={t('Pekerjaan')} name="pekerjaan" value={v.pekerjaan} onValue={f.set('pekerjaan')} options={options(codes.data, 'pekerjaan')} error={f.errors.pekerjaan} />
          <SelectField label={t('Kewarganegaraan')} name="kewarganegaraan" value={v.kewarganegaraan} onValue={f.set('kewarganegaraan')} options={options(codes.data, 'kewarganegaraan', '')} error={f.errors.kewarganegaraan} />
          <TextField label={t('Nama ayah')} name="nama_ayah" value={v.nama_ayah} onValue={f.set('nama_ayah')} error={f.errors.nama_ayah} />
          <TextField label={t('Nama ibu')} name="nama_ibu" value={v.nama_ibu} onValue={f.set('nama_ibu')} error={f.errors.nama_ibu} />
        </div>
        <AddressFields region={region} onRegion={setRegion} values={v} set={f.set} errors={f.errors} />
        {f.general && (
          <div class="msg error" role="alert">
            {f.general}
          </div>
        )}
        <button class="primary" type="submit" disabled={f.busy}>
          {f.busy ? t('Menyimpan…') : t('Daftarkan')}
        </button>
      </form>
    </div>
  );
}
