// Capture devices behind one interface. In the office a device bridge (a local service that
// drives the camera, signature pad, fingerprint and iris scanners) implements CaptureSource;
// here files chosen by the officer stand in for the devices. Each capture is checked on the
// spot with the server's own thresholds, so a bad capture is redone before the resident leaves.

export type FingerPosition = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
export type Eye = 'right' | 'left';

export interface Capture {
  bytes: Uint8Array;
  /** What the check found, in Indonesian: shown beside the capture. */
  quality: string;
  /** A problem that makes the server refuse it: capture again. */
  problem?: string;
  previewUrl?: string;
}

export interface CaptureSource {
  readonly name: string;
  photo(): Promise<Capture>;
  signature(): Promise<Capture>;
  finger(position: FingerPosition): Promise<Capture>;
  iris(eye: Eye): Promise<Capture>;
}

export const FINGER_NAMES: Record<FingerPosition, string> = {
  1: 'Jempol kanan',
  2: 'Telunjuk kanan',
  3: 'Jari tengah kanan',
  4: 'Jari manis kanan',
  5: 'Kelingking kanan',
  6: 'Jempol kiri',
  7: 'Telunjuk kiri',
  8: 'Jari tengah kiri',
  9: 'Jari manis kiri',
  10: 'Kelingking kiri',
};

/** Checks of a file's bytes, shared by every source. */
export async function checkPhoto(bytes: Uint8Array): Promise<Capture> {
  if (bytes.length > 512 * 1024) return { bytes, quality: '', problem: 'Foto lebih dari 512 KB: ambil ulang dengan resolusi lebih rendah.' };
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  const img = await loadImage(url).catch(() => null);
  if (!img) return { bytes, quality: '', problem: 'Berkas bukan gambar JPEG/PNG yang dapat dibaca.' };
  const { width: w, height: h } = img;
  const ratio = h / w;
  const base = `${w}×${h} px`;
  if (ratio < 1.1 || ratio > 1.6) return { bytes, quality: base, problem: 'Foto harus tegak (tinggi 1,1–1,6 kali lebar): pegang kamera tegak, kepala dan bahu terlihat.', previewUrl: url };
  if (w < 240 || h < 320) return { bytes, quality: base, problem: 'Foto minimal 240×320 piksel.', previewUrl: url };
  const { mean, stddev } = luma(img);
  const q = `${base}, kecerahan ${mean.toFixed(0)}, kontras ${stddev.toFixed(0)}`;
  if (mean < 40) return { bytes, quality: q, problem: 'Foto terlalu gelap: tambah cahaya lalu ambil ulang.', previewUrl: url };
  if (mean > 220) return { bytes, quality: q, problem: 'Foto terlalu terang: kurangi cahaya/blitz lalu ambil ulang.', previewUrl: url };
  if (stddev < 12) return { bytes, quality: q, problem: 'Foto datar tanpa kontras: bersihkan lensa, periksa cahaya.', previewUrl: url };
  return { bytes, quality: q + ' — baik', previewUrl: url };
}

export async function checkSignature(bytes: Uint8Array): Promise<Capture> {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  const img = await loadImage(url).catch(() => null);
  if (!img) return { bytes, quality: '', problem: 'Berkas tanda tangan bukan gambar JPEG/PNG.' };
  const { mean } = luma(img);
  const ink = 1 - mean / 255;
  return { bytes, quality: `${img.width}×${img.height} px, tinta ${(ink * 100).toFixed(1)}%`, previewUrl: url, problem: ink < 0.002 ? 'Tanda tangan kosong: minta tanda tangan ulang.' : undefined };
}

/** An ISO/IEC 19794-2 finger minutiae record: "FMR\0", one view, its minutiae and quality. */
export function checkFinger(bytes: Uint8Array, position: FingerPosition): Capture {
  const ascii = String.fromCharCode(...bytes.slice(0, 4));
  if (bytes.length < 32 || ascii !== 'FMR\0') return { bytes, quality: '', problem: 'Bukan templat sidik jari ISO/IEC 19794-2 (FMR).' };
  const view = 24;
  const pos = bytes[view];
  const quality = bytes[view + 2];
  const minutiae = bytes[view + 3];
  const q = `${minutiae} minutiae, kualitas ${quality}`;
  if (pos !== position) return { bytes, quality: q, problem: `Templat ini untuk posisi jari ${pos}, bukan ${position}.` };
  if (minutiae < 12) return { bytes, quality: q, problem: 'Terlalu sedikit minutiae: bersihkan jari dan pemindai lalu ulangi.' };
  return { bytes, quality: q + (quality < 40 ? ' — rendah, sebaiknya diulang' : ' — baik') };
}

/** An iris code template (520 bytes, "SKIR", version 1, eye, quality). */
export function checkIris(bytes: Uint8Array, eye: Eye): Capture {
  const ascii = String.fromCharCode(...bytes.slice(0, 4));
  if (bytes.length !== 520 || ascii !== 'SKIR') return { bytes, quality: '', problem: 'Bukan templat iris (SKIR, 520 byte).' };
  const e = bytes[5] === 1 ? 'right' : bytes[5] === 2 ? 'left' : '?';
  const q = `kualitas ${bytes[6]}`;
  if (e !== eye) return { bytes, quality: q, problem: `Templat ini untuk mata ${e === 'right' ? 'kanan' : 'kiri'}.` };
  return { bytes, quality: q + (bytes[6] < 40 ? ' — rendah' : ' — baik') };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((ok, fail) => {
    const img = new Image();
    img.onload = () => ok(img);
    img.onerror = fail;
    img.src = url;
  });
}

function luma(img: HTMLImageElement): { mean: number; stddev: number } {
  const c = document.createElement('canvas');
  const scale = Math.min(1, 200 / Math.max(img.width, img.height));
  c.width = Math.max(1, Math.round(img.width * scale));
  c.height = Math.max(1, Math.round(img.height * scale));
  const g = c.getContext('2d')!;
  g.drawImage(img, 0, 0, c.width, c.height);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let sum = 0;
  let sq = 0;
  const n = d.length / 4;
  for (let i = 0; i < d.length; i += 4) {
    const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
    sum += y;
    sq += y * y;
  }
  const mean = sum / n;
  return { mean, stddev: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
}

/** Files stand in for the devices: the page hands this source the files the officer picked. */
export class FileSource {
  readonly name = 'Berkas (pengganti perangkat)';
  async read(file: File): Promise<Uint8Array> {
    return new Uint8Array(await file.arrayBuffer());
  }
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
