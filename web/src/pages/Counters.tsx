// Service counters (loket): take a number for a service, call the next one at a desk, start,
// finish or mark a no-show; waiting and service times; the public display for the hall.
import { useEffect, useState } from 'preact/hooks';
import { get, newKey, post, type Session } from '../api';
import { t } from '../i18n';
import { ErrorBox, Section, SelectField, useAction, useAsync } from '../components/ui';

interface Ticket {
  id: number;
  label: string;
  service: string;
  service_label: string;
  state: string;
}
interface Desk {
  id: number;
  name: string;
  services: string[];
  active: boolean;
  current: Ticket | null;
}
const SERVICES: [string, string][] = [
  ['rekam_ktp', 'A · Perekaman KTP-el'],
  ['ambil_ktp', 'B · Pengambilan KTP-el'],
  ['kk', 'C · Kartu Keluarga'],
  ['akta', 'D · Akta Pencatatan Sipil'],
  ['pindah', 'E · Pindah Datang / Keluar'],
];

const STATE: Record<string, string> = { WAITING: 'Menunggu', CALLED: 'Dipanggil', SERVING: 'Sedang dilayani', DONE: 'Selesai', NO_SHOW: 'Tidak hadir' };

export default function Counters({ session }: { session: Session }) {
  const sites = useAsync((s) => get<{ sites: { id: number; name: string; code: string; kind: string; active: boolean }[] }>('/api/v1/sites', s), []);
  const [siteId, setSiteId] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const first = sites.data?.sites.find((s) => s.active && s.kind === 'counter') ?? sites.data?.sites.find((s) => s.active);
    if (!siteId && first) setSiteId(String(first.id));
  }, [sites.data]);
  const desks = useAsync((s) => (siteId ? get<{ desks: Desk[] }>(`/api/v1/sites/${siteId}/desks`, s) : Promise.resolve({ desks: [] })), [siteId, tick]);
  const [service, setService] = useState('rekam_ktp');
  const [issued, setIssued] = useState<Ticket | null>(null);
  const staff = session.role !== 'supervisor';
  const keeper = session.role === 'admin' || session.role === 'supervisor';
  const [deskName, setDeskName] = useState('');
  const [deskServices, setDeskServices] = useState<string[]>(['rekam_ktp']);

  const { busy, error, setError, run } = useAction();
  // One action at a time: a double click never calls two residents.
  const act = (path: string, body?: unknown) =>
    run(async () => {
      const r = await post<Ticket>(path, body, newKey('loket'));
      setTick((n) => n + 1);
      return r;
    });
  return (
    <div>
      <h1>{t('Loket layanan')}</h1>
      <div class="row" style="max-width:640px">
        <SelectField label={t('Lokasi')} name="site" value={siteId} onValue={setSiteId} options={(sites.data?.sites ?? []).filter((s) => s.active).map((s) => [String(s.id), `${s.name} (${s.code})`] as [string, string])} />
      </div>
      {siteId && (
        <p>
          <a href={`/loket/${siteId}`} target="_blank" rel="noopener">
            {t('Buka layar antrean umum')} ↗
          </a>
        </p>
      )}
      {error && <div class="msg error" role="alert">{error}</div>}
      {staff && (
        <Section title={t('Ambil nomor antrean')}>
          <form
            class="row"
            onSubmit={async (e) => {
              e.preventDefault();
              const tk = await act(`/api/v1/sites/${siteId}/tickets`, { service });
              if (tk) setIssued(tk);
            }}
          >
            <SelectField label={t('Layanan')} name="service" value={service} onValue={setService} options={SERVICES} />
            <button class="primary" type="submit" style="flex:0 0 auto;margin-bottom:.8rem">
              {t('Ambil nomor')}
            </button>
          </form>
          {issued && (
            <p class="msg ok" role="status" data-testid="ticket">
              {t('Nomor antrean')}: <strong style="font-size:1.6rem">{issued.label}</strong> · {issued.service_label}
            </p>
          )}
        </Section>
      )}
      {keeper && (
        <Section title={t('Buka meja layanan')}>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (!deskName.trim()) return setError(t('Isi nama meja, mis. "Loket 1".'));
              if (deskServices.length === 0) return setError(t('Pilih paling sedikit satu layanan.'));
              if (await act(`/api/v1/sites/${siteId}/desks`, { name: deskName.trim(), services: deskServices })) setDeskName('');
            }}
          >
            <div class="row">
              <div class="field">
                <label for="desk-name">{t('Nama meja')}</label>
                <input id="desk-name" value={deskName} onInput={(e) => setDeskName((e.target as HTMLInputElement).value)} />
              </div>
            </div>
            <fieldset style="border:none;padding:0;margin-bottom:.6rem">
              <legend>{t('Layanan di meja ini')}</legend>
              {SERVICES.map(([code, label]) => (
                <label style="font-weight:400;display:inline-block;margin-right:1rem">
                  <input
                    type="checkbox"
                    style="width:auto;margin-right:.3rem"
                    checked={deskServices.includes(code)}
                    onChange={(e) => setDeskServices((e.target as HTMLInputElement).checked ? [...deskServices, code] : deskServices.filter((x) => x !== code))}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
            <button class="primary" type="submit">
              {t('Buka meja')}
            </button>
          </form>
        </Section>
      )}
      <Section title={t('Meja layanan')}>
        <ErrorBox error={desks.error} />
        <table data-testid="desks">
          <thead>
            <tr>
              <th scope="col">{t('Meja')}</th>
              <th scope="col">{t('Sedang dilayani')}</th>
              <th scope="col">{t('Tindakan')}</th>
            </tr>
          </thead>
          <tbody>
            {(desks.data?.desks ?? []).map((d) => (
              <tr>
                <td>
                  {d.name}
                  <div class="muted" style="font-size:.85rem">{d.services.map((c) => SERVICES.find(([x]) => x === c)?.[1] ?? c).join(', ')}</div>
                </td>
                <td>{d.current ? <strong>{d.current.label}</strong> : '—'} {d.current && <span class="badge">{t(STATE[d.current.state] ?? d.current.state)}</span>}</td>
                <td>
                  {staff && (
                    <div class="row" style="gap:.4rem">
                      <button type="button" class="primary" disabled={busy} aria-label={`${t('Panggil berikutnya')} — ${d.name}`} onClick={() => act(`/api/v1/desks/${d.id}/call-next`)}>
                        {t('Panggil berikutnya')}
                      </button>
                      {d.current?.state === 'CALLED' && (
                        <>
                          <button type="button" onClick={() => act(`/api/v1/tickets/${d.current!.id}/recall`)}>{t('Panggil ulang')}</button>
                          <button type="button" onClick={() => act(`/api/v1/tickets/${d.current!.id}/start`)}>{t('Mulai layani')}</button>
                          <button type="button" class="danger" onClick={() => act(`/api/v1/tickets/${d.current!.id}/no-show`)}>{t('Tidak hadir')}</button>
                        </>
                      )}
                      {d.current?.state === 'SERVING' && (
                        <button type="button" onClick={() => act(`/api/v1/tickets/${d.current!.id}/finish`)}>{t('Selesai')}</button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
