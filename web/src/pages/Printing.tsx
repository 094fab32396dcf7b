// Printing: a site's queue, print one card on a blank (the card's preview comes back), hand it
// over to the resident or mark it spoilt (the blank is written off), and the site's stock.
import { useEffect, useState } from 'preact/hooks';
import { blobUrl, get, newKey, post } from '../api';
import { errorText, t } from '../i18n';
import { ErrorBox, Loading, Section, SelectField, TextField, fmt, useAction, useAsync } from '../components/ui';

interface Site {
  id: number;
  code: string;
  name: string;
  kind: string;
  active: boolean;
  stock_account: string;
}
interface Request {
  id: number;
  nik: string;
  reason: string;
  requested_at: string;
  state: string;
  priority: number;
}
interface Card {
  serial: string;
  nik: string;
  state?: string;
}
interface Stock {
  account: string;
  on_hand: number;
  low: boolean;
  low_stock: number;
  monthly_quota: number;
  received_this_month: number;
}

export default function Printing() {
  const sites = useAsync((s) => get<{ sites: Site[] }>('/api/v1/sites', s), []);
  const [siteId, setSiteId] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const first = sites.data?.sites.find((s) => s.active && s.kind === 'dinas') ?? sites.data?.sites.find((s) => s.active);
    if (!siteId && first) setSiteId(String(first.id));
  }, [sites.data]);
  const site = sites.data?.sites.find((s) => String(s.id) === siteId);
  const queue = useAsync((s) => (siteId ? get<{ requests: Request[] }>(`/api/v1/sites/${siteId}/print-queue`, s) : Promise.resolve({ requests: [] })), [siteId, tick]);
  const stock = useAsync((s) => (site ? get<Stock>(`/api/v1/stock/${site.stock_account}`, s) : Promise.resolve(null)), [site?.stock_account, tick]);
  const [card, setCard] = useState<Card | null>(null);
  const [preview, setPreview] = useState('');
  const [msg, setMsg] = useState('');
  const [receivedBy, setReceivedBy] = useState('');
  const [spoilReason, setSpoilReason] = useState('');

  const { busy, error, setError, run } = useAction();
  const print = (r: Request) =>
    run(async () => {
      setMsg('');
      const c = await post<Card>(`/api/v1/sites/${siteId}/print`, { request_id: r.id }, newKey('cetak'));
      setCard(c);
      setPreview(await blobUrl(`/api/v1/cards/${c.serial}/card.png`));
      setTick((n) => n + 1);
    });
  const handover = async (e: Event) => {
    e.preventDefault();
    if (!card) return;
    if (!receivedBy.trim()) return setError(t('Isi nama penerima kartu.'));
    try {
      await post(`/api/v1/cards/${card.serial}/handover`, { received_by: receivedBy.trim() });
      setMsg(`${t('Kartu')} ${card.serial} ${t('diserahkan kepada')} ${receivedBy}.`);
      setCard(null);
      setReceivedBy('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  const spoil = async () => {
    if (!card) return;
    if (!spoilReason.trim()) return setError(t('Tulis alasan kartu rusak.'));
    try {
      await post(`/api/v1/cards/${card.serial}/misprint`, { reason: spoilReason.trim() });
      setMsg(`${t('Kartu')} ${card.serial} ${t('dicatat rusak; blangko dihapus dari stok dan NIK kembali ke antrean.')}`);
      setCard(null);
      setSpoilReason('');
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div>
      <h1>{t('Pencetakan')}</h1>
      <ErrorBox error={sites.error} />
      <div class="row" style="max-width:640px">
        <SelectField label={t('Lokasi cetak')} name="site" value={siteId} onValue={setSiteId} options={(sites.data?.sites ?? []).filter((s) => s.active).map((s) => [String(s.id), `${s.name} (${s.code})`] as [string, string])} />
      </div>
      {stock.data && (
        <div class={'msg ' + (stock.data.low ? 'warn' : 'ok')} role="status" data-testid="stock">
          {t('Blangko tersedia')}: <strong>{fmt(stock.data.on_hand)}</strong>
          {stock.data.low && ` — ${t('stok menipis (batas')} ${fmt(stock.data.low_stock)}). ${t('Bila habis, terbitkan Suket.')}`}
        </div>
      )}
      {error && <div class="msg error" role="alert">{error}</div>}
      {msg && <div class="msg ok" role="status">{msg}</div>}
      {card && (
        <Section title={`${t('Kartu tercetak')} ${card.serial}`}>
          {preview && <img class="card-preview" src={preview} alt={`${t('Pratinjau kartu')} ${card.serial}`} data-testid="card-preview" />}
          <div class="grid2">
            <form onSubmit={handover}>
              <TextField label={t('Diterima oleh (nama)')} name="received_by" value={receivedBy} onValue={setReceivedBy} />
              <button class="primary" type="submit">
                {t('Serahkan kartu')}
              </button>
            </form>
            <div>
              <TextField label={t('Alasan rusak cetak')} name="spoil" value={spoilReason} onValue={setSpoilReason} />
              <button class="danger" type="button" onClick={spoil}>
                {t('Catat rusak')}
              </button>
            </div>
          </div>
        </Section>
      )}
      <Section title={t('Antrean cetak')}>
        {queue.loading && <Loading />}
        <ErrorBox error={queue.error} />
        {queue.data && queue.data.requests.length === 0 && <p class="muted">{t('Antrean kosong.')}</p>}
        {queue.data && queue.data.requests.length > 0 && (
          <table data-testid="print-queue">
            <thead>
              <tr>
                <th scope="col">NIK</th>
                <th scope="col">{t('Alasan')}</th>
                <th scope="col">{t('Masuk antrean')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {queue.data.requests.slice(0, 50).map((r) => (
                <tr>
                  <td>
                    <a href={`/orang/${r.nik}`}>
                      <code>{r.nik}</code>
                    </a>
                  </td>
                  <td>{r.reason}</td>
                  <td>{r.requested_at}</td>
                  <td>
                    <button type="button" class="primary" onClick={() => print(r)} disabled={!!card || busy} aria-label={`${t('Cetak')} ${r.nik}`}>
                      {t('Cetak')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {queue.data && queue.data.requests.length > 50 && (
          <p class="muted">
            {fmt(queue.data.requests.length - 50)} {t('lainnya menunggu.')}
          </p>
        )}
      </Section>
    </div>
  );
}
