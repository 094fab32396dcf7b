// Jemput bola: where the unrecorded are and which villages come first (with their reasons), the
// mobile teams' plans and visits, what each visit found, and the projected date each region
// reaches its target.
import { useState } from 'preact/hooks';
import { get, newKey, openPdf, post, q, type Session } from '../api';
import { errorText, t } from '../i18n';
import { ErrorBox, Loading, Section, TextField, fmt, pct, useAsync } from '../components/ui';
import { RegionPicker, type Region } from '../components/RegionPicker';

interface Village {
  rank: number;
  village_code: string;
  name: string;
  district_name: string;
  unrecorded: number;
  waiting_over_year: number;
  recording_rate: number;
  reasons: { code: string; label: string; text: string }[];
}
interface Plan {
  id: number;
  region_code: string;
  starts_on: string;
  ends_on: string;
  state: string;
  summary: { persons_planned: number; persons_total: number; uncovered: unknown[] };
}
interface Visit {
  id: number;
  day: string;
  village_code: string;
  team_id: number;
  planned: number;
  reasons: string;
  state: string;
}
interface VisitDetail {
  id: number;
  day: string;
  district_name: string;
  persons: { nik: string; nama: string; alamat: string; ektp_status: string; rt?: number; rw?: number }[];
  outcomes: { nik: string; outcome: string; note: string | null }[];
}
interface Projection {
  region_code: string;
  name: string;
  recording_rate: number;
  target_rate: number;
  target_date: string;
  projected_date: string | null;
  status: string;
  off_track: boolean;
  remaining: number;
}
// "Recorded" is linked by the recording itself (its recording id), from the recording screen.
const OUTCOMES: [string, string][] = [
  ['not_at_home', 'Tidak di rumah'],
  ['refused', 'Menolak'],
  ['moved_away', 'Sudah pindah'],
  ['died', 'Meninggal'],
];

const VISIT_STATE: Record<string, string> = { PLANNED: 'Terjadwal', DONE: 'Selesai', CANCELLED: 'Dibatalkan', OPEN: 'Berlangsung' };

export default function Outreach({ session }: { session: Session }) {
  const region = session.scope === 'national' ? '' : session.scope;
  const [planRegion, setPlanRegion] = useState<Region | null>(null);
  const planner = session.role === 'admin' || session.role === 'supervisor';
  const [tick, setTick] = useState(0);
  const priority = useAsync((s) => get<{ total_villages: number; villages: Village[] }>(`/api/v1/outreach/priority${q({ region, limit: 15 })}`, s), []);
  const plans = useAsync((s) => get<{ plans: Plan[] }>('/api/v1/outreach/plans', s), [tick]);
  const active = plans.data?.plans.find((p) => p.state === 'ACTIVE');
  const plan = useAsync((s) => (active ? get<{ visits: Visit[] }>(`/api/v1/outreach/plans/${active.id}`, s) : Promise.resolve(null)), [active?.id, tick]);
  const projection = useAsync((s) => get<{ regions: Projection[] }>(`/api/v1/outreach/projection${q({ region })}`, s), []);
  const [visitId, setVisitId] = useState<number | null>(null);
  const [from, setFrom] = useState(new Date().toISOString().slice(0, 10));
  const [to, setTo] = useState(new Date(Date.now() + 13 * 86400e3).toISOString().slice(0, 10));
  const [error, setError] = useState('');

  const makePlan = async (e: Event) => {
    e.preventDefault();
    setError('');
    if (active && !window.confirm(t('Susun ulang? Kunjungan yang belum dilakukan dari rencana aktif dibatalkan.'))) return;
    try {
      const target = planRegion?.code ?? region;
      if (!target) return setError(t('Pilih kabupaten/kota yang direncanakan.'));
      await post('/api/v1/outreach/plans', { region_code: target, from, to }, newKey('plan'));
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const pdf = async (path: string) => {
    try {
      await openPdf(path);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div>
      <h1>{t('Jemput bola')}</h1>
      {error && <div class="msg error" role="alert">{error}</div>}
      <Section title={t('Desa prioritas')}>
        {priority.loading && <Loading />}
        <ErrorBox error={priority.error} />
        {priority.data && (
          <table data-testid="priority">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('Desa/Kelurahan')}</th>
                <th scope="col" class="num">{t('Belum rekam')}</th>
                <th scope="col" class="num">{t('Cakupan')}</th>
                <th scope="col">{t('Alasan')}</th>
              </tr>
            </thead>
            <tbody>
              {priority.data.villages.map((v) => (
                <tr>
                  <td>{v.rank}</td>
                  <td>
                    {v.name}, {v.district_name}
                  </td>
                  <td class="num">{fmt(v.unrecorded)}</td>
                  <td class="num">{pct(v.recording_rate)}</td>
                  <td>{v.reasons.map((r) => r.label).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section
        title={active ? `${t('Rencana aktif')} ${active.starts_on} – ${active.ends_on}` : t('Rencana tim')}
        actions={active ? <button type="button" onClick={() => pdf(`/api/v1/outreach/plans/${active.id}/plan.pdf`)}>{t('Cetak rencana (PDF)')}</button> : null}
      >
        {active && (
          <p>
            {fmt(active.summary.persons_planned)} {t('dari')} {fmt(active.summary.persons_total)} {t('orang belum rekam terjadwal')}; {active.summary.uncovered.length} {t('desa belum terjangkau.')}
          </p>
        )}
        {planner && (
          <form class="row" onSubmit={makePlan}>
            {!region && <RegionPicker label={t('Kabupaten/kota')} level="regency" value={planRegion} onPick={setPlanRegion} />}
            <TextField label={t('Dari')} type="date" name="from" value={from} onValue={setFrom} />
            <TextField label={t('Sampai')} type="date" name="to" value={to} onValue={setTo} />
            <button class="primary" type="submit" style="flex:0 0 auto;margin-bottom:.8rem">
              {active ? t('Susun ulang rencana') : t('Susun rencana')}
            </button>
          </form>
        )}
        {plan.data && (
          <table data-testid="visits">
            <thead>
              <tr>
                <th scope="col">{t('Hari')}</th>
                <th scope="col">{t('Tim')}</th>
                <th scope="col">{t('Desa')}</th>
                <th scope="col" class="num">{t('Orang')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {plan.data.visits.slice(0, 40).map((v) => (
                <tr>
                  <td>{v.day}</td>
                  <td>{v.team_id}</td>
                  <td>
                    <code>{v.village_code}</code> <span class="muted">{v.reasons}</span>
                  </td>
                  <td class="num">{v.planned}</td>
                  <td>{t(VISIT_STATE[v.state] ?? v.state)}</td>
                  <td>
                    <button type="button" onClick={() => setVisitId(v.id)} aria-label={`${t('Buka kunjungan')} ${v.day} ${v.village_code}`}>
                      {t('Buka')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {visitId !== null && <VisitView id={visitId} onPdf={pdf} field={session.role !== 'auditor'} />}
      <Section title={t('Proyeksi target')}>
        <ErrorBox error={projection.error} />
        {projection.data && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Wilayah')}</th>
                <th scope="col" class="num">{t('Cakupan')}</th>
                <th scope="col">{t('Target')}</th>
                <th scope="col">{t('Perkiraan tercapai')}</th>
                <th scope="col" class="num">{t('Sisa')}</th>
              </tr>
            </thead>
            <tbody>
              {projection.data.regions.slice(0, 30).map((r) => (
                <tr>
                  <td>{r.name}</td>
                  <td class="num">{pct(r.recording_rate)}</td>
                  <td>
                    {pct(r.target_rate)} {t('pada')} {r.target_date}
                  </td>
                  <td>
                    <span class={'badge ' + (r.off_track ? 'bad' : 'ok')}>{r.projected_date ?? t('tidak ada kemajuan')}</span>
                  </td>
                  <td class="num">{fmt(r.remaining)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

function VisitView({ id, onPdf, field }: { id: number; onPdf: (p: string) => void; field: boolean }) {
  const [tick, setTick] = useState(0);
  const v = useAsync((s) => get<VisitDetail>(`/api/v1/outreach/visits/${id}`, s), [id, tick]);
  const [error, setError] = useState('');
  const record = async (nik: string, outcome: string) => {
    setError('');
    try {
      await post(`/api/v1/outreach/visits/${id}/outcomes`, { nik, outcome }, newKey('visit'));
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };
  if (!v.data) return v.error ? <ErrorBox error={v.error} /> : <Loading />;
  const last = (nik: string) => [...v.data!.outcomes].reverse().find((o) => o.nik === nik)?.outcome;
  return (
    <Section title={`${t('Kunjungan')} ${v.data.day}, ${v.data.district_name}`} actions={field ? <button type="button" onClick={() => onPdf(`/api/v1/outreach/visits/${id}/invitations.pdf`)}>{t('Surat undangan (PDF)')}</button> : null}>
      {error && <div class="msg error" role="alert">{error}</div>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Nama')}</th>
            <th scope="col">{t('Alamat')}</th>
            <th scope="col">{t('Hasil')}</th>
          </tr>
        </thead>
        <tbody>
          {v.data.persons.map((p) => (
            <tr>
              <td>
                <a href={`/orang/${p.nik}`}>{p.nama}</a>
              </td>
              <td>{p.alamat || '—'}</td>
              <td>
                <select aria-label={`${t('Hasil kunjungan')} ${p.nama}`} disabled={!field} value={last(p.nik) ?? ''} onChange={(e) => record(p.nik, (e.target as HTMLSelectElement).value)}>
                  <option value="">— {t('belum dikunjungi')} —</option>
                  {last(p.nik) === 'recorded' && <option value="recorded">{t('Sudah direkam')}</option>}
                  {OUTCOMES.map(([c, l]) => (
                    <option value={c}>{t(l)}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
