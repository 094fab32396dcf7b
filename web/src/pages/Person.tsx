// One resident: biodata, the KK and its members, the e-KTP timeline with cards and Suket, the
// register history, and for auditors who has read or changed the record.
import { useState } from 'preact/hooks';
import { call, get, q, type Session } from '../api';
import { errorText, t } from '../i18n';
import { ErrorBox, Loading, Section, SelectField, TextField, useAsync } from '../components/ui';
import { options, useCodes } from '../components/codes';
import { AuditTable, type AuditEntry } from '../components/AuditTable';
import { registerEventLabel } from '../labels';
import { EKTP_STATUS, type Person } from '../components/people';

interface Family {
  kk_number: string;
  members: { nik: string; shdk: number; shdk_label: string }[];
  wilayah_nama: string;
  alamat: string;
  rt: number;
  rw: number;
}
interface Timeline {
  status: string;
  events: { seq: number; at: string; event: string; actor: string; detail: Record<string, unknown> }[];
  recordings: { recording_id: string; captured_at: string; outcome?: string; site_id?: number }[];
  cards: { serial: string; state: string; printed_at?: string; issued_at?: string; received_by?: string }[];
  sukets: { number: string; issued_at: string; valid_until: string; state?: string }[];
  print_requests: { id: number; state: string }[];
}
const EVENT_LABEL: Record<string, string> = {
  became_wajib: 'Menjadi wajib KTP',
  recorded: 'Direkam',
  abis_unique: 'ABIS: tunggal',
  abis_duplicate: 'ABIS: dugaan ganda',
  enroll_failed: 'ABIS: gagal, rekam ulang',
  enroll_retried: 'Direkam ulang',
  adjudication_opened: 'Kasus adjudikasi dibuka',
  adjudicated_distinct: 'Adjudikasi: orang berbeda',
  adjudicated_same: 'Adjudikasi: orang yang sama',
  adjudicated_survivor: 'Adjudikasi: NIK dipertahankan',
  sent_for_printing: 'Masuk antrean cetak',
  card_printed: 'Kartu dicetak',
  card_shipped: 'Kartu dikirim',
  card_issued: 'Kartu diserahkan',
  reprint_requested: 'Cetak ulang diminta',
  suket_issued: 'Suket diterbitkan',
};

export default function PersonPage({ nik, session }: { nik: string; session: Session }) {
  const [tick, setTick] = useState(0);
  const person = useAsync((s) => call<Person>('GET', `/api/v1/persons/${nik}`, { signal: s }), [nik, tick]);
  const p = person.data?.data;
  const family = useAsync((s) => (p?.kk_number ? get<Family>(`/api/v1/families/${p.kk_number}`, s) : Promise.resolve(null)), [p?.kk_number, tick]);
  const names = useAsync(
    async (s) => {
      const out: Record<string, Person> = {};
      for (const m of family.data?.members ?? []) {
        out[m.nik] = m.nik === nik && p ? p : await get<Person>(`/api/v1/persons/${m.nik}`, s);
      }
      return out;
    },
    [family.data?.kk_number, family.data?.members.length],
  );
  const ektp = useAsync((s) => get<Timeline>(`/api/v1/persons/${nik}/ektp`, s).catch(() => null), [nik, tick]);
  const hist = useAsync((s) => get<{ events: { seq: number; at: string; event: string; actor: string }[] }>(`/api/v1/persons/${nik}/history`, s), [nik, tick]);
  const auditor = session.role === 'auditor' || session.role === 'admin';
  const audit = useAsync((s) => (auditor ? get<{ items: AuditEntry[] }>(`/api/v1/audit${q({ nik, limit: 50, order: 'desc' })}`, s) : Promise.resolve(null)), [nik]);
  const [editing, setEditing] = useState(false);

  if (person.loading && !p) return <Loading />;
  if (person.error) {
    return (
      <div>
        <h1>{t('Penduduk')}</h1>
        <ErrorBox error={person.error} />
      </div>
    );
  }
  if (!p) return null;
  const status = EKTP_STATUS[p.ektp_status];
  const canEdit = session.role === 'admin' || session.role === 'registrar';
  return (
    <div>
      <h1 data-testid="person-name">
        {p.nama} <code class="muted" style="font-size:1rem">{p.nik}</code>
      </h1>
      <p>
        <span class={'badge ' + (status?.[1] ?? '')} data-testid="ektp-status">
          e-KTP: {t(status?.[0] ?? p.ektp_status)}
        </span>{' '}
        <span class="badge">{p.status_dasar_label}</span>
      </p>
      <div class="grid2">
        <Section title={t('Biodata')} actions={canEdit && !editing ? <button onClick={() => setEditing(true)}>{t('Ubah data')}</button> : null}>
          {editing ? (
            <EditPerson person={p} etag={person.data!.etag} onDone={() => (setEditing(false), setTick((n) => n + 1))} />
          ) : (
            <dl class="facts">
              <dt>{t('Tempat, tanggal lahir')}</dt>
              <dd>
                {p.tempat_lahir}, {p.tanggal_lahir}
              </dd>
              <dt>{t('Jenis kelamin')}</dt>
              <dd>{p.jenis_kelamin_label}</dd>
              <dt>{t('Golongan darah')}</dt>
              <dd>{p.golongan_darah_label}</dd>
              <dt>{t('Agama')}</dt>
              <dd>{p.agama_label}</dd>
              <dt>{t('Status perkawinan')}</dt>
              <dd>{p.status_perkawinan_lengkap ?? p.status_perkawinan_label}</dd>
              <dt>{t('Pendidikan')}</dt>
              <dd>{p.pendidikan_label}</dd>
              <dt>{t('Pekerjaan')}</dt>
              <dd>{p.pekerjaan_label}</dd>
              <dt>{t('Kewarganegaraan')}</dt>
              <dd>{p.kewarganegaraan_label}</dd>
              <dt>{t('Ayah / Ibu')}</dt>
              <dd>
                {p.nama_ayah || '—'} / {p.nama_ibu || '—'}
              </dd>
              <dt>{t('Alamat')}</dt>
              <dd>
                {p.alamat || '—'} RT {p.rt}/RW {p.rw}, {p.wilayah_nama} <code class="muted">{p.wilayah}</code>
              </dd>
            </dl>
          )}
        </Section>
        <Section title={t('Kartu Keluarga')}>
          {!p.kk_number && <p class="muted">{t('Belum terdaftar dalam KK.')}</p>}
          {family.data && (
            <>
              <p>
                <a href={`/kk/${family.data.kk_number}`}>
                  <code>{family.data.kk_number}</code>
                </a>{' '}
                · {family.data.alamat || '—'} RT {family.data.rt}/RW {family.data.rw}
              </p>
              <table data-testid="kk-members">
                <thead>
                  <tr>
                    <th scope="col">{t('Nama')}</th>
                    <th scope="col">SHDK</th>
                    <th scope="col">NIK</th>
                  </tr>
                </thead>
                <tbody>
                  {family.data.members.map((m) => (
                    <tr>
                      <td>{m.nik === nik ? <strong>{names.data?.[m.nik]?.nama ?? '…'}</strong> : <a href={`/orang/${m.nik}`}>{names.data?.[m.nik]?.nama ?? '…'}</a>}</td>
                      <td>{m.shdk_label}</td>
                      <td>
                        <code>{m.nik}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Section>
      </div>
      <Section title={t('Riwayat e-KTP')}>
        {ektp.loading && <Loading />}
        {ektp.data && (
          <>
            {ektp.data.events.length === 0 && <p class="muted">{t('Belum ada kejadian e-KTP tercatat di sistem ini (data dimigrasikan sebelum sistem ini).')}</p>}
            <ol data-testid="ektp-timeline">
              {ektp.data.events.map((e) => (
                <li>
                  <strong>{t(EVENT_LABEL[e.event] ?? e.event)}</strong> · {e.at.replace('T', ' ').replace('Z', '')} · {e.actor}
                </li>
              ))}
            </ol>
            {ektp.data.cards.length > 0 && (
              <>
                <h3>{t('Kartu')}</h3>
                <ul>
                  {ektp.data.cards.map((c) => (
                    <li>
                      <code>{c.serial}</code> · {c.state} {c.printed_at && `· ${t('dicetak')} ${c.printed_at}`}{' '}
                      {c.issued_at && `· ${t('diterima')} ${c.issued_at} (${c.received_by})`}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {ektp.data.sukets.length > 0 && (
              <>
                <h3>Suket</h3>
                <ul>
                  {ektp.data.sukets.map((s) => (
                    <li>
                      <code>{s.number}</code> · {t('terbit')} {s.issued_at} · {t('berlaku sampai')} {s.valid_until}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Section>
      <Section title={t('Riwayat perubahan')}>
        {hist.data && (
          <ol>
            {hist.data.events.map((e) => (
              <li>
                {registerEventLabel(e.event)} · {e.at} · {e.actor}
              </li>
            ))}
          </ol>
        )}
        <ErrorBox error={hist.error} />
      </Section>
      {auditor && (
        <Section title={t('Siapa yang mengakses data ini')}>
          <ErrorBox error={audit.error} />
          {audit.data && (
            <AuditTable items={audit.data.items} testid="audit-trail" />
          )}
        </Section>
      )}
    </div>
  );
}

// The dynamic fields a registrar may change (address, work, education, marriage status is an
// akta's business); a stale copy is refused by the server (If-Match) and said so here.
function EditPerson({ person, etag, onDone }: { person: Person; etag: string; onDone: () => void }) {
  const codes = useCodes();
  const [alamat, setAlamat] = useState(person.alamat);
  const [rt, setRt] = useState(String(person.rt));
  const [rw, setRw] = useState(String(person.rw));
  const [pekerjaan, setPekerjaan] = useState(String(person.pekerjaan));
  const [pendidikan, setPendidikan] = useState(String(person.pendidikan));
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await call('PATCH', `/api/v1/persons/${person.nik}`, {
        body: { alamat, rt: Number(rt), rw: Number(rw), pekerjaan: Number(pekerjaan), pendidikan: Number(pendidikan) },
        ifMatch: etag,
      });
      onDone();
    } catch (err) {
      setError({ field: (err as { field?: string }).field ?? '', text: errorText(err) });
    }
  };
  const err = (f: string) => (error?.field === f ? error.text : undefined);
  return (
    <form onSubmit={submit}>
      <TextField label={t('Alamat')} name="alamat" value={alamat} onValue={setAlamat} error={err('alamat')} autoFocus />
      <div class="row">
        <TextField label="RT" name="rt" inputMode="numeric" value={rt} onValue={setRt} error={err('rt')} />
        <TextField label="RW" name="rw" inputMode="numeric" value={rw} onValue={setRw} error={err('rw')} />
      </div>
      <div class="row">
        <SelectField label={t('Pekerjaan')} name="pekerjaan" value={pekerjaan} onValue={setPekerjaan} options={options(codes.data, 'pekerjaan', '')} error={err('pekerjaan')} />
        <SelectField label={t('Pendidikan')} name="pendidikan" value={pendidikan} onValue={setPendidikan} options={options(codes.data, 'pendidikan', '')} error={err('pendidikan')} />
      </div>
      {error && !['alamat', 'rt', 'rw', 'pekerjaan', 'pendidikan'].includes(error.field) && <div class="msg error" role="alert">{error.text}</div>}
      <div class="row">
        <button class="primary" type="submit">
          {t('Simpan')}
        </button>
        <button type="button" onClick={onDone}>
          {t('Batal')}
        </button>
      </div>
    </form>
  );
}
