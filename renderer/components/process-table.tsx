/** A table of the top processes, by CPU or by memory. */
import type { ProcessInfo } from '../../main/shared/metrics';
import { useI18n } from '../i18n';

/** Props of {@link ProcessTable}. */
export interface ProcessTableProps {
  readonly caption: string;
  readonly rows: readonly ProcessInfo[];
}

/** Top processes with PID, name, CPU and memory. */
export function ProcessTable({ caption, rows }: ProcessTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <table className="proc-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('proc.pid')}</th>
          <th scope="col">{t('proc.name')}</th>
          <th scope="col" className="num">
            {t('proc.cpu')}
          </th>
          <th scope="col" className="num">
            {t('proc.mem')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.pid}>
            <td className="num">{p.pid}</td>
            <td title={p.command} data-dynamic="">
              {p.name}
            </td>
            <td className="num">{i18n.formatValue('percent', p.cpu)}</td>
            <td className="num">{i18n.formatValue('bytes', p.memBytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
