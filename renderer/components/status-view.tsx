/** The Status tab: one card per metric family with current values and sparklines. */
import { useEffect } from 'react';
import type { Status } from '../../main/shared/contract';
import {
  parseSeriesKey,
  seriesKey,
  type MetricName,
  type Snapshot,
} from '../../main/shared/metrics';
import { useI18n } from '../i18n';
import { useStore } from '../state/context';
import { Card, Stat } from './card';
import { ChecksCard } from './checks-card';
import { DiskBars } from './disk-bars';
import { forecastText } from './forecast-text';
import { ProcessTable } from './process-table';
import { SelfCostFooter } from './self-cost-footer';
import { Sparkline } from './sparkline';

/** Targets (cores, mounts, interfaces) present in a snapshot for a metric, sorted. */
export function targetsOf(snapshot: Snapshot, metric: MetricName): string[] {
  const out: string[] = [];
  for (const key of Object.keys(snapshot.values)) {
    const p = parseSeriesKey(key);
    if (p?.metric === metric && p.target !== undefined) out.push(p.target);
  }
  return out.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** Name of the performance mark set when the first metric value is on screen. */
export const FIRST_VALUE_MARK = 'hostwatch:first-value';

/** Props of {@link StatusView}. */
export interface StatusViewProps {
  readonly status: Status | null;
}

/** The status cards. */
export function StatusView({ status }: StatusViewProps) {
  const i18n = useI18n();
  // Time until memory is exhausted, where the trend is steady enough to say (issue 11).
  const memForecast = status?.forecasts?.find((f) => f.series === 'mem.used_pct');
  const { t } = i18n;
  const store = useStore();
  const snap = status?.snapshot ?? null;
  const hasValues = snap !== null && Object.keys(snap.values).length > 0;

  useEffect(() => {
    // Marks time-to-first-live-value for the UI benchmark (once per page).
    if (hasValues && performance.getEntriesByName(FIRST_VALUE_MARK).length === 0)
      performance.mark(FIRST_VALUE_MARK);
  }, [hasValues]);

  if (!status || !snap) return <p className="muted view-empty">{t('status.waiting')}</p>;
  const v = snap.values;
  const fam = snap.families;
  const val = (key: string) => i18n.formatSeries(key, v[key]);
  const spark = (key: string, max?: number) => (
    <Sparkline values={store.spark(key)} max={max} label={i18n.seriesLabel(key)} />
  );
  /** Memory or swap: the percentage used, and the bytes used of the total. */
  const usedRow = (kind: 'mem' | 'swap', big = false) => (
    <div className="stats-row">
      <Stat
        big={big}
        label={i18n.metricLabel(`${kind}.used_pct`)}
        value={val(`${kind}.used_pct`)}
        testId={`value-${kind}.used_pct`}
      />
      <Stat
        label={i18n.metricLabel(`${kind}.used_bytes`)}
        value={t('card.usedOf', {
          used: val(`${kind}.used_bytes`),
          total: val(`${kind}.total_bytes`),
        })}
      />
    </div>
  );
  const cores = targetsOf(snap, 'cpu.core');
  const mounts = targetsOf(snap, 'disk.used_pct');
  const ifaces = targetsOf(snap, 'net.rx_bps');
  const h = status.host;

  return (
    // data-sample-time: the sample shown, so tests and tools can tell that live updates arrive.
    <div className="status-view" data-sample-time={snap.time}>
      <p className="host-line muted" data-dynamic="">
        {t('status.host', {
          cores: h.cores,
          cpuModel: h.cpuModel,
          platform: h.platform,
          release: h.release,
          arch: h.arch,
        })}
      </p>
      <div className="cards">
        <ChecksCard checks={status.checks} />
        <Card title={t('card.cpu')} family={fam.cpu}>
          <Stat
            big
            hideLabel
            label={i18n.metricLabel('cpu.total')}
            value={val('cpu.total')}
            testId="value-cpu.total"
          />
          {spark('cpu.total', 100)}
          {cores.length > 0 && (
            <p className="cores-caption" id="cores-caption">
              {t('card.coresKey', { first: cores[0]!, last: cores[cores.length - 1]! })}
            </p>
          )}
          {cores.length > 0 && (
            <div className="cores" role="group" aria-labelledby="cores-caption">
              {cores.map((c) => {
                const pct = v[seriesKey('cpu.core', c)] ?? 0;
                return (
                  <div
                    key={c}
                    className="core"
                    title={`${i18n.metricLabel('cpu.core')} ${c}: ${i18n.formatValue('percent', pct)}`}
                  >
                    <div className="core-fill" style={{ height: `${Math.min(100, pct)}%` }} />
                  </div>
                );
              })}
            </div>
          )}
          {/* Each core's number under its bar, while the bars are wide enough to hold it. */}
          {cores.length > 0 && cores.length <= 16 && (
            <div className="core-nums" aria-hidden="true">
              {cores.map((c) => (
                <span key={c}>{c}</span>
              ))}
            </div>
          )}
        </Card>
        <Card title={t('card.load')} family={fam.load}>
          <div className="stats-row">
            <Stat
              big
              label={i18n.metricLabel('load.1')}
              value={val('load.1')}
              testId="value-load.1"
            />
            <Stat label={i18n.metricLabel('load.5')} value={val('load.5')} />
            <Stat label={i18n.metricLabel('load.15')} value={val('load.15')} />
            <Stat label={i18n.metricLabel('load.per_core')} value={val('load.per_core')} />
          </div>
          {spark('load.1')}
        </Card>
        <Card title={t('card.memory')} family={fam.memory}>
          {usedRow('mem', true)}
          {spark('mem.used_pct', 100)}
          {memForecast && (
            <p className="disk-forecast" data-testid="mem-forecast">
              {forecastText(i18n, memForecast)}
            </p>
          )}
          {usedRow('swap')}
        </Card>
        <Card title={t('card.disk')} family={fam.disk} className="card-wide">
          <DiskBars
            mounts={mounts}
            values={v}
            thresholds={status.thresholds}
            forecasts={status.forecasts}
          />
        </Card>
        <Card title={t('card.diskio')} family={fam.diskio}>
          {/* Each sparkline sits under the value it draws, so read and write cannot be confused. */}
          <div className="spark-pairs">
            {(['diskio.read_bps', 'diskio.write_bps'] as const).map((k) => (
              <div key={k} className="spark-pair" data-series={k}>
                <Stat label={i18n.metricLabel(k)} value={val(k)} />
                {spark(k)}
              </div>
            ))}
          </div>
        </Card>
        <Card title={t('card.network')} family={fam.network}>
          {ifaces.length === 0 ? (
            <p className="muted">{t('card.noInterfaces')}</p>
          ) : (
            <ul className="ifaces">
              {ifaces.map((ifc) => (
                <li key={ifc}>
                  <strong>{ifc}</strong>
                  <div className="spark-pairs">
                    {(['net.rx_bps', 'net.tx_bps'] as const).map((m) => (
                      <div key={m} className="spark-pair" data-series={seriesKey(m, ifc)}>
                        <Stat label={i18n.metricLabel(m)} value={val(seriesKey(m, ifc))} />
                        {spark(seriesKey(m, ifc))}
                      </div>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('card.temperature')} family={fam.temperature}>
          <Stat
            big
            label={i18n.metricLabel('temp.cpu')}
            value={val('temp.cpu')}
            testId="value-temp.cpu"
          />
          {spark('temp.cpu')}
        </Card>
        <Card title={t('card.uptime')} family={fam.uptime}>
          <Stat
            big
            hideLabel
            label={i18n.metricLabel('uptime.seconds')}
            value={val('uptime.seconds')}
            testId="value-uptime.seconds"
          />
        </Card>
        <Card title={t('card.processes')} family={fam.processes} className="card-wide">
          {snap.processes ? (
            <div className="proc-tables">
              <ProcessTable caption={t('proc.byCpu')} rows={snap.processes.byCpu} />
              <ProcessTable caption={t('proc.byMemory')} rows={snap.processes.byMemory} />
            </div>
          ) : (
            <p className="muted">{t('proc.none')}</p>
          )}
        </Card>
      </div>
      <SelfCostFooter status={status} />
    </div>
  );
}
