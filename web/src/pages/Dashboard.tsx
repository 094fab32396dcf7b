// The supervisor's view: coverage of the scope by child region with drill-down to villages,
// recording over time, the print-ready backlog, blank stock alerts and duplicates waiting.
import { get, q, type Session } from '../api';
import { t } from '../i18n';
import { navigate, useLocation } from '../router';
import { ErrorBox, Loading, fmt, pct, useAsync } from '../components/ui';
import { LineChart } from '../components/Chart';

interface CoverageRow {
  region_code: string;
  name: string;
  residents: number;
  wajib_ktp: number;
  recorded: number;
  recording_rate: number;
  print_ready: number;
  cards_issued: number;
  blanks_on_hand: number;
  suket_outstanding: number;
}
interface Coverage {
  region_code: string;
  total: CoverageRow;
  children: CoverageRow[];
}
interface StockAccount {
  account: string;
  on_hand: number;
  low_stock: number;
  low: boolean;
}

const dotted = (d: string) => d.replace(/^(\d\d)(\d\d)?(\d\d)?(\d{4})?$/, (_m, a, b, c, e) => [a, b, c, e].filter(Boolean).join('.'));
const LEVEL_OF_CHILD: Record<number, string> = { 0: 'Provinsi', 2: 'Kabupaten/Kota', 4: 'Kecamatan', 6: 'Desa/Kelurahan' };

export function Dashboard({ session }: { session: Session }) {
  const { params } = useLocation();
  const scope = session.scope === 'national' ? '' : session.scope.replace(/\./g, '');
  const region = (params.get('wilayah') || scope).replace(/\./g, '');
  const cov = useAsync((s) => get<Coverage>(`/api/v1/coverage${q({ region })}`, s), [region]);
  const hist = useAsync(
    (s) => get<{ points: { day: string; wajib_ktp: number; recorded: number }[] }>(`/api/v1/coverage/history${q({ region, days: 365 })}`, s),
    [region],
  );
  const canSeeCases = session.role === 'admin' || session.role === 'supervisor';
  const stats = useAsync((s) => (canSeeCases ? get<{ open_cases: number }>('/api/v1/abis/stats', s) : Promise.resolve(null)), []);
  const stock = useAsync((s) => get<{ accounts: StockAccount[] }>('/api/v1/stock', s).catch(() => ({ accounts: [] })), []);
  const crumbs = useAsync(async (s) => {
    const out: { code: string; name: string }[] = [];
    for (const len of [2, 4, 6]) {
      if (region.length > len && len >= scope.length) {
        const c = region.slice(0, len);
        const r = await get<{ name: string }>(`/api/v1/regions/${dotted(c)}`, s);
        out.push({ code: c, name: r.name });
      }
    }
    return out;
  }, [region]);

  const go = (code: string) => navigate(code === scope ? '/' : `/?wilayah=${code}`);
  const total = cov.data?.total;
  const low = (stock.data?.accounts ?? []).filter((a) => a.low && a.low_stock > 0);
  const drillable = region.length < 10;

  return (
    <div>
      <h1>{t('Cakupan perekaman')}: {total?.name ?? '…'}</h1>
      <nav class="crumbs" aria-label={t('Jenjang wilayah')}>
        {scope === '' && region !== '' && (
          <a href="/" onClick={(e) => (e.preventDefault(), go(''))}>
            Indonesia
          </a>
        )}
        {(crumbs.data ?? []).map((c) => (
          <>
            {' › '}
            <a href={`/?wilayah=${c.code}`}>{c.name}</a>
          </>
        ))}
        {region !== scope && <span> › {total?.name}</span>}
      </nav>
      <ErrorBox error={cov.error} />
      {total && (
        <div class="tiles" data-testid="tiles">
          <Tile n={fmt(total.residents)} l={t('Penduduk')} />
          <Tile n={fmt(total.wajib_ktp)} l={t('Wajib KTP')} />
          <Tile n={fmt(total.recorded)} l={t('Sudah rekam')} />
          <Tile n={pct(total.recording_rate)} l={t('Cakupan')} testid="rate" />
          <Tile n={fmt(total.print_ready)} l={t('Siap cetak')} />
          <Tile n={fmt(total.blanks_on_hand)} l={t('Blangko tersedia')} alert={low.length > 0} />
          <Tile n={fmt(total.suket_outstanding)} l={t('Suket berlaku')} />
          {canSeeCases && <Tile n={fmt(stats.data?.open_cases)} l={t('Kasus ganda menunggu')} alert={(stats.data?.open_cases ?? 0) > 0} href="/adjudikasi" />}
        </div>
      )}
      {low.length > 0 && (
        <div class="msg warn" role="status">
          <strong>{t('Stok blangko menipis')}:</strong>{' '}
          {low.map((a) => `${a.account} (${fmt(a.on_hand)} ${t('tersisa')}, ${t('batas')} ${fmt(a.low_stock)})`).join('; ')}
        </div>
      )}
      <section class="card">
        <h2>{t('Perekaman dari waktu ke waktu')}</h2>
        {hist.loading && <Loading />}
        <ErrorBox error={hist.error} />
        {hist.data && hist.data.points.length > 0 && (
          <LineChart
            title={t('Perekaman dari waktu ke waktu')}
            days={hist.data.points.map((p) => p.day)}
            series={[
              {
                label: t('Cakupan') + ' (%)',
                color: '#0b4f8a',
                unit: '%',
                values: hist.data.points.map((p) => (p.wajib_ktp ? (100 * p.recorded) / p.wajib_ktp : null)),
              },
            ]}
          />
        )}
        {hist.data && (
          <p class="muted" style="font-size:.85rem">
            {hist.data.points.length} {t('titik; riwayat harian dari potret cakupan (data demo bertanda SINTETIS).')}
          </p>
        )}
      </section>
      <section class="card">
        <h2>
          {t('Per wilayah')}: {LEVEL_OF_CHILD[region.length] ?? t('Desa/Kelurahan')}
        </h2>
        {cov.loading && <Loading />}
        {cov.data && (
          <table data-testid="coverage-table">
            <thead>
              <tr>
                <th scope="col">{t('Wilayah')}</th>
                <th scope="col" class="num">{t('Penduduk')}</th>
                <th scope="col" class="num">{t('Wajib KTP')}</th>
                <th scope="col" class="num">{t('Sudah rekam')}</th>
                <th scope="col">{t('Cakupan')}</th>
                <th scope="col" class="num">{t('Siap cetak')}</th>
              </tr>
            </thead>
            <tbody>
              {cov.data.children.map((c) => (
                <tr class={drillable ? 'clickable' : ''}>
                  <td>
                    {drillable && c.region_code !== region ? (
                      <a href={`/?wilayah=${c.region_code}`}>{c.name}</a>
                    ) : (
                      c.name
                    )}{' '}
                    <code class="muted">{dotted(c.region_code)}</code>
                  </td>
                  <td class="num">{fmt(c.residents)}</td>
                  <td class="num">{fmt(c.wajib_ktp)}</td>
                  <td class="num">{fmt(c.recorded)}</td>
                  <td>
                    <div class="row" style="flex-wrap:nowrap;align-items:center">
                      <div class="bar" aria-hidden="true">
                        <span style={`width:${(c.recording_rate * 100).toFixed(1)}%`} />
                      </div>
                      <span style="flex:0 0 4.5em;text-align:right">{pct(c.recording_rate)}</span>
                    </div>
                  </td>
                  <td class="num">{fmt(c.print_ready)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function Tile(props: { n: string; l: string; alert?: boolean; href?: string; testid?: string }) {
  const body = (
    <>
      <div class="n">{props.n}</div>
      <div class="l">{props.l}</div>
    </>
  );
  return (
    <div class={'tile' + (props.alert ? ' alert' : '')} data-testid={props.testid}>
      {props.href ? <a href={props.href} style="color:inherit;text-decoration:none">{body}</a> : body}
    </div>
  );
}
