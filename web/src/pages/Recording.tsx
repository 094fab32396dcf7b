// Perekaman e-KTP: the resident, the site and kit, then the captures in order — photo,
// signature, ten fingers, both irises — each checked as it arrives. Submission goes through
// the outbox: a dropped connection is retried until the server answers, never twice.
import { useEffect, useState } from 'preact/hooks';
import { get, newKey } from '../api';
import { errorText, t } from '../i18n';
import { ErrorBox, SelectField, useAsync } from '../components/ui';
import { NikInput } from '../components/NikInput';
import { checkFinger, checkIris, checkPhoto, checkSignature, FileSource, FINGER_NAMES, toBase64, type Capture, type Eye, type FingerPosition } from '../capture';
import { drain, enqueue, onOutbox, pendingMine, type Outcome } from '../outbox';

interface Site {
  id: number;
  code: string;
  name: string;
  kind: string;
  region_code: string;
  active: boolean;
}
interface SiteDetail {
  devices: { serial: string; kind?: string; active?: boolean }[];
}
const POSITIONS: FingerPosition[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const MISSING_FINGER: [string, string][] = [
  ['', '— direkam —'],
  ['amputated', 'Diamputasi'],
  ['bandaged', 'Diperban'],
  ['unusable', 'Tidak dapat direkam'],
];
const MISSING_EYE: [string, string][] = [
  ['', '— direkam —'],
  ['blind', 'Buta'],
  ['prosthesis', 'Mata palsu'],
  ['unusable', 'Tidak dapat direkam'],
];

function Q({ c }: { c: Capture | null | undefined }) {
  return c ? (
    <div class={c.problem ? 'error' : 'hint'} role={c.problem ? 'alert' : undefined}>
      {c.quality} {c.problem}
    </div>
  ) : null;
}

export default function Recording() {
  const source = new FileSource();
  const sites = useAsync((s) => get<{ sites: Site[] }>('/api/v1/sites', s), []);
  const [siteId, setSiteId] = useState('');
  const site = useAsync((s) => (siteId ? get<SiteDetail>(`/api/v1/sites/${siteId}`, s) : Promise.resolve(null)), [siteId]);
  const [device, setDevice] = useState('');
  const [nik, setNik] = useState('');
  const [photo, setPhoto] = useState<Capture | null>(null);
  const [signature, setSignature] = useState<Capture | null>(null);
  const [fingers, setFingers] = useState<Record<number, Capture>>({});
  const [fingerMissing, setFingerMissing] = useState<Record<number, string>>({});
  const [irises, setIrises] = useState<Partial<Record<Eye, Capture>>>({});
  const [eyeMissing, setEyeMissing] = useState<Partial<Record<Eye, string>>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [queue, setQueue] = useState(pendingMine());
  const [sent, setSent] = useState(false);

  useEffect(() => {
    const off = onOutbox((o: Outcome | null) => {
      setQueue(pendingMine());
      if (o && o.id.startsWith('rekam:')) {
        setOutcome(o.ok ? { ok: true, text: t('Perekaman diterima server dan masuk antrean ABIS.') } : { ok: false, text: errorText(o.error) });
      }
    });
    void drain();
    return off;
  }, []);
  useEffect(() => {
    const devs = site.data?.devices ?? [];
    if (devs.length && !devs.some((d) => d.serial === device)) setDevice(devs[0].serial);
  }, [site.data]);

  const file = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    return f ? source.read(f) : null;
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const missing: string[] = [];
    if (!/^\d{16}$/.test(nik)) missing.push(t('NIK 16 digit.'));
    if (!siteId || !device) missing.push(t('Pilih lokasi dan perangkat perekaman.'));
    if (!photo || photo.problem) missing.push(t('Foto yang memenuhi syarat.'));
    if (!signature || signature.problem) missing.push(t('Tanda tangan.'));
    for (const p of POSITIONS) if (!fingerMissing[p] && (!fingers[p] || fingers[p].problem)) missing.push(`${t(FINGER_NAMES[p])}.`);
    for (const eye of ['right', 'left'] as Eye[]) if (!eyeMissing[eye] && (!irises[eye] || irises[eye]!.problem)) missing.push(eye === 'right' ? t('Iris kanan.') : t('Iris kiri.'));
    setProblems(missing);
    if (missing.length) return;
    const recordingId = `${sites.data?.sites.find((s) => String(s.id) === siteId)?.code ?? 'UI'}:${nik}:${Date.now()}`;
    const body = {
      recording_id: recordingId,
      nik,
      site_id: Number(siteId),
      device_serial: device,
      captured_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      photo: toBase64(photo!.bytes),
      signature: toBase64(signature!.bytes),
      fingers: POSITIONS.map((p) => (fingerMissing[p] ? { position: p, missing: fingerMissing[p] } : { position: p, template: toBase64(fingers[p].bytes) })),
      irises: (['right', 'left'] as Eye[]).map((eye) => (eyeMissing[eye] ? { eye, missing: eyeMissing[eye] } : { eye, template: toBase64(irises[eye]!.bytes) })),
    };
    try {
      enqueue({ id: `rekam:${recordingId}`, path: '/api/v1/recordings', body, key: newKey('rekam') });
    } catch {
      setOutcome({ ok: false, text: t('Penyimpanan peramban penuh: perekaman belum tersimpan. Tunggu antrean terkirim, lalu kirim lagi.') });
      return;
    }
    setSent(true);
    setOutcome({ ok: true, text: t('Mengirim… bila jaringan putus, pengiriman diulang otomatis tanpa rekaman ganda.') });
    setQueue(pendingMine());
  };

  const reset = () => {
    setSent(false);
    setNik('');
    setPhoto(null);
    setSignature(null);
    setFingers({});
    setFingerMissing({});
    setIrises({});
    setEyeMissing({});
    setOutcome(null);
  };


  return (
    <div>
      <h1>{t('Perekaman e-KTP')}</h1>
      <p class="muted">
        {t('Perangkat')}: {source.name}. {t('Berkas yang dipilih diperiksa langsung dengan ambang yang sama seperti server.')}
      </p>
      {queue.length > 0 && (
        <div class="msg warn" role="status" data-testid="outbox">
          {queue.length} {t('perekaman menunggu terkirim')}
          {queue[0].attempts > 0 && ` (${t('percobaan ke-')}${queue[0].attempts + 1}: ${queue[0].lastError ?? ''})`}
        </div>
      )}
      {outcome && (
        <div class={'msg ' + (outcome.ok ? 'ok' : 'error')} role="status" data-testid="recording-outcome">
          {outcome.text}{' '}
          {outcome.ok && !queue.length && (
            <button type="button" onClick={reset}>
              {t('Rekam penduduk berikutnya')}
            </button>
          )}
        </div>
      )}
      <ErrorBox error={sites.error} />
      <form class="card" onSubmit={submit} noValidate>
        <h2>1. {t('Penduduk dan lokasi')}</h2>
        <div class="grid2">
          <NikInput label="NIK" name="nik" value={nik} onValue={setNik} autoFocus />
          <SelectField label={t('Lokasi perekaman')} name="site" value={siteId} onValue={setSiteId} options={[['', '— pilih —'], ...(sites.data?.sites ?? []).filter((s) => s.active).map((s) => [String(s.id), `${s.name} (${s.code})`] as [string, string])]} />
          <SelectField label={t('Perangkat')} name="device" value={device} onValue={setDevice} options={(site.data?.devices ?? []).map((d) => [d.serial, d.serial] as [string, string])} />
        </div>
        <h2>2. {t('Foto dan tanda tangan')}</h2>
        <div class="grid2">
          <div class="field">
            <label for="foto">{t('Foto wajah (JPEG/PNG, tegak)')}</label>
            <input id="foto" name="photo" type="file" accept="image/jpeg,image/png" onChange={async (e) => { const b = await file(e); setPhoto(b ? await checkPhoto(b) : null); }} />
            <Q c={photo} />
            {photo?.previewUrl && <img src={photo.previewUrl} alt={t('Pratinjau foto')} style="max-height:140px;margin-top:.3rem" />}
          </div>
          <div class="field">
            <label for="ttd">{t('Tanda tangan')}</label>
            <input id="ttd" name="signature" type="file" accept="image/jpeg,image/png" onChange={async (e) => { const b = await file(e); setSignature(b ? await checkSignature(b) : null); }} />
            <Q c={signature} />
            {signature?.previewUrl && <img src={signature.previewUrl} alt={t('Pratinjau tanda tangan')} style="max-height:60px;margin-top:.3rem" />}
          </div>
        </div>
        <h2>3. {t('Sepuluh sidik jari')}</h2>
        <div class="grid2">
          {POSITIONS.map((p) => (
            <div class="field">
              <label for={`jari-${p}`}>
                {p}. {t(FINGER_NAMES[p])}
              </label>
              <div class="row">
                <input id={`jari-${p}`} name={`finger-${p}`} type="file" disabled={!!fingerMissing[p]} onChange={async (e) => { const b = await file(e); setFingers((old) => { const n = { ...old }; if (b) n[p] = checkFinger(b, p); else delete n[p]; return n; }); }} />
                <select aria-label={`${t(FINGER_NAMES[p])}: ${t('alasan tidak direkam')}`} value={fingerMissing[p] ?? ''} onChange={(e) => setFingerMissing({ ...fingerMissing, [p]: (e.target as HTMLSelectElement).value })}>
                  {MISSING_FINGER.map(([v, l]) => <option value={v}>{t(l)}</option>)}
                </select>
              </div>
              {!fingerMissing[p] && <Q c={fingers[p]} />}
            </div>
          ))}
        </div>
        <h2>4. {t('Iris kedua mata')}</h2>
        <div class="grid2">
          {(['right', 'left'] as Eye[]).map((eye) => (
            <div class="field">
              <label for={`iris-${eye}`}>{eye === 'right' ? t('Iris kanan') : t('Iris kiri')}</label>
              <div class="row">
                <input id={`iris-${eye}`} name={`iris-${eye}`} type="file" disabled={!!eyeMissing[eye]} onChange={async (e) => { const b = await file(e); setIrises((old) => ({ ...old, [eye]: b ? checkIris(b, eye) : undefined })); }} />
                <select aria-label={`${eye === 'right' ? t('Iris kanan') : t('Iris kiri')}: ${t('alasan tidak direkam')}`} value={eyeMissing[eye] ?? ''} onChange={(e) => setEyeMissing({ ...eyeMissing, [eye]: (e.target as HTMLSelectElement).value })}>
                  {MISSING_EYE.map(([v, l]) => <option value={v}>{t(l)}</option>)}
                </select>
              </div>
              {!eyeMissing[eye] && <Q c={irises[eye]} />}
            </div>
          ))}
        </div>
        {problems.length > 0 && (
          <div class="msg error" role="alert" data-testid="recording-problems">
            {t('Belum lengkap')}: {problems.join(' ')}
          </div>
        )}
        <button class="primary" type="submit" disabled={sent}>
          {t('Kirim perekaman')}
        </button>
      </form>
    </div>
  );
}
