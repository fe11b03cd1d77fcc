import { useMemo, useState } from 'react';
import { http, withQuery } from '../api.js';
import { navigate, useLocation, withSearch } from '../router.js';
import { formatDateTime } from '../shell/format.js';
import { useFetch } from '../shell/useFetch.js';
import { groupings, type GroupBy, type Turnaround } from './models.js';
import { customPeriod, presetPeriod, presets, type Period, type PresetId } from './period.js';
import { TatChart } from './TatChart.js';
import { TatTable } from './TatTable.js';

const groupLabels: Record<GroupBy, string> = { test: 'Test', location: 'Location', priority: 'Priority' };
const isPreset = (v: string | null): v is PresetId => presets.some((p) => p.id === v);
const isGroup = (v: string | null): v is GroupBy => (groupings as readonly string[]).includes(v ?? '');

/** How long lab orders take, step by step, for a period: a chart to see, a table to read, a CSV to keep. */
export function TurnaroundPage() {
  const { pathname, search } = useLocation();
  const preset: PresetId = isPreset(search.get('period')) ? (search.get('period') as PresetId) : '7d';
  const groupBy: GroupBy = isGroup(search.get('groupBy')) ? (search.get('groupBy') as GroupBy) : 'test';
  const [fromDate, setFromDate] = useState(search.get('from') ?? '');
  const [toDate, setToDate] = useState(search.get('to') ?? '');
  // The period is fixed when chosen (a "today" that moved with every render would refetch forever).
  const [stamp, setStamp] = useState(() => Date.now());
  const period: Period | null = useMemo(
    () => (preset === 'custom' ? customPeriod(search.get('from') ?? '', search.get('to') ?? '') : presetPeriod(preset, new Date(stamp))),
    [preset, search, stamp],
  );

  const query = period ? { from: period.from, to: period.to } : null;
  const data = useFetch(query ? `tat:${groupBy}:${query.from}:${query.to}` : null, (signal) => http.get<Turnaround>('/api/turnaround', { ...query, groupBy }, signal));
  const csvUrl = query ? withQuery('/api/turnaround.csv', query) : undefined;
  const groups = useMemo(() => [...(data.data?.groups ?? [])].sort((a, b) => (b.orderToResult.median ?? b.orderToCollect.median ?? 0) - (a.orderToResult.median ?? a.orderToCollect.median ?? 0)), [data.data]);

  const set = (changes: Record<string, string | undefined>) => navigate(withSearch(pathname, search, changes), { replace: true });
  const badRange = preset === 'custom' && !period && !!search.get('from');

  return (
    <section className="page wide" aria-labelledby="tat-title" data-testid="turnaround-page">
      <div className="section-head">
        <h1 id="tat-title">Turnaround</h1>
        {csvUrl && <a className="button" href={csvUrl} download data-testid="tat-csv">Download CSV</a>}
      </div>
      <div className="toolbar tat-toolbar">
        <fieldset className="field inline">
          <legend className="label">Period</legend>
          <div className="segmented compact">
            {presets.map((p) => (
              <label key={p.id} className={`segment ${preset === p.id ? 'on' : ''}`}>
                <input type="radio" name="tat-period" checked={preset === p.id} data-testid={`tat-period-${p.id}`}
                  onChange={() => { setStamp(Date.now()); set({ period: p.id === '7d' ? undefined : p.id }); }} />
                {p.label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field inline">
          <legend className="label">Group by</legend>
          <div className="segmented compact">
            {groupings.map((g) => (
              <label key={g} className={`segment ${groupBy === g ? 'on' : ''}`}>
                <input type="radio" name="tat-group" checked={groupBy === g} onChange={() => set({ groupBy: g === 'test' ? undefined : g })} data-testid={`tat-group-${g}`} />
                {groupLabels[g]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {preset === 'custom' && (
        <form className="toolbar" onSubmit={(e) => { e.preventDefault(); set({ from: fromDate, to: toDate }); }}>
          <div className="field inline">
            <label htmlFor="tat-from">From</label>
            <input id="tat-from" type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} data-testid="tat-from" />
          </div>
          <div className="field inline">
            <label htmlFor="tat-to">To (included)</label>
            <input id="tat-to" type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} data-testid="tat-to" />
          </div>
          <button type="submit" className="button primary" data-testid="tat-apply">Show</button>
          {badRange && <p className="field-error" role="alert">The end date must be on or after the start date.</p>}
        </form>
      )}
      {data.error && <p className="notice error" role="alert">{data.error.message}</p>}
      {!query && <p className="empty">Choose the first and last day.</p>}
      {query && !data.data && !data.error && <p role="status">Loading turnaround…</p>}
      {data.data && (
        <>
          <p className="muted" data-testid="tat-summary">
            {data.data.total} order{data.data.total === 1 ? '' : 's'} from {formatDateTime(data.data.from)} to {formatDateTime(data.data.to)}, by {groupLabels[groupBy].toLowerCase()}; slowest first.
          </p>
          {groups.length === 0 ? (
            <p className="empty" data-testid="tat-empty">No lab orders in this period.</p>
          ) : (
            <>
              <section className="card"><TatChart groups={groups} /></section>
              <TatTable groups={groups} groupLabel={groupLabels[groupBy]} />
            </>
          )}
        </>
      )}
    </section>
  );
}
