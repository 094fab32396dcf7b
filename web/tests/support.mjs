// Helpers for the browser tests: the server the harness started, its demo users, Debian's
// chromium through playwright-core, SYNTHETIC capture files, and screenshots as artefacts.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Accessibility of the page as it is now (axe-core, WCAG 2.1 A and AA rules: labels, names,
 * contrast, landmarks, ARIA): the serious and critical findings, as readable lines.
 */
export async function accessibilityProblems(page) {
  await page.evaluate(axeSource); // through the debugging protocol: the page's CSP forbids inline scripts
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`);
}

export const BASE = process.env.SIAK_E2E_URL;
if (!BASE) throw new Error('SIAK_E2E_URL is not set: run tests/web/e2e.sh, which starts siak serve');
const ARTIFACTS = process.env.SIAK_E2E_ARTIFACTS ?? 'e2e-screenshots';
const WORK = process.env.SIAK_E2E_WORK;

export const passwords = Object.fromEntries(
  readFileSync(process.env.SIAK_E2E_CREDENTIALS, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' ')),
);

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=id-ID'] });
}

/** A fresh browser context (its own session storage) at a laptop's 1366x768. */
export async function open(browser, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return { context, page };
}

export async function login(page, user, password = passwords[user]) {
  await page.goto(BASE + '/');
  await page.getByLabel('Nama pengguna').fill(user);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByLabel('Kata sandi').press('Enter');
  await page.getByTestId('who').waitFor();
}

export async function shot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name + '.png'), fullPage: true });
}

/** A main screen: its screenshot saved, and its serious accessibility problems returned. */
export async function screen(page, name) {
  await shot(page, name);
  return accessibilityProblems(page);
}

/** The API as a user, for setting up and checking what the UI did. */
export async function api(user, method, path, body) {
  const tokenRes = await fetch(BASE + '/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username: user, password: passwords[user] }),
  });
  const { token } = await tokenRes.json();
  const res = await fetch(BASE + path, {
    method,
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', 'Idempotency-Key': 'e2e-' + Math.random() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

// ---- SYNTHETIC captures ----

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** An RGB PNG of `w`x`h` whose pixels come from `fn(x, y)`. */
export function png(w, h, fn) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) raw.set(fn(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
/** A SYNTHETIC portrait: red background, an oval face with two eyes, shoulders. */
export const face = (seed) =>
  png(300, 400, (x, y) => {
    const tone = 150 + (seed % 60);
    if (((x - 150) / 85) ** 2 + ((y - 160) / 110) ** 2 < 1) {
      if ((x - 120) ** 2 + (y - 145) ** 2 < 64 || (x - 180) ** 2 + (y - 145) ** 2 < 64) return [20, 20, 20];
      return [tone, Math.floor(tone * 0.8), Math.floor(tone * 0.65)];
    }
    return y > 310 ? [25, 25, 40] : [190 - Math.floor(y / 8), 25, 25];
  });
/** A too-dark photo: the quality gate's example. */
export const darkFace = () => png(300, 400, () => [10, 10, 10]);
export const signature = (seed) =>
  png(400, 120, (x, y) => {
    const wave = 60 + 30 * Math.sin((x + seed) / 17) * Math.cos(x / 41);
    return x > 30 && x < 370 && Math.abs(y - wave) < 2.5 ? [10, 10, 60] : [255, 255, 255];
  });
/** A SYNTHETIC ISO/IEC 19794-2:2005 record: one view of random minutiae (seeded). */
export function finger(position, seed, minutiae = 30) {
  let s = (seed * 16 + position) >>> 0;
  const rnd = (n) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s % n);
  const body = Buffer.alloc(minutiae * 6);
  for (let i = 0; i < minutiae; i++) {
    const kind = 1 + rnd(2);
    body.writeUInt16BE((kind << 14) | (20 + rnd(360)), i * 6);
    body.writeUInt16BE(20 + rnd(460), i * 6 + 2);
    body[i * 6 + 4] = rnd(256);
    body[i * 6 + 5] = 40 + rnd(60);
  }
  const view = Buffer.concat([Buffer.from([position, 0, 70, minutiae]), body]);
  const header = Buffer.alloc(24);
  header.write('FMR\0 20\0', 0, 'latin1');
  header.writeUInt32BE(24 + view.length + 2, 8);
  header.writeUInt16BE(0, 12);
  header.writeUInt16BE(400, 14);
  header.writeUInt16BE(500, 16);
  header.writeUInt16BE(197, 18);
  header.writeUInt16BE(197, 20);
  header[22] = 1;
  header[23] = 0;
  return Buffer.concat([header, view, Buffer.alloc(2)]);
}
/** Writes a recording's capture files for identity `seed` and returns their paths. */
export function captureFiles(seed) {
  const dir = join(WORK, 'captures-' + seed);
  mkdirSync(dir, { recursive: true });
  const out = { photo: join(dir, 'foto.png'), dark: join(dir, 'gelap.png'), signature: join(dir, 'ttd.png'), fingers: [], irises: {} };
  writeFileSync(out.photo, face(seed));
  writeFileSync(out.dark, darkFace());
  writeFileSync(out.signature, signature(seed));
  for (let p = 1; p <= 10; p++) {
    const f = join(dir, `jari-${p}.fmr`);
    writeFileSync(f, finger(p, seed));
    out.fingers.push(f);
  }
  for (const eye of ['right', 'left']) {
    const f = join(dir, `iris-${eye}.skir`);
    execFileSync(process.env.SIAK_E2E_SIAK, ['abis', 'synth', '--identity', String(seed), '--eye', eye, '--out', f], { stdio: 'ignore' });
    out.irises[eye] = f;
  }
  return out;
}
