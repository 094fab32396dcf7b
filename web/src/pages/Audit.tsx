// The audit log for auditors: who read or changed what, by NIK, user and time.
import { useState } from 'preact/hooks';
import { get, q } from '../api';
import { t } from '../i18n';
import { ErrorBox, TextField, useAsync } from '../components/ui';
import { AuditTable, type AuditEntry } from '../components/AuditTable';


export default function Audit() {
  const [nik, setNik] = useState('');
  const [user, setUser] = useState('');
  const [query, setQuery] = useState({ nik: '', user: '' });
  const log = useAsync(
    (s) => (query.nik || query.user ? get<{ items: AuditEntry[] }>(`/api/v1/audit${q({ ...query, limit: 100, order: 'desc' })}`, s) : Promise.resolve(null)),
    [query.nik, query.user],
  );
  return (
    <div>
      <h1>{t('Log audit')}</h1>
      <form class="row card" onSubmit={(e) => (e.preventDefault(), setQuery({ nik, user }))}>
        <TextField label="NIK" name="nik" inputMode="numeric" value={nik} onValue={setNik} />
        <TextField label={t('Pengguna')} name="user" value={user} onValue={setUser} />
        <button class="primary" type="submit" style="flex:0 0 auto;margin-bottom:.8rem">
          {t('Cari')}
        </button>
      </form>
      {!query.nik && !query.user && <p class="muted">{t('Isi NIK atau nama pengguna lalu tekan Cari.')}</p>}
      <ErrorBox error={log.error} />
      {log.data && (
        <AuditTable items={log.data.items} testid="audit" withSubjects />
      )}
    </div>
  );
}
