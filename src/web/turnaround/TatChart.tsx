import { axisTicks, minutesText } from './period.js';
import { stages, type TurnaroundGroup } from './models.js';
import { useWidth } from './useWidth.js';

const BAR = 16;
const GAP = 4;
const HEAD = 22;
const GROUP_GAP = 14;
const AXIS = 26;

/**
 * Per group, one bar per stage: the solid part is the median, the pale part runs on to the 90th
 * percentile. All groups share one axis in minutes, so the slow step stands out at a glance.
 */
export function TatChart({ groups }: { groups: TurnaroundGroup[] }) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const narrow = width < 560;
  const labelW = narrow ? 18 : Math.min(200, Math.round(width * 0.26));
  // phones show the median beside the bar; the 90th percentile is in the table below
  const valueW = narrow ? 92 : 178;
  const plotW = Math.max(120, width - labelW - valueW - 8);
  const max = Math.max(0, ...groups.flatMap((g) => stages.map((s) => g[s.key].p90 ?? g[s.key].median ?? 0)));
  const { end, ticks } = axisTicks(max);
  const x = (min: number) => labelW + (Math.min(min, end) / end) * plotW;
  const groupH = (narrow ? HEAD : 0) + stages.length * (BAR + GAP) + GROUP_GAP;
  const height = AXIS + groups.length * groupH;

  return (
    <div ref={ref} className="tat-chart" data-testid="tat-chart">
      <ul className="tat-legend" aria-hidden="true">
        {stages.map((s) => (
          <li key={s.key}><span className="swatch" style={{ background: s.color }} /> {s.label}</li>
        ))}
        <li><span className="swatch p90" /> pale: up to the 90th percentile</li>
      </ul>
      <svg width={width} height={height} role="img" aria-label="Median and 90th percentile minutes per step, by group (the table below has the numbers)">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={AXIS - 4} y2={height - GROUP_GAP / 2} className="tat-grid" />
            <text x={x(t)} y={AXIS - 10} textAnchor="middle" className="tat-tick">{minutesText(t)}</text>
          </g>
        ))}
        {groups.map((g, gi) => {
          const top = AXIS + gi * groupH;
          const barsTop = top + (narrow ? HEAD : 0);
          return (
            <g key={g.key} data-testid="tat-group" data-key={g.key}>
              {narrow ? (
                <text x={labelW} y={top + 15} className="tat-label">{g.key} <tspan className="tat-count">({g.orders})</tspan></text>
              ) : (
                <text x={labelW - 10} y={barsTop + (stages.length * (BAR + GAP)) / 2 + 4} textAnchor="end" className="tat-label">
                  {g.key.length > 24 ? `${g.key.slice(0, 23)}…` : g.key}
                  <title>{`${g.key}: ${g.orders} orders`}</title>
                </text>
              )}
              {stages.map((s, si) => {
                const y = barsTop + si * (BAR + GAP);
                const { median, p90 } = g[s.key];
                return (
                  <g key={s.key}>
                    <title>{`${g.key}, ${s.label}: median ${minutesText(median)}, 90th percentile ${minutesText(p90)}`}</title>
                    {p90 !== null && <rect x={labelW} y={y} width={Math.max(1, x(p90) - labelW)} height={BAR} rx={3} fill={s.color} opacity={0.28} />}
                    {median !== null && <rect x={labelW} y={y} width={Math.max(2, x(median) - labelW)} height={BAR} rx={3} fill={s.color} data-testid="tat-bar" />}
                    <text x={labelW + plotW + 8} y={y + BAR - 4} className="tat-value">
                      {median === null ? 'no data' : narrow ? minutesText(median) : `${minutesText(median)} · p90 ${minutesText(p90)}`}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
