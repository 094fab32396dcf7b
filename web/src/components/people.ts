// The person as the API returns it, and how its parts are named on screen.
export interface Person {
  nik: string;
  nama: string;
  tempat_lahir: string;
  tanggal_lahir: string;
  jenis_kelamin: number;
  jenis_kelamin_label: string;
  agama: number;
  agama_label: string;
  golongan_darah: number;
  golongan_darah_label: string;
  status_perkawinan: number;
  status_perkawinan_label: string;
  status_perkawinan_lengkap?: string;
  pendidikan: number;
  pendidikan_label: string;
  pekerjaan: number;
  pekerjaan_label: string;
  kewarganegaraan_label: string;
  nama_ayah: string;
  nama_ibu: string;
  wilayah: string;
  wilayah_nama: string;
  alamat: string;
  rt: number;
  rw: number;
  kk_number: string | null;
  ektp_status: string;
  status_dasar: number;
  status_dasar_label: string;
  version: number;
}

export const EKTP_STATUS: Record<string, [string, 'ok' | 'warn' | 'bad' | '']> = {
  BELUM_WAJIB: ['Belum wajib KTP', ''],
  BELUM_REKAM: ['Belum rekam', 'bad'],
  SENT_FOR_ENROLLMENT: ['Menunggu ABIS', 'warn'],
  DUPLICATE_RECORD: ['Dugaan ganda', 'bad'],
  ADJUDICATE_RECORD: ['Adjudikasi', 'bad'],
  ENROLL_FAILURE: ['Rekam ulang', 'bad'],
  PRINT_READY_RECORD: ['Siap cetak', 'warn'],
  SENT_FOR_CARD_PRINTING: ['Dalam antrean cetak', 'warn'],
  CARD_PRINTED: ['Sudah cetak', 'ok'],
  CARD_SHIPPED: ['Dikirim', 'ok'],
  CARD_ISSUED: ['KTP sudah diterima', 'ok'],
  MERGED: ['Digabung (NIK ganda)', 'bad'],
};

export const SHDK: [string, string][] = [
  ['1', 'Kepala keluarga'],
  ['2', 'Suami'],
  ['3', 'Istri'],
  ['4', 'Anak'],
  ['5', 'Menantu'],
  ['6', 'Cucu'],
  ['7', 'Orang tua'],
  ['8', 'Mertua'],
  ['9', 'Famili lain'],
  ['10', 'Pembantu'],
  ['11', 'Lainnya'],
];
