import { useState } from 'preact/hooks';
import { call, setSession, type Session } from '../api';
import { errorText, setLang, t, useLang } from '../i18n';
import { TextField } from '../components/ui';

export function Login({ reason }: { reason?: string }) {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [field, setField] = useState<'username' | 'password' | ''>('');

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim()) return (setField('username'), setError(t('Isi nama pengguna.')));
    if (!password) return (setField('password'), setError(t('Isi kata sandi.')));
    setBusy(true);
    setError('');
    setField('');
    try {
      const r = await call<Session>('POST', '/api/v1/auth/login', { body: { username: username.trim(), password } });
      setSession(r.data);
    } catch (err) {
      setError(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="isi" style="max-width:420px;margin:8vh auto;padding:1rem">
      <div class="card">
        <h1>OpenSIAK</h1>
        <p class="muted">{t('Sistem Informasi Administrasi Kependudukan')}</p>
        {reason === 'expired' && (
          <div class="msg warn" role="status">
            {t('Sesi Anda telah berakhir. Silakan masuk kembali.')}
          </div>
        )}
        {reason === 'logout' && (
          <div class="msg ok" role="status">
            {t('Anda telah keluar.')}
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            label={t('Nama pengguna')}
            name="username"
            autocomplete="username"
            autoFocus
            value={username}
            onValue={setUsername}
            error={field === 'username' ? error : undefined}
          />
          <TextField
            label={t('Kata sandi')}
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onValue={setPassword}
            error={field === 'password' ? error : undefined}
          />
          {error && !field && (
            <div class="msg error" role="alert" data-testid="login-error">
              {error}
            </div>
          )}
          <div class="row">
            <button class="primary" type="submit" disabled={busy}>
              {busy ? t('Memeriksa…') : t('Masuk')}
            </button>
            <button type="button" style="flex:0 0 auto" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} lang={lang === 'id' ? 'en' : 'id'}>
              {lang === 'id' ? 'English' : 'Bahasa Indonesia'}
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}
