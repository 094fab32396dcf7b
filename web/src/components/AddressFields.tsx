// The address of a person or a family: the village (picked from the region index, inside the
// user's scope), the street address, RT and RW, with their errors beside them.
import { currentSession } from '../api';
import { t } from '../i18n';
import { TextField } from './ui';
import { RegionPicker, type Region } from './RegionPicker';

export function AddressFields(props: {
  region: Region | null;
  onRegion: (r: Region | null) => void;
  values: { alamat: string; rt: string; rw: string };
  set: (name: 'alamat' | 'rt' | 'rw') => (v: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <RegionPicker
        label={t('Desa/Kelurahan')}
        name="wilayah"
        level="village"
        within={currentSession()?.scope}
        value={props.region}
        onPick={props.onRegion}
        error={props.errors.wilayah}
      />
      <div class="row">
        <TextField label={t('Alamat')} name="alamat" value={props.values.alamat} onValue={props.set('alamat')} error={props.errors.alamat} />
        <TextField label="RT" name="rt" inputMode="numeric" value={props.values.rt} onValue={props.set('rt')} error={props.errors.rt} />
        <TextField label="RW" name="rw" inputMode="numeric" value={props.values.rw} onValue={props.set('rw')} error={props.errors.rw} />
      </div>
    </>
  );
}
