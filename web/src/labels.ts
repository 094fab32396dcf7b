// Names of roles, scopes, register events and audited actions as officers and auditors read them.
import type { Role } from './api';
import { t } from './i18n';

const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin',
  supervisor: 'Supervisor',
  registrar: 'Petugas registrasi',
  recording_officer: 'Petugas perekaman',
  print_officer: 'Petugas cetak',
  auditor: 'Auditor',
  partner: 'Lembaga pengguna',
};
export const roleLabel = (r: Role) => t(ROLE_LABEL[r] ?? r);
export const scopeLabel = (s: string) => (s === 'national' ? t('Nasional') : s);

// The register's events (GET /api/v1/persons/{nik}/history).
const REGISTER_EVENT: Record<string, string> = {
  'person.registered': 'Didaftarkan',
  'person.imported': 'Dimigrasikan',
  'person.updated': 'Data diubah',
  'person.corrected': 'Data dikoreksi (dengan dokumen)',
  'person.moved_in': 'Pindah datang',
  'person.moved_out': 'Pindah keluar',
  'person.nik_deactivated': 'NIK dinonaktifkan',
  'family.created': 'KK dibuat',
  'family.member_added': 'Masuk KK',
  'family.member_removed': 'Keluar dari KK',
  'family.head_changed': 'Kepala keluarga diganti',
  'family.split': 'KK dipisah',
  'family.reissued': 'KK diterbitkan ulang',
  'family.dissolved': 'KK dibubarkan',
  'kk.issued': 'KK diterbitkan',
  'civil.birth_registered': 'Kelahiran dicatat',
  'civil.death_registered': 'Kematian dicatat',
  'civil.marriage_registered': 'Perkawinan dicatat',
  'civil.divorce_registered': 'Perceraian dicatat',
  'civil.marginal_note_registered': 'Catatan pinggir',
  'civil.event_corrected': 'Akta dikoreksi',
  'civil.event_cancelled': 'Akta dibatalkan',
  'civil.akta_copy_issued': 'Salinan akta diterbitkan',
};
export const registerEventLabel = (e: string) => t(REGISTER_EVENT[e] ?? e);

// Audited actions (the API's operation ids); others are shown as they are.
const ACTION: Record<string, string> = {
  login: 'Masuk',
  searchPersons: 'Mencari penduduk',
  getPerson: 'Membaca biodata',
  getPersonHistory: 'Membaca riwayat',
  getFamily: 'Membaca KK',
  getEktpTimeline: 'Membaca riwayat e-KTP',
  createPerson: 'Mendaftarkan penduduk',
  updatePerson: 'Mengubah data',
  correctPerson: 'Mengoreksi data',
  createFamily: 'Membuat KK',
  addFamilyMember: 'Menambah anggota KK',
  removeFamilyMember: 'Mengeluarkan anggota KK',
  changeFamilyHead: 'Mengganti kepala keluarga',
  splitFamily: 'Memisah KK',
  createMove: 'Mencatat pindah',
  createRecording: 'Merekam e-KTP',
  printCard: 'Mencetak KTP-el',
  handoverCard: 'Menyerahkan KTP-el',
  issueSuket: 'Menerbitkan Suket',
  decideAbisCase: 'Memutuskan kasus ganda',
  queryAudit: 'Membaca log audit',
};
export const actionLabel = (a: string) => (ACTION[a] ? `${t(ACTION[a])} (${a})` : a);
