import type { ResultTrend } from './models.js';
import { sparkGeometry, trendText } from './format.js';
import { formatDateTime } from '../shell/format.js';

/** A small chart of one test over time: the reference range shaded, values outside it in red. */
export function Sparkline({ trend, width = 160, height = 40 }: { trend: ResultTrend; width?: number; height?: number }) {
  const g = sparkGeometry(trend, width, height);
  return (
    <svg className="spark" width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label={trendText(trend)} data-testid="sparkline">
      {g.band && <rect className="spark-band" x={0} y={g.band.y} width={g.width} height={g.band.height} />}
      <path className="spark-line" d={g.path} fill="none" />
      {g.dots.map((d) => (
        <circle key={`${d.at}-${d.x}`} className={d.outside ? 'spark-dot outside' : 'spark-dot'} cx={d.x} cy={d.y} r={3}>
          <title>{`${d.value}${trend.unit ? ` ${trend.unit}` : ''} · ${formatDateTime(d.at)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
