// A family card: its members, and the changes a registrar makes to it — add a member, remove
// one, change the head, split part of the family onto a new KK. Each change is one request;
// the server keeps exactly one head and says which rule a change breaks.
import { useState } from 'preact/hooks';
import { call, get, newKey, type Session } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { ErrorBox, Loading, Section, SelectField, useAction, useAsync } from '../components/ui';
import { NikInput } from '../components/NikInput';
import { SHDK, type Person } from '../components/people';

interface Family {
  kk_number: string;
  members: { nik: string; shdk: number; shdk_label: string }[];
  wilayah: string;
  wilayah_nama: string;
  alamat: string;
  rt: number;
  rw: number;
  tanggal_terbit: string;
}

export default function FamilyPage({ kk, session }: { kk: string; session: Session }) {
  const [tick, setTick] = useState(0);
  const fam = useAsync((s) => get<Family>(`/api/v1/families/${kk}`, s), [kk, tick]);
  const people = useAsync(
    async (s) => {
      const out: Record<string, Person> = {};
      for (const m of fam.data?.members ?? []) out[m.nik] = await get<Person>(`/api/v1/persons/${m.nik}`, s);
      return out;
    },
    [fam.data?.members.map((m) => m.nik + m.shdk).join()],
  );
  const [msg, setMsg] = useState('');
  const [addNik, setAddNik] = useState('');
  const [addShdk, setAddShdk] = useState('4');
  const [newHead, setNewHead] = useState('');
  const [oldHeadShdk, setOldHeadShdk] = useState('2');
  const [leaving, setLeaving] = useState<Record<string, string>>({});
  const canChange = session.role === 'admin' || session.role === 'registrar';

  const { busy, error, run } = useAction();
  // One change at a time; the result, or undefined when it was refused (the reason is shown).
  const act = (what: string, method: string, path: string, body?: unknown) =>
    run(async () => {
      setMsg('');
      const r = await call<{ split_off?: Family }>(method, path, { body, idempotencyKey: method === 'POST' ? newKey('kk') : undefined });
      setMsg(what);
      setTick((n) => n + 1);
      return r.data ?? {};
    });

  if (fam.loading && !fam.data) return <Loading />;
  if (fam.error) return <ErrorBox error={fam.error} />;
  const f = fam.data!;
  const head = f.members.find((m) => m.shdk === 1);
  const name = (nik: string) => people.data?.[nik]?.nama ?? '…';
  return (
    <div>
      <h1>
        {t('Kartu Keluarga')} <code>{f.kk_number}</code>
      </h1>
      <p>
        {f.alamat || '—'} RT {f.rt}/RW {f.rw}, {f.wilayah_nama} · {t('terbit')} {f.tanggal_terbit}
      </p>
      {msg && <div class="msg ok" role="status">{msg}</div>}
      {error && <div class="msg error" role="alert">{error}</div>}
      <Section title={t('Anggota keluarga')}>
        <table data-testid="family-members">
          <thead>
            <tr>
              <th scope="col">{t('Nama')}</th>
              <th scope="col">NIK</th>
              <th scope="col">SHDK</th>
              <th scope="col">{t('Lahir')}</th>
              {canChange && <th scope="col">{t('Tindakan')}</th>}
            </tr>
          </thead>
          <tbody>
            {f.members.map((m) => (
              <tr>
                <td>
                  <a href={`/orang/${m.nik}`}>{name(m.nik)}</a>
                </td>
                <td>
                  <code>{m.nik}</code>
                </td>
                <td>{m.shdk_label}</td>
                <td>{people.data?.[m.nik]?.tanggal_lahir ?? ''}</td>
                {canChange && (
                  <td>
                    {m.shdk !== 1 && (
                      <button type="button" class="danger" disabled={busy} aria-label={`${t('Keluarkan')} ${name(m.nik)}`} onClick={() => window.confirm(`${t('Keluarkan')} ${name(m.nik)} ${t('dari KK ini?')}`) && act(t('Anggota dikeluarkan dari KK.'), 'DELETE', `/api/v1/families/${kk}/members/${m.nik}`)}>
                        {t('Keluarkan')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {canChange && (
        <div class="grid2">
          <Section title={t('Tambah anggota')}>
            <form onSubmit={(e) => (e.preventDefault(), act(t('Anggota ditambahkan.'), 'POST', `/api/v1/families/${kk}/members`, { nik: addNik, shdk: Number(addShdk) }).then((ok) => ok && setAddNik('')))}>
              <NikInput label="NIK" name="add-nik" value={addNik} onValue={setAddNik} />
              <SelectField label="SHDK" name="add-shdk" value={addShdk} onValue={setAddShdk} options={SHDK.filter(([c]) => c !== '1')} />
              <button class="primary" type="submit" disabled={busy}>{t('Tambah')}</button>
            </form>
          </Section>
          <Section title={t('Ganti kepala keluarga')}>
            <form onSubmit={(e) => (e.preventDefault(), act(t('Kepala keluarga diganti.'), 'POST', `/api/v1/families/${kk}/head`, { new_head: newHead, old_head_shdk: Number(oldHeadShdk) }))}>
              <SelectField
                label={t('Kepala keluarga baru')}
                name="new-head"
                value={newHead}
                onValue={setNewHead}
                options={[['', '— pilih —'], ...f.members.filter((m) => m.shdk !== 1).map((m) => [m.nik, `${name(m.nik)} (${m.shdk_label})`] as [string, string])]}
              />
              <SelectField label={`${t('SHDK baru untuk')} ${head ? name(head.nik) : ''}`} name="old-head-shdk" value={oldHeadShdk} onValue={setOldHeadShdk} options={SHDK.filter(([c]) => c !== '1')} />
              <button class="primary" type="submit" disabled={!newHead}>{t('Ganti')}</button>
            </form>
          </Section>
          <Section title={t('Pisah KK')}>
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const list = Object.entries(leaving).map(([nik, shdk]) => ({ nik, shdk: Number(shdk) }));
                const r = await act(t('KK baru diterbitkan.'), 'POST', `/api/v1/families/${kk}/split`, { leaving: list });
                if (r?.split_off) navigate(`/kk/${r.split_off.kk_number}`);
              }}
            >
              <p class="muted">{t('Pilih anggota yang keluar ke KK baru dan SHDK mereka di sana (satu kepala keluarga).')}</p>
              {f.members.filter((m) => m.shdk !== 1).map((m) => (
                <div class="row" style="align-items:center">
                  <label style="flex:2 1 200px;font-weight:400">
                    <input type="checkbox" style="width:auto;margin-right:.5rem" checked={m.nik in leaving} onChange={(e) => {
                      const next = { ...leaving };
                      if ((e.target as HTMLInputElement).checked) next[m.nik] = '1';
                      else delete next[m.nik];
                      setLeaving(next);
                    }} />
                    {name(m.nik)}
                  </label>
                  {m.nik in leaving && (
                    <SelectField label={`SHDK ${name(m.nik)}`} value={leaving[m.nik]} onValue={(v) => setLeaving({ ...leaving, [m.nik]: v })} options={SHDK} />
                  )}
                </div>
              ))}
              <button class="primary" type="submit" disabled={Object.keys(leaving).length === 0}>{t('Pisahkan')}</button>
            </form>
          </Section>
        </div>
      )}
    </div>
  );
}
