// The operator's day in a real browser (Debian's chromium) against a real siak serve with a
// SYNTHETIC demo regency: log in, watch coverage, search, register a family by keyboard, record
// an e-KTP through a dropped connection, adjudicate a duplicate, print and hand over a card,
// administer users, and an officer of another regency who sees nothing of this one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, api, captureFiles, launch, login, open, screen, shot } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const digits = (s) => Number(String(s).replace(/\D/g, ''));

test('login says why it failed, in Indonesian', async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE + '/');
  assert.deepEqual(await screen(page, '01-login'), []);
  await page.getByLabel('Nama pengguna').fill('admin');
  await page.getByLabel('Kata sandi').fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('login-error').waitFor();
  assert.match(await page.getByTestId('login-error').innerText(), /Nama pengguna atau kata sandi salah/);
  // Empty fields are named before anything is sent.
  await page.getByLabel('Nama pengguna').fill('');
  await page.getByRole('button', { name: 'Masuk' }).click();
  assert.match(await page.locator('.field .error').first().innerText(), /Isi nama pengguna/);
  await context.close();
});

test('a locked account is told until when', async () => {
  const made = await api('admin', 'POST', '/api/v1/users', { username: 'kunci.uji', role: 'registrar', scope: '32.04' });
  assert.equal(made.status, 201);
  const { page, context } = await open(browser);
  await page.goto(BASE + '/');
  let text = '';
  for (let i = 0; i < 8 && !/dikunci/.test(text); i++) {
    await page.getByLabel('Nama pengguna').fill('kunci.uji');
    await page.getByLabel('Kata sandi').fill('bukan-sandinya-' + i);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('login-error').waitFor();
    await page.waitForFunction(() => !document.querySelector('button[type=submit]')?.hasAttribute('disabled'));
    text = await page.getByTestId('login-error').innerText();
  }
  assert.match(text, /dikunci sampai pukul \d\d[.:]\d\d/);
  await context.close();
});

test('dashboard: coverage by district, drill down to villages, the chart', async () => {
  const { page, context } = await open(browser);
  await login(page, 'spv.demo');
  await page.getByTestId('coverage-table').waitFor();
  assert.match(await page.locator('h1').innerText(), /Kabupaten Bandung/);
  const districts = await page.locator('[data-testid=coverage-table] tbody tr').count();
  assert.ok(districts >= 30, `${districts} districts`);
  await page.locator('.chart canvas').first().waitFor();
  assert.deepEqual(await screen(page, '02-dashboard'), []);
  await page.locator('[data-testid=coverage-table] tbody a').first().click();
  await page.waitForURL(/wilayah=\d{6}$/);
  await page.locator('[data-testid=coverage-table] tbody tr').first().waitFor();
  assert.match(await page.locator('[data-testid=coverage-table] th').nth(0).innerText(), /Wilayah/);
  assert.match(await page.locator('h2').nth(1).innerText(), /Desa\/Kelurahan/);
  await page.goBack();
  await page.waitForURL(BASE + '/');
  await context.close();
});

test('search tolerates a misspelt name and opens the person with their KK', async () => {
  const found = await api('reg.demo', 'GET', '/api/v1/persons?region=32.04&birth_date=1990-01-01&limit=5');
  let target = found.json.items.find((p) => p.kk_number);
  if (!target) {
    const any = await api('reg.demo', 'GET', '/api/v1/persons?q=siti&limit=20');
    target = any.json.items.find((p) => p.kk_number);
  }
  assert.ok(target, 'a demo resident on a KK');
  // One letter doubled in the first name: "SITI" -> "SITTI".
  const [first, ...rest] = target.nama.split(' ');
  const misspelt = first.slice(0, 2) + first[1] + first.slice(2) + ' ' + rest.join(' ');
  const { page, context } = await open(browser);
  await login(page, 'reg.demo');
  await page.getByRole('link', { name: 'Cari penduduk' }).click();
  await page.getByLabel('NIK, nomor KK, atau nama').fill(misspelt.toLowerCase());
  await page.getByTestId('search-results').waitFor();
  const row = page.locator('[data-testid=search-results] tbody tr', { hasText: target.nik });
  await row.waitFor();
  assert.deepEqual(await screen(page, '03-search'), []);
  await row.getByRole('link').click();
  await page.getByTestId('kk-members').waitFor();
  assert.match(await page.getByTestId('person-name').innerText(), new RegExp(target.nik));
  assert.ok((await page.locator('[data-testid=kk-members] tbody tr').count()) >= 1);
  assert.deepEqual(await screen(page, '04-person'), []);
  // A registrar corrects the address; the server checks the copy is current (If-Match).
  await page.getByRole('button', { name: 'Ubah data' }).click();
  await page.getByLabel('Alamat').fill('Jl. Perubahan Uji 12');
  await page.getByLabel('Alamat').press('Enter');
  await page.locator('dl.facts', { hasText: 'Jl. Perubahan Uji 12' }).waitFor();
  // By NIK, then Enter.
  await page.getByRole('link', { name: 'Cari penduduk' }).click();
  const box = page.getByLabel('NIK, nomor KK, atau nama');
  await box.fill(target.nik);
  await page.locator('[data-testid=search-results] tbody tr').first().waitFor();
  await box.press('Enter');
  await page.waitForURL(new RegExp('/orang/' + target.nik));
  await context.close();
});

test('register a family of two with the keyboard only, errors next to the fields', async () => {
  const { page, context } = await open(browser);
  await login(page, 'reg.demo');
  await page.goto(BASE + '/daftar');
  await page.getByLabel('Nama lengkap').waitFor();
  // Enter on an empty form: every problem is named beside its field.
  await page.getByLabel('Nama lengkap').press('Enter');
  await page.locator('.field .error').first().waitFor();
  const errors = await page.locator('.field .error').allInnerTexts();
  assert.ok(errors.some((e) => /Nama wajib diisi/.test(e)), errors.join(' | '));
  assert.ok(errors.some((e) => /desa\/kelurahan/i.test(e)), errors.join(' | '));
  assert.deepEqual(await screen(page, '05-register-errors'), []);

  const register = async (nama, born, sex) => {
    await page.goto(BASE + '/daftar');
    const k = page.keyboard;
    await page.getByLabel('Nama lengkap').focus();
    await k.type(nama);
    await k.press('Tab');
    await k.type('Bandung');
    await k.press('Tab');
    const [y, m, d] = born.split('-');
    await k.type(d + m + y); // the date input takes dd mm yyyy as typed
    await k.press('Tab');
    await page.getByLabel('Jenis kelamin').selectOption(sex);
    await page.getByLabel('Agama').selectOption('1');
    await page.getByLabel('Pendidikan').selectOption('5');
    await page.getByLabel('Pekerjaan').selectOption('15');
    await page.getByLabel('Desa/Kelurahan').focus();
    await k.type('cibeunying');
    await page.locator('[role=option]').first().waitFor();
    await k.press('ArrowDown');
    await k.press('ArrowUp');
    await k.press('Enter');
    await k.press('Tab');
    await k.type('Jl. Uji Peramban 7');
    await k.press('Tab');
    await k.type('3');
    await k.press('Tab');
    await k.type('4');
    await k.press('Enter');
    try {
      await page.waitForURL(/\/orang\/\d{16}/);
    } catch (e) {
      await shot(page, 'failed-register-' + nama.replace(/ /g, '-'));
      throw new Error(`${nama} was not registered: ${(await page.locator('.field .error, .msg.error').allInnerTexts()).join(' | ')}`);
    }
    return page.url().match(/\/orang\/(\d{16})/)[1];
  };
  const head = await register('Bagas Peramban', '1985-04-12', '1');
  // The date typed day, month, year (as an Indonesian browser shows it) is the date stored.
  assert.match(await page.locator('dl.facts').innerText(), /1985-04-12/);
  const wife = await register('Sekar Peramban', '1988-09-30', '2');
  assert.notEqual(head, wife);
  await page.goto(BASE + '/kk/baru');
  await page.getByLabel('NIK kepala keluarga').fill(head);
  await page.getByRole('button', { name: '+ Tambah anggota' }).click();
  await page.getByLabel('NIK anggota 1').fill(wife);
  await page.getByLabel('SHDK').selectOption('3');
  await page.getByLabel('Desa/Kelurahan').fill('cibeunying');
  await page.locator('[role=option]').first().click();
  await page.getByLabel('Alamat').fill('Jl. Uji Peramban 7');
  await page.getByLabel('RT').fill('3');
  await page.getByLabel('RW').fill('4');
  await page.getByRole('button', { name: 'Terbitkan KK' }).click();
  try {
    await page.getByTestId('family-members').waitFor();
  } catch (e) {
    await shot(page, 'failed-family');
    throw new Error(`no KK page: ${page.url()} ${(await page.locator('.field .error, .msg.error').allInnerTexts()).join(' | ')}`);
  }
  // The members' names arrive one by one after the table.
  await page.waitForFunction(() => !document.querySelector('[data-testid=family-members]').textContent.includes('…'));
  const members = await page.locator('[data-testid=family-members] tbody tr').allInnerTexts();
  assert.equal(members.length, 2);
  assert.ok(members.some((m) => /Bagas Peramban/i.test(m) && /Kepala keluarga/.test(m)), members.join(' | '));
  assert.ok(members.some((m) => /Sekar Peramban/i.test(m) && /Istri/.test(m)), members.join(' | '));
  assert.deepEqual(await screen(page, '06-family'), []);
  await context.close();
});

test('record an e-KTP through a dropped connection: quality feedback, one recording, coverage moves', async () => {
  // Someone waiting to be recorded (the outreach list of the unrecorded), and their district's
  // coverage before.
  const waiting = await api('rekam.demo', 'GET', '/api/v1/outreach/unrecorded?region=32.04&limit=20');
  assert.equal(waiting.status, 200);
  const person = waiting.json.persons.find((p) => p.ektp_status === 'BELUM_REKAM');
  assert.ok(person, 'an unrecorded demo resident');
  const district = (person.wilayah ?? person.region_code).replace(/\./g, '').slice(0, 6);
  const before = (await api('spv.demo', 'GET', `/api/v1/coverage?region=${district}`)).json.total.recorded;
  const files = captureFiles(424242);

  const { page, context } = await open(browser);
  await login(page, 'rekam.demo');
  await page.getByRole('link', { name: 'Perekaman e-KTP' }).click();
  await page.getByLabel('NIK').fill(person.nik);
  await page.locator('.field .hint', { hasText: person.nama }).waitFor();
  await page.getByLabel('Lokasi perekaman').selectOption({ index: 1 });
  // A dark photo is refused on the spot, with what to do.
  await page.getByLabel('Foto wajah (JPEG/PNG, tegak)').setInputFiles(files.dark);
  await page.locator('.field .error', { hasText: 'terlalu gelap' }).waitFor();
  await page.getByLabel('Foto wajah (JPEG/PNG, tegak)').setInputFiles(files.photo);
  await page.locator('.field .hint', { hasText: 'baik' }).first().waitFor();
  await page.getByLabel('Tanda tangan').setInputFiles(files.signature);
  for (let p = 1; p <= 10; p++) await page.locator(`#jari-${p}`).setInputFiles(files.fingers[p - 1]);
  await page.locator('#iris-right').setInputFiles(files.irises.right);
  await page.locator('#iris-left').setInputFiles(files.irises.left);
  assert.deepEqual(await screen(page, '07-recording'), []);

  // The connection drops as the officer submits: the recording waits and is retried.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Kirim perekaman' }).click();
  await page.getByTestId('outbox').waitFor();
  await page.waitForFunction(() => /percobaan ke-/.test(document.querySelector('[data-testid=outbox]')?.textContent ?? ''));
  await context.setOffline(false);
  await page.getByTestId('outbox').waitFor({ state: 'detached', timeout: 60000 });
  assert.match(await page.getByTestId('recording-outcome').innerText(), /diterima server/);

  // Exactly one recording of this person, and the district counts one more recorded.
  const timeline = (await api('rekam.demo', 'GET', `/api/v1/persons/${person.nik}/ektp`)).json;
  assert.equal(timeline.events.filter((e) => e.event === 'recorded').length, 1);
  const after = (await api('spv.demo', 'GET', `/api/v1/coverage?region=${district}`)).json.total.recorded;
  assert.equal(after, before + 1);

  // De-duplication finds nobody else with these eyes and fingers: the card is ready to print.
  let status = '';
  for (let i = 0; i < 300 && status !== 'PRINT_READY_RECORD'; i++) {
    status = (await api('rekam.demo', 'GET', `/api/v1/persons/${person.nik}`)).json.ektp_status;
    if (status !== 'PRINT_READY_RECORD') await new Promise((ok) => setTimeout(ok, 200));
  }
  assert.equal(status, 'PRINT_READY_RECORD');

  // The supervisor's dashboard shows it for that district.
  const spv = await open(browser);
  await login(spv.page, 'spv.demo');
  await spv.page.goto(BASE + '/?wilayah=' + district);
  await spv.page.getByTestId('tiles').waitFor();
  const tile = spv.page.locator('.tile', { hasText: 'Sudah rekam' }).locator('.n');
  await spv.page.waitForFunction(() => document.querySelectorAll('.tile').length > 3);
  assert.equal(digits(await tile.innerText()), after);
  await spv.context.close();
  await context.close();
});

test('adjudicate a duplicate side by side, faces and scores, with a reason', async () => {
  // Someone else recorded with the eyes and fingers of the resident recorded above: a duplicate
  // whose two records both have a face.
  const waiting = await api('rekam.demo', 'GET', '/api/v1/outreach/unrecorded?region=32.04&limit=20');
  const other = waiting.json.persons.find((p) => p.ektp_status === 'BELUM_REKAM');
  assert.ok(other, 'a second unrecorded resident');
  const files = captureFiles(424242);
  const b64 = (f) => readFileSync(f).toString('base64');
  const sites = (await api('rekam.demo', 'GET', '/api/v1/sites')).json.sites;
  const dinas = sites.find((x) => x.kind === 'dinas');
  const made = await api('rekam.demo', 'POST', '/api/v1/recordings', {
    recording_id: 'e2e-ganda-' + other.nik,
    nik: other.nik,
    site_id: dinas.id,
    device_serial: 'KIT-' + dinas.code,
    captured_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    photo: b64(files.photo),
    signature: b64(files.signature),
    fingers: files.fingers.map((f, i) => ({ position: i + 1, template: b64(f) })),
    irises: [
      { eye: 'right', template: b64(files.irises.right) },
      { eye: 'left', template: b64(files.irises.left) },
    ],
  });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  let kase;
  for (let i = 0; i < 300 && !kase; i++) {
    const open = await api('spv.demo', 'GET', '/api/v1/abis/cases?limit=100');
    kase = open.json.cases.find((c) => c.nik === other.nik);
    if (!kase) await new Promise((ok) => setTimeout(ok, 200));
  }
  assert.ok(kase, 'the duplicate opened a case');

  const { page, context } = await open(browser);
  await login(page, 'spv.demo');
  await page.getByRole('link', { name: 'Adjudikasi ganda' }).click();
  await page.getByTestId('cases').waitFor();
  await page.locator('[data-testid=cases] tbody a', { hasText: new RegExp(`^#${kase.id}$`) }).click();
  await page.getByTestId('side-by-side').waitFor();
  for (const i of [0, 1]) {
    await page.getByTestId('photo-' + i).waitFor();
    assert.ok(await page.getByTestId('photo-' + i).evaluate((img) => img.complete && img.naturalWidth === 300), 'face ' + i);
  }
  assert.deepEqual(await screen(page, '08-adjudication'), []);
  await page.getByRole('button', { name: 'Putuskan' }).click();
  assert.match(await page.locator('[role=alert]').innerText(), /Pilih keputusan/);
  await page.getByLabel(/Orang berbeda/).check();
  await page.getByLabel('Alasan').fill('Wajah dan orang tua berbeda; kembar identik diperiksa di tempat');
  await page.getByRole('button', { name: 'Putuskan' }).click();
  await page.getByTestId('case-decided').waitFor();
  assert.match(await page.getByTestId('case-decided').innerText(), /orang berbeda/);
  await context.close();
});

test('print a card from the queue, preview it, hand it over', async () => {
  const { page, context } = await open(browser);
  await login(page, 'cetak.demo');
  await page.getByRole('link', { name: 'Pencetakan' }).click();
  await page.getByTestId('print-queue').waitFor();
  const stock = digits(await page.getByTestId('stock').innerText());
  await page.locator('[data-testid=print-queue] tbody button', { hasText: 'Cetak' }).first().click();
  await page.getByTestId('card-preview').waitFor();
  const loaded = await page.getByTestId('card-preview').evaluate((img) => img.complete && img.naturalWidth > 500);
  assert.ok(loaded, 'the card preview is an image');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=stock]').textContent.replace(/\D/g, '')) === n - 1, stock);
  assert.deepEqual(await screen(page, '09-printing'), []);
  await page.getByLabel('Diterima oleh (nama)').fill('Penerima Uji');
  await page.getByRole('button', { name: 'Serahkan kartu' }).click();
  await page.locator('.msg.ok', { hasText: 'diserahkan kepada Penerima Uji' }).waitFor();
  await context.close();
});

test('an admin adds an officer for another regency, who sees nothing of this one', async () => {
  const { page, context } = await open(browser);
  await login(page, 'admin');
  await page.getByRole('link', { name: 'Pengguna' }).click();
  await page.getByLabel('Nama pengguna').fill('reg.bogor');
  await page.getByLabel('Peran').selectOption('registrar');
  await page.getByLabel('Wilayah kewenangan').fill('32.01');
  await page.getByRole('button', { name: 'Tambah' }).click();
  await page.getByTestId('new-password').waitFor();
  const password = (await page.getByTestId('new-password').locator('code').innerText()).trim();
  assert.match(password, /^[A-Za-z0-9]{20}$/);
  await page.locator('[data-testid=users] tbody tr', { hasText: 'reg.bogor' }).waitFor();
  assert.deepEqual(await screen(page, '10-users'), []);
  await context.close();

  const someone = (await api('reg.demo', 'GET', '/api/v1/persons?q=siti&limit=1')).json.items[0];
  const other = await open(browser);
  await login(other.page, 'reg.bogor', password);
  // Their dashboard is their own regency.
  await other.page.getByTestId('tiles').waitFor();
  assert.match(await other.page.locator('h1').innerText(), /Bogor/);
  // Search by name and by NIK finds nobody of Kabupaten Bandung.
  await other.page.getByRole('link', { name: 'Cari penduduk' }).click();
  await other.page.getByLabel('NIK, nomor KK, atau nama').fill(someone.nama.toLowerCase());
  await other.page.getByText('Tidak ada hasil.').waitFor();
  await other.page.getByLabel('NIK, nomor KK, atau nama').fill(someone.nik);
  await other.page.getByText('Tidak ada hasil.').waitFor();
  // The person's address answers "not found", the same as a NIK that does not exist.
  await other.page.goto(BASE + '/orang/' + someone.nik);
  assert.match(await other.page.locator('[role=alert]').innerText(), /tidak ditemukan/i);
  await other.page.goto(BASE + '/kk/' + someone.kk_number);
  assert.match(await other.page.locator('[role=alert]').innerText(), /tidak ditemukan/i);
  assert.deepEqual(await screen(other.page, '11-out-of-scope'), []);
  await other.context.close();
});

test('the auditor sees who read the record; a tablet gets the same screens', async () => {
  const someone = (await api('reg.demo', 'GET', '/api/v1/persons?q=siti&limit=1')).json.items[0];
  const tablet = await open(browser, { width: 800, height: 1280 });
  await login(tablet.page, 'audit.demo');
  await tablet.page.goto(BASE + '/orang/' + someone.nik);
  await tablet.page.getByTestId('audit-trail').waitFor();
  const rows = await tablet.page.locator('[data-testid=audit-trail] tbody tr').allInnerTexts();
  assert.ok(rows.some((r) => /reg\.demo/.test(r)), rows.slice(0, 5).join(' | '));
  assert.deepEqual(await screen(tablet.page, '12-tablet-person-audit'), []);
  // Nothing is wider than the tablet's screen.
  const overflow = await tablet.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the tablet`);
  await tablet.context.close();
});

test('jemput bola, counters and the public display', async () => {
  const { page, context } = await open(browser);
  await login(page, 'spv.demo');
  await page.getByRole('link', { name: 'Jemput bola' }).click();
  await page.getByTestId('priority').waitFor();
  assert.match(await page.locator('[data-testid=priority] tbody tr').first().innerText(), /Pulau kecil terluar|perbatasan|tertinggal/i);
  assert.deepEqual(await screen(page, '13-outreach'), []);
  // The supervisor opens a desk at the event counter for recording and KK.
  await page.getByRole('link', { name: 'Loket layanan' }).click();
  await page.getByTestId('desks').waitFor();
  await page.getByLabel('Nama meja').fill('Meja Uji 1');
  await page.getByLabel('C · Kartu Keluarga').check();
  await page.getByRole('button', { name: 'Buka meja' }).click();
  await page.locator('[data-testid=desks] tbody tr', { hasText: 'Meja Uji 1' }).waitFor();
  await context.close();

  const staff = await open(browser);
  await login(staff.page, 'rekam.demo');
  await staff.page.getByRole('link', { name: 'Loket layanan' }).click();
  await staff.page.getByTestId('desks').waitFor();
  await staff.page.getByRole('button', { name: 'Ambil nomor' }).click();
  await staff.page.getByTestId('ticket').waitFor();
  const label = (await staff.page.getByTestId('ticket').locator('strong').innerText()).trim();
  assert.match(label, /^A-\d{3}$/);
  await staff.page.locator('[data-testid=desks] tbody button', { hasText: 'Panggil berikutnya' }).first().click();
  await staff.page.locator('[data-testid=desks] tbody', { hasText: 'Dipanggil' }).waitFor();
  assert.deepEqual(await screen(staff.page, '14-counters'), []);
  const href = await staff.page.getByRole('link', { name: /layar antrean umum/ }).getAttribute('href');
  await staff.context.close();
  const display = await open(browser, { width: 1280, height: 720 });
  await display.page.goto(BASE + href);
  await display.page.waitForFunction(() => /[A-E]-\d{3}/.test(document.body.innerText));
  assert.deepEqual(await screen(display.page, '15-public-display'), []);
  await display.context.close();
});

test('every screen works in English too, and the first screen is small', async () => {
  // The build measured the first screen's JavaScript; the login page loads nothing more.
  const budget = JSON.parse(readFileSync(new URL('../dist/.budget.json', import.meta.url), 'utf8'));
  assert.ok(budget.first_screen_gzip > 0 && budget.first_screen_gzip <= 300 * 1024, JSON.stringify(budget));
  const first = await open(browser);
  const scripts = [];
  first.page.on('response', (r) => r.url().endsWith('.js') && scripts.push(r.url()));
  await first.page.goto(BASE + '/');
  await first.page.getByLabel('Nama pengguna').waitFor();
  assert.deepEqual(scripts.map((u) => new URL(u).pathname), budget.scripts, 'the login screen loads only the first-screen script');
  await first.context.close();

  const { page, context } = await open(browser);
  await login(page, 'admin');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Find a resident' }).waitFor();
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await page.getByRole('link', { name: 'Cari penduduk' }).waitFor();
  // Every control can be reached with Tab: walk the dashboard and see focus move past the menu.
  const seen = new Set();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => document.activeElement?.textContent?.trim().slice(0, 30) ?? ''));
  }
  assert.ok(seen.has('Lewati ke isi') && seen.has('Pengguna'), [...seen].join(' | '));
  // A session the server no longer knows (expired, revoked) sends the officer to the login
  // screen with the reason.
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('siak.session'));
    s.token = '0'.repeat(64);
    sessionStorage.setItem('siak.session', JSON.stringify(s));
  });
  await page.reload();
  await page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.').waitFor();
  await context.close();
});
