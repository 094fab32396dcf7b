// The shell: login until there is a session, then the header, the navigation for the user's
// role, and the screen for the address. Screens other than the dashboard load on demand, so the
// first screen stays small on a weak connection.
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { call, currentSession, onSession, setSession, type Role, type Session } from './api';
import { setLang, t, useLang } from './i18n';
import { linkClick, match, navigate, useLocation } from './router';
import { Login } from './pages/Login';
import { Dashboard } from './pages/Dashboard';
import { Loading } from './components/ui';
import { roleLabel, scopeLabel } from './labels';
import { drain } from './outbox';

const Search = lazy(() => import('./pages/Search'));
const PersonPage = lazy(() => import('./pages/Person'));
const FamilyPage = lazy(() => import('./pages/Family'));
const RegisterPerson = lazy(() => import('./pages/RegisterPerson'));
const NewFamily = lazy(() => import('./pages/NewFamily'));
const Move = lazy(() => import('./pages/Move'));
const Recording = lazy(() => import('./pages/Recording'));
const Adjudication = lazy(() => import('./pages/Adjudication'));
const Printing = lazy(() => import('./pages/Printing'));
const SuketPage = lazy(() => import('./pages/Suket'));
const Outreach = lazy(() => import('./pages/Outreach'));
const Counters = lazy(() => import('./pages/Counters'));
const Users = lazy(() => import('./pages/Users'));
const Audit = lazy(() => import('./pages/Audit'));

const ALL: Role[] = ['admin', 'supervisor', 'registrar', 'recording_officer', 'print_officer', 'auditor'];
const READERS: Role[] = ALL;
const REGISTRARS: Role[] = ['admin', 'registrar'];

interface NavItem {
  path: string;
  label: string;
  roles: Role[];
}
const NAV: NavItem[] = [
  { path: '/', label: 'Beranda', roles: ALL },
  { path: '/cari', label: 'Cari penduduk', roles: READERS },
  { path: '/daftar', label: 'Daftarkan penduduk', roles: REGISTRARS },
  { path: '/kk/baru', label: 'Buat KK baru', roles: REGISTRARS },
  { path: '/pindah', label: 'Pindah datang', roles: REGISTRARS },
  { path: '/rekam', label: 'Perekaman e-KTP', roles: ['admin', 'recording_officer', 'registrar'] },
  { path: '/adjudikasi', label: 'Adjudikasi ganda', roles: ['admin', 'supervisor', 'auditor'] },
  { path: '/cetak', label: 'Pencetakan', roles: ['admin', 'print_officer'] },
  { path: '/suket', label: 'Suket', roles: ['admin', 'print_officer', 'registrar', 'supervisor', 'auditor'] },
  { path: '/jemput-bola', label: 'Jemput bola', roles: ['admin', 'supervisor', 'registrar', 'recording_officer', 'auditor'] },
  { path: '/loket', label: 'Loket layanan', roles: ['admin', 'supervisor', 'registrar', 'recording_officer'] },
  { path: '/pengguna', label: 'Pengguna', roles: ['admin'] },
  { path: '/audit', label: 'Log audit', roles: ['admin', 'auditor'] },
];



function Screen({ path, session }: { path: string; session: Session }) {
  let m: Record<string, string> | null;
  if (path === '/') return <Dashboard session={session} />;
  if (path === '/cari') return <Search />;
  if ((m = match('/orang/:nik', path))) return <PersonPage key={m.nik} nik={m.nik} session={session} />;
  if (path === '/kk/baru') return <NewFamily />;
  if ((m = match('/kk/:kk', path))) return <FamilyPage key={m.kk} kk={m.kk} session={session} />;
  if (path === '/daftar') return <RegisterPerson />;
  if (path === '/pindah') return <Move />;
  if (path === '/rekam') return <Recording />;
  if (path === '/adjudikasi') return <Adjudication session={session} />;
  if ((m = match('/adjudikasi/:id', path))) return <Adjudication key={m.id} session={session} caseId={m.id} />;
  if (path === '/cetak') return <Printing />;
  if (path === '/suket') return <SuketPage session={session} />;
  if (path === '/jemput-bola') return <Outreach session={session} />;
  if (path === '/loket') return <Counters session={session} />;
  if (path === '/pengguna') return <Users session={session} />;
  if (path === '/audit') return <Audit />;
  return (
    <div>
      <h1>{t('Halaman tidak ditemukan')}</h1>
      <p>
        <a href="/">{t('Kembali ke beranda')}</a>
      </p>
    </div>
  );
}

export function App() {
  const lang = useLang();
  const [session, setS] = useState<Session | null>(currentSession());
  const [why, setWhy] = useState<string | undefined>();
  const { path } = useLocation();
  useEffect(() => onSession((s, w) => (setS(s), setWhy(w))), []);
  // Recordings waiting from before a reload or a new login go out now.
  useEffect(() => {
    if (session) void drain();
  }, [session?.token]);
  // The session may have ended on the server (expired, revoked, user disabled): ask once.
  useEffect(() => {
    if (session) call('GET', '/api/v1/auth/me').catch(() => {});
  }, []);
  // After a screen change the reader starts at the new content (unless a field there took focus).
  useEffect(() => {
    const main = document.getElementById('isi');
    if (main && !main.contains(document.activeElement)) main.focus();
  }, [path]);
  useEffect(() => {
    const item = NAV.find((n) => n.path === path);
    document.title = `${item ? t(item.label) + ' · ' : ''}OpenSIAK`;
  }, [path, lang]);

  if (!session) return <Login reason={why} />;
  const items = NAV.filter((n) => n.roles.includes(session.role));
  const current = (p: string) => (p === '/' ? path === '/' : path === p || path.startsWith(p + '/'));
  const logout = async () => {
    try {
      await call('POST', '/api/v1/auth/logout');
    } catch {
      /* the session ends here either way */
    }
    setSession(null, 'logout');
    navigate('/', true);
  };
  return (
    <div onClick={(e) => linkClick(e as unknown as MouseEvent)}>
      <a class="skip" href="#isi">
        {t('Lewati ke isi')}
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          OpenSIAK
        </a>
        <span class="who" data-testid="who">
          {session.username} · {roleLabel(session.role)} · {t('Wilayah')}: {scopeLabel(session.scope)}
        </span>
        <button type="button" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} lang={lang === 'id' ? 'en' : 'id'} title={t('Bahasa')}>
          {lang === 'id' ? 'English' : 'Bahasa Indonesia'}
        </button>
        <button type="button" onClick={logout}>
          {t('Keluar')}
        </button>
      </header>
      <div class="shell">
        <nav class="side" aria-label={t('Menu utama')}>
          {items.map((n) => (
            <a href={n.path} aria-current={current(n.path) ? 'page' : undefined}>
              {t(n.label)}
            </a>
          ))}
        </nav>
        <main id="isi" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Screen path={path} session={session} />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
