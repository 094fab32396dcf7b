// De-duplication adjudication: the open cases; a case shows the new recording and the candidate
// side by side with their scores, and a supervisor decides — different people (the new one
// continues to printing) or the same person (one NIK survives) — always with a reason.
import { useState } from 'preact/hooks';
import { blobUrl, get, post, q, type Session } from '../api';
import { errorText, t } from '../i18n';
import { navigate } from '../router';
import { ErrorBox, Loading, Section, useAsync } from '../components/ui';
import { EKTP_STATUS, type Person } from '../components/people';

interface Case {
  id: number;
  nik: string;
  candidate_nik: string;
  score_left: number | null;
  score_right: number | null;
  false_match_probability: number;
  opened_at: string;
  state: string;
  decision: string | null;
  reason: string | null;
  decided_by: string | null;
  surviving_nik: string | null;
}

export default function Adjudication({ session, caseId }: { session: Session; caseId?: string }) {
  return caseId ? <CaseView id={caseId} session={session} /> : <CaseList />;
}

function CaseList() {
  const [state, setState] = useState('open');
  const list = useAsync((s) => get<{ cases: Case[] }>(`/api/v1/abis/cases${q({ state, limit: 100 })}`, s), [state]);
  return (
    <div>
      <h1>{t('Adjudikasi ganda')}</h1>
      <div class="row" style="max-width:420px">
        <label style="flex:0 0 auto;align-self:center" for="state">
          {t('Tampilkan')}
        </label>
        <select id="state" value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
          <option value="open">{t('Menunggu keputusan')}</option>
          <option value="decided">{t('Sudah diputuskan')}</option>
        </select>
      </div>
      <ErrorBox error={list.error} />
      {list.loading && <Loading />}
      {list.data && list.data.cases.length === 0 && <p class="muted">{t('Tidak ada kasus.')}</p>}
      {list.data && list.data.cases.length > 0 && (
        <table data-testid="cases">
          <thead>
            <tr>
              <th scope="col">{t('Kasus')}</th>
              <th scope="col">{t('NIK baru')}</th>
              <th scope="col">{t('NIK kandidat')}</th>
              <th scope="col" class="num">{t('Skor iris kanan / kiri')}</th>
              <th scope="col">{t('Dibuka')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.cases.map((c) => (
              <tr class="clickable" onClick={() => navigate(`/adjudikasi/${c.id}`)}>
                <td>
                  <a href={`/adjudikasi/${c.id}`}>#{c.id}</a>
                </td>
                <td>
                  <code>{c.nik}</code>
                </td>
                <td>
                  <code>{c.candidate_nik}</code>
                </td>
                <td class="num">
                  {score(c.score_right)} / {score(c.score_left)}
                </td>
                <td>{c.opened_at}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const score = (s: number | null) => (s === null ? '—' : s.toFixed(3));

function CaseView({ id, session }: { id: string; session: Session }) {
  const [tick, setTick] = useState(0);
  const c = useAsync((s) => get<Case>(`/api/v1/abis/cases/${id}`, s), [id, tick]);
  const a = useAsync((s) => (c.data ? get<Person>(`/api/v1/persons/${c.data.nik}`, s) : Promise.resolve(null)), [c.data?.nik, tick]);
  const b = useAsync((s) => (c.data ? get<Person>(`/api/v1/persons/${c.data.candidate_nik}`, s) : Promise.resolve(null)), [c.data?.candidate_nik, tick]);
  // The faces of the two latest recordings (an ABIS-only submission has none).
  const photos = useAsync(
    async () => {
      if (!c.data) return null;
      const one = (nik: string) => blobUrl(`/api/v1/persons/${nik}/photo`).catch(() => '');
      return { a: await one(c.data.nik), b: await one(c.data.candidate_nik) };
    },
    [c.data?.nik, c.data?.candidate_nik],
  );
  const [decision, setDecision] = useState<'different' | 'same' | ''>('');
  const [surviving, setSurviving] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const canDecide = session.role === 'admin' || session.role === 'supervisor';

  if (c.loading && !c.data) return <Loading />;
  if (c.error) return <ErrorBox error={c.error} />;
  const k = c.data!;
  const decide = async (e: Event) => {
    e.preventDefault();
    if (!decision) return setError(t('Pilih keputusan.'));
    if (decision === 'same' && !surviving) return setError(t('Pilih NIK yang dipertahankan.'));
    if (reason.trim().length < 5) return setError(t('Tulis alasan keputusan (minimal 5 huruf).'));
    setError('');
    if (decision === 'same' && !window.confirm(t('NIK yang tidak dipertahankan akan dinonaktifkan. Lanjutkan?'))) return;
    try {
      await post(`/api/v1/abis/cases/${id}/decision`, { decision, surviving_nik: decision === 'same' ? surviving : undefined, reason });
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const rows: [string, (p: Person) => string][] = [
    ['NIK', (p) => p.nik],
    [t('Nama'), (p) => p.nama],
    [t('Tempat, tanggal lahir'), (p) => `${p.tempat_lahir}, ${p.tanggal_lahir}`],
    [t('Jenis kelamin'), (p) => p.jenis_kelamin_label],
    [t('Ayah / Ibu'), (p) => `${p.nama_ayah} / ${p.nama_ibu}`],
    [t('Alamat'), (p) => `${p.alamat} RT ${p.rt}/RW ${p.rw}, ${p.wilayah_nama}`],
    ['KK', (p) => p.kk_number ?? '—'],
    ['e-KTP', (p) => t(EKTP_STATUS[p.ektp_status]?.[0] ?? p.ektp_status)],
  ];
  return (
    <div>
      <p>
        <a href="/adjudikasi">← {t('Semua kasus')}</a>
      </p>
      <h1>
        {t('Kasus ganda')} #{k.id}
      </h1>
      <p>
        {t('Skor iris (jarak Hamming ternormalisasi; makin kecil makin mirip, di bawah 0,32 hampir pasti orang yang sama)')}: {t('kanan')} <strong>{score(k.score_right)}</strong>, {t('kiri')} <strong>{score(k.score_left)}</strong> ·{' '}
        {t('peluang kecocokan palsu')} {k.false_match_probability.toExponential(1)}
      </p>
      <table class="card" data-testid="side-by-side">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('Perekaman baru')}</th>
            <th scope="col">{t('Kandidat di galeri')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('Foto')}</th>
            {[photos.data?.a, photos.data?.b].map((src, i) => (
              <td>
                {src ? (
                  <img src={src} alt={`${t('Foto')} ${i === 0 ? k.nik : k.candidate_nik}`} style="max-height:180px" data-testid={`photo-${i}`} />
                ) : (
                  <span class="muted">{photos.loading ? t('Memuat…') : t('Foto tidak tersedia (tanpa perekaman di lokasi)')}</span>
                )}
              </td>
            ))}
          </tr>
          {rows.map(([label, fn]) => {
            const x = a.data ? fn(a.data) : '…';
            const y = b.data ? fn(b.data) : '…';
            return (
              <tr>
                <th scope="row">{label}</th>
                <td>{x}</td>
                <td style={x !== y ? 'background:#fef3c7' : ''}>{y}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {k.state !== 'open' ? (
        <div class="msg ok" role="status" data-testid="case-decided">
          {t('Diputuskan')}: {k.decision === 'same' ? t('orang yang sama') : t('orang berbeda')}
          {k.surviving_nik && ` · ${t('NIK dipertahankan')} ${k.surviving_nik}`} · {k.decided_by} · {k.reason}
        </div>
      ) : canDecide ? (
        <Section title={t('Keputusan')}>
          <form onSubmit={decide}>
            <fieldset style="border:none;padding:0">
              <legend class="muted">{t('Apakah keduanya orang yang sama?')}</legend>
              <label style="font-weight:400">
                <input type="radio" name="decision" style="width:auto" checked={decision === 'different'} onChange={() => setDecision('different')} /> {t('Orang berbeda — perekaman baru dilanjutkan ke pencetakan')}
              </label>
              <label style="font-weight:400">
                <input type="radio" name="decision" style="width:auto" checked={decision === 'same'} onChange={() => setDecision('same')} /> {t('Orang yang sama — satu NIK dipertahankan, yang lain dinonaktifkan')}
              </label>
            </fieldset>
            {decision === 'same' && (
              <div class="field">
                <label for="surviving">{t('NIK yang dipertahankan')}</label>
                <select id="surviving" value={surviving} onChange={(e) => setSurviving((e.target as HTMLSelectElement).value)}>
                  <option value="">— pilih —</option>
                  <option value={k.nik}>{k.nik} ({a.data?.nama})</option>
                  <option value={k.candidate_nik}>{k.candidate_nik} ({b.data?.nama})</option>
                </select>
              </div>
            )}
            <div class="field">
              <label for="reason">{t('Alasan')}</label>
              <textarea id="reason" rows={2} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
            </div>
            {error && <div class="msg error" role="alert">{error}</div>}
            <button class="primary" type="submit">
              {t('Putuskan')}
            </button>
          </form>
        </Section>
      ) : (
        <p class="muted">{t('Hanya supervisor yang dapat memutuskan.')}</p>
      )}
    </div>
  );
}
