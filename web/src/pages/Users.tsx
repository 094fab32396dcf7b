// User administration (admins): the users inside the admin's scope, a new user with a role and
// scope (the password shown once), disable or enable, reset a password.
import { useState } from 'preact/hooks';
import { get, post, type Role, type Session } from '../api';
import { errorText, t } from '../i18n';
import { roleLabel } from '../labels';
import { ErrorBox, Section, SelectField, TextField, useAsync } from '../components/ui';
import { clean, useForm } from '../components/form';

interface User {
  username: string;
  role: Role;
  scope: string;
  disabled: boolean;
  locked: boolean;
  created_at: string;
}
const ROLES: Role[] = ['admin', 'supervisor', 'registrar', 'recording_officer', 'print_officer', 'auditor', 'partner'];

export default function Users({ session }: { session: Session }) {
  const [tick, setTick] = useState(0);
  const users = useAsync((s) => get<{ items: User[] }>('/api/v1/users', s), [tick]);
  const f = useForm({ username: '', role: 'registrar', scope: session.scope });
  const [secret, setSecret] = useState<{ user: string; password: string } | null>(null);
  const [error, setError] = useState('');

  const create = (e: Event) => {
    e.preventDefault();
    f.submit(
      (x) => clean({ username: /^[a-z0-9._-]{3,32}$/.test(x.username) ? '' : 'Nama pengguna 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung.', scope: x.scope.trim() ? '' : 'Isi wilayah (national, 32, 32.04 atau 32.04.05).' }),
      async (x) => {
        const r = await post<{ username: string; password: string }>('/api/v1/users', x);
        setSecret({ user: r.username, password: r.password });
        f.setValues({ username: '', role: x.role, scope: x.scope });
        setTick((n) => n + 1);
      },
    );
  };
  const act = async (u: User, what: 'disable' | 'enable' | 'password') => {
    setError('');
    if (what === 'password' && !window.confirm(`${t('Atur ulang kata sandi')} ${u.username}? ${t('Sesi yang sedang berjalan berakhir.')}`)) return;
    if (what === 'disable' && !window.confirm(`${t('Nonaktifkan')} ${u.username}?`)) return;
    try {
      const r = await post<{ password?: string }>(`/api/v1/users/${u.username}/${what}`);
      if (r.password) setSecret({ user: u.username, password: r.password });
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div>
      <h1>{t('Pengguna')}</h1>
      {secret && (
        <div class="msg warn" role="status" data-testid="new-password">
          {t('Kata sandi untuk')} <strong>{secret.user}</strong>: <code style="font-size:1.1rem">{secret.password}</code> — {t('sampaikan langsung kepada pengguna; tidak akan ditampilkan lagi.')}
        </div>
      )}
      {error && <div class="msg error" role="alert">{error}</div>}
      <Section title={t('Tambah pengguna')}>
        <form onSubmit={create} noValidate>
          <div class="grid2">
            <TextField label={t('Nama pengguna')} name="username" value={f.values.username} onValue={f.set('username')} error={f.errors.username} autocomplete="off" />
            <SelectField label={t('Peran')} name="role" value={f.values.role} onValue={f.set('role')} options={ROLES.map((r) => [r, roleLabel(r)])} error={f.errors.role} />
            <TextField label={t('Wilayah kewenangan')} name="scope" value={f.values.scope} onValue={f.set('scope')} error={f.errors.scope} hint={t('national, kode provinsi (32), kabupaten (32.04) atau kecamatan (32.04.05)')} />
          </div>
          {f.general && <div class="msg error" role="alert">{f.general}</div>}
          <button class="primary" type="submit" disabled={f.busy}>
            {t('Tambah')}
          </button>
        </form>
      </Section>
      <Section title={t('Daftar pengguna')}>
        <ErrorBox error={users.error} />
        <table data-testid="users">
          <thead>
            <tr>
              <th scope="col">{t('Nama pengguna')}</th>
              <th scope="col">{t('Peran')}</th>
              <th scope="col">{t('Wilayah')}</th>
              <th scope="col">{t('Status')}</th>
              <th scope="col">{t('Tindakan')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u) => (
              <tr>
                <td>{u.username}</td>
                <td>{roleLabel(u.role)}</td>
                <td>{u.scope}</td>
                <td>
                  {u.disabled ? <span class="badge bad">{t('nonaktif')}</span> : <span class="badge ok">{t('aktif')}</span>} {u.locked && <span class="badge warn">{t('terkunci')}</span>}
                </td>
                <td>
                  <div class="row" style="gap:.4rem">
                    {u.username !== session.username && (
                      <button type="button" class={u.disabled ? '' : 'danger'} onClick={() => act(u, u.disabled ? 'enable' : 'disable')} aria-label={`${u.disabled ? t('Aktifkan') : t('Nonaktifkan')} ${u.username}`}>
                        {u.disabled ? t('Aktifkan') : t('Nonaktifkan')}
                      </button>
                    )}
                    <button type="button" onClick={() => act(u, 'password')} aria-label={`${t('Atur ulang kata sandi')} ${u.username}`}>
                      {t('Atur ulang kata sandi')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
