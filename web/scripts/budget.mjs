// After `vite build`: writes a gzip twin (.gz) beside every text asset, for siak serve to send to
// browsers that accept it, and measures the first screen's JavaScript (the entry script and the
// modules it preloads, as index.html names them) compressed. Fails the build above the budget.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const BUDGET = 300 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name.startsWith('.')) return [];
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const gz = (buf) => gzipSync(buf, { level: constants.Z_BEST_COMPRESSION });
let allJs = 0;
for (const file of walk(dist)) {
  if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
  const body = readFileSync(file);
  const packed = gz(body);
  if (file.endsWith('.js')) allJs += packed.length;
  if (packed.length < body.length) writeFileSync(file + '.gz', packed);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const first = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
let size = 0;
for (const src of first) size += gz(readFileSync(join(dist, src.replace(/^\//, '')))).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`budget: first screen ${first.length} script(s), ${kb(size)} gzip of ${kb(BUDGET)}; all scripts ${kb(allJs)} gzip`);
writeFileSync(join(dist, '.budget.json'), JSON.stringify({ first_screen_gzip: size, budget: BUDGET, all_js_gzip: allJs, scripts: first }, null, 2));
if (first.length === 0) {
  console.error('budget: index.html names no script');
  process.exit(1);
}
if (size > BUDGET) {
  console.error(`budget: the first screen's JavaScript is ${kb(size)} gzip, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
