// Suket: the temporary certificate for a recorded resident while blanks run out; issued at a
// site, printed as PDF with a signed QR code, and listed.
import { useState } from 'preact/hooks';
import { get, newKey, openPdf, post, q, type Session } from '../api';
import { errorText, t } from '../i18n';
import { ErrorBox, Section, SelectField, useAsync } from '../components/ui';
import { NikInput } from '../components/NikInput';

interface Suket {
  number: string;
  nik: string;
  issued_at: string;
  valid_until: string;
  site_id: number;
  state: string;
  closed_at?: string | null;
}

export default function SuketPage({ session }: { session: Session }) {
  const canIssue = ['admin', 'print_officer', 'registrar'].includes(session.role);
  const sites = useAsync((s) => get<{ sites: { id: number; name: string; code: string; active: boolean }[] }>('/api/v1/sites', s), []);
  const [tick, setTick] = useState(0);
  const list = useAsync((s) => get<{ items: Suket[] }>(`/api/v1/suket${q({ limit: 50 })}`, s), [tick]);
  const [nik, setNik] = useState('');
  const [siteId, setSiteId] = useState('');
  const [error, setError] = useState('');
  const [issued, setIssued] = useState<Suket | null>(null);

  const issue = async (e: Event) => {
    e.preventDefault();
    setError('');
    if (!/^\d{16}$/.test(nik)) return setError(t('NIK harus 16 digit angka.'));
    if (!siteId) return setError(t('Pilih lokasi penerbitan.'));
    try {
      const s = await post<Suket>('/api/v1/suket', { nik, site_id: Number(siteId) }, newKey('suket'));
      setIssued(s);
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const showPdf = async (number: string) => {
    try {
      await openPdf(`/api/v1/suket/${encodeURIComponent(number)}/suket.pdf`);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div>
      <h1>{t('Surat Keterangan (Suket)')}</h1>
      {canIssue && (
        <Section title={t('Terbitkan Suket')}>
          <form onSubmit={issue}>
            <div class="grid2">
              <NikInput label="NIK" name="nik" value={nik} onValue={setNik} />
              <SelectField label={t('Lokasi')} name="site" value={siteId} onValue={setSiteId} options={[['', '— pilih —'], ...(sites.data?.sites ?? []).filter((s) => s.active).map((s) => [String(s.id), `${s.name} (${s.code})`] as [string, string])]} />
            </div>
            {error && <div class="msg error" role="alert">{error}</div>}
            {issued && (
              <div class="msg ok" role="status" data-testid="suket-issued">
                Suket <code>{issued.number}</code> {t('terbit, berlaku sampai')} {issued.valid_until}.{' '}
                <button type="button" onClick={() => showPdf(issued.number)}>
                  {t('Buka PDF')}
                </button>
              </div>
            )}
            <button class="primary" type="submit">
              {t('Terbitkan')}
            </button>
          </form>
        </Section>
      )}
      <Section title={t('Daftar Suket')}>
        <ErrorBox error={list.error} />
        {list.data && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Nomor')}</th>
                <th scope="col">NIK</th>
                <th scope="col">{t('Terbit')}</th>
                <th scope="col">{t('Berlaku sampai')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr>
                  <td>
                    <code>{s.number}</code>
                  </td>
                  <td>
                    <a href={`/orang/${s.nik}`}>{s.nik}</a>
                  </td>
                  <td>{s.issued_at}</td>
                  <td>{s.state === 'active' || !s.closed_at ? s.valid_until : `${t('ditutup')} ${s.closed_at}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
