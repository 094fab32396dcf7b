// Bahasa Indonesia is the interface's language; English is a toggle. Texts are written in
// Indonesian in the code and looked up here for English (a missing entry shows the Indonesian).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, NetworkError } from './api';

export type Lang = 'id' | 'en';
let lang: Lang = (localStorage.getItem('siak.lang') as Lang) === 'en' ? 'en' : 'id';
const listeners = new Set<() => void>();

export function setLang(l: Lang) {
  lang = l;
  localStorage.setItem('siak.lang', l);
  document.documentElement.lang = l;
  listeners.forEach((fn) => fn());
}
export const currentLang = () => lang;

/** Re-renders the caller when the language changes. */
export function useLang(): Lang {
  const [, force] = useState(0);
  useEffect(() => {
    const fn = () => force((n) => n + 1);
    listeners.add(fn);
    return () => void listeners.delete(fn);
  }, []);
  return lang;
}

const EN: Record<string, string> = {
  'Masuk': 'Log in',
  'Keluar': 'Log out',
  'Nama pengguna': 'User name',
  'Kata sandi': 'Password',
  'Beranda': 'Dashboard',
  'Cari penduduk': 'Find a resident',
  'Daftarkan penduduk': 'Register a person',
  'Buat KK baru': 'New family card',
  'Pindah datang': 'Record a move',
  'Perekaman e-KTP': 'e-KTP recording',
  'Adjudikasi ganda': 'Duplicate adjudication',
  'Pencetakan': 'Printing',
  'Suket': 'Suket',
  'Jemput bola': 'Mobile outreach',
  'Loket layanan': 'Service counters',
  'Pengguna': 'Users',
  'Log audit': 'Audit log',
  'Cakupan perekaman': 'Recording coverage',
  'Wilayah': 'Region',
  'Penduduk': 'Residents',
  'Wajib KTP': 'Must hold an e-KTP',
  'Sudah rekam': 'Recorded',
  'Cakupan': 'Coverage',
  'Siap cetak': 'Ready to print',
  'Blangko tersedia': 'Blanks on hand',
  'Suket berlaku': 'Suket outstanding',
  'Kasus ganda menunggu': 'Duplicates waiting',
  'Stok blangko menipis': 'Blank stock running low',
  'Perekaman dari waktu ke waktu': 'Recording over time',
  'Memuat…': 'Loading…',
  'Simpan': 'Save',
  'Batal': 'Cancel',
  'Cari': 'Search',
  'Kembali': 'Back',
  'Biodata': 'Personal data',
  'Kartu Keluarga': 'Family card',
  'Anggota keluarga': 'Family members',
  'Riwayat e-KTP': 'e-KTP timeline',
  'Riwayat perubahan': 'Change history',
  'Siapa yang mengakses data ini': 'Who accessed this record',
  'Tidak ada hasil.': 'No results.',
  'Bahasa': 'Language',
  'Lewati ke isi': 'Skip to content',
};

export function t(text: string): string {
  return lang === 'en' ? EN[text] ?? text : text;
}

/** What went wrong, for a person: Indonesian by the problem's code, with the server's detail. */
export function errorText(e: unknown): string {
  if (e instanceof NetworkError) return t('Tidak dapat menghubungi server. Periksa jaringan lalu coba lagi.');
  if (e instanceof ApiError) {
    const byCode: Record<string, string> = {
      invalid_credentials: 'Nama pengguna atau kata sandi salah.',
      account_disabled: 'Akun ini dinonaktifkan. Hubungi admin.',
      not_found: 'Data tidak ditemukan atau di luar wilayah kewenangan Anda.',
      forbidden: 'Peran Anda tidak diizinkan melakukan ini.',
      unauthenticated: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
      precondition_failed: 'Data ini telah diubah orang lain. Muat ulang lalu ulangi perubahan.',
      already_exists: 'Data ini sudah ada.',
      conflict: 'Terjadi perubahan bersamaan. Coba lagi.',
      payload_too_large: 'Berkas terlalu besar.',
    };
    if (e.code === 'login_locked') {
      const until = /after (\S+)/.exec(e.detail)?.[1];
      const when = until ? new Date(until).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'id-ID', { hour: '2-digit', minute: '2-digit' }) : '';
      return lang === 'en'
        ? `Too many failed logins: the account is locked until ${when}.`
        : `Terlalu banyak percobaan masuk yang gagal: akun dikunci sampai pukul ${when}. Coba lagi setelah itu.`;
    }
    // Rule violations: the field named in Indonesian, then the server's rule (its text names
    // the value and the rule).
    if (lang === 'id' && ['validation_failed', 'invalid_state', 'malformed_request', 'exhausted', 'idempotency_key_reused'].includes(e.code)) {
      const what = e.code === 'invalid_state' ? 'Tidak dapat dilakukan pada keadaan data sekarang' : e.field ? `Isian "${e.field}" tidak memenuhi aturan` : 'Permintaan ditolak';
      return `${what}: ${e.detail || e.keterangan}`;
    }
    const base = byCode[e.code];
    if (base) return lang === 'en' ? e.detail || e.message : `${base}${e.detail && e.status !== 404 ? ' (' + e.detail + ')' : ''}`;
    return e.detail || e.message;
  }
  return String((e as Error)?.message ?? e);
}
