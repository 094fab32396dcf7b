// The audit log for auditors: who read or changed what, by NIK, user and time.
import { useState } from 'preact/hooks';
import { get, q } from '../api';
import { t } from '../i18n';
import { ErrorBox, TextField, useAsync } from '../components/ui';

interface Entry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  outcome: string;
  source: string;
  subjects: string;
}

export default function Audit() {
  const [nik, setNik] = useState('');
  const [user, setUser] = useState('');
  const [query, setQuery] = useState({ nik: '', user: '' });
  const log = useAsync(
    (s) => (query.nik || query.user ? get<{ items: Entry[] }>(`/api/v1/audit${q({ ...query, limit: 100, order: 'desc' })}`, s) : Promise.resolve(null)),
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
        <table data-testid="audit">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('Waktu')}</th>
              <th scope="col">{t('Pengguna')}</th>
              <th scope="col">{t('Tindakan')}</th>
              <th scope="col">{t('Hasil')}</th>
              <th scope="col">{t('Data')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((a) => (
              <tr>
                <td>{a.seq}</td>
                <td>{a.at}</td>
                <td>
                  {a.actor} <span class="muted">({a.role})</span>
                </td>
                <td>{a.action}</td>
                <td>{a.outcome}</td>
                <td style="max-width:260px;overflow-wrap:anywhere">
                  <small>{a.subjects.length > 80 ? a.subjects.slice(0, 80) + '…' : a.subjects}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
