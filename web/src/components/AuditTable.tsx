// Audit entries as a table: when, who (and their role), what, the outcome, and optionally the
// records it touched. Used by the audit screen and the person page's "who accessed this".
import { t } from '../i18n';
import { actionLabel } from '../labels';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  outcome: string;
  source: string;
  subjects: string;
}

export function AuditTable(props: { items: AuditEntry[]; testid: string; withSubjects?: boolean }) {
  return (
    <table data-testid={props.testid}>
      <thead>
        <tr>
          <th scope="col">{t('Waktu')}</th>
          <th scope="col">{t('Pengguna')}</th>
          <th scope="col">{t('Tindakan')}</th>
          <th scope="col">{t('Hasil')}</th>
          {props.withSubjects && <th scope="col">{t('Data')}</th>}
        </tr>
      </thead>
      <tbody>
        {props.items.map((a) => (
          <tr>
            <td>{a.at}</td>
            <td>
              {a.actor} <span class="muted">({a.role})</span>
            </td>
            <td>{actionLabel(a.action)}</td>
            <td>{a.outcome}</td>
            {props.withSubjects && (
              <td style="max-width:260px">
                <small>{a.subjects.length > 80 ? a.subjects.slice(0, 80) + '…' : a.subjects}</small>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
