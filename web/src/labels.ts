// Names of roles and scopes as officers read them.
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
