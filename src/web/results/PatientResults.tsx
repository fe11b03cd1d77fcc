import { useState } from 'react';
import { ApiError } from '../api.js';
import { formatDateTime, statusLabel } from '../shell/format.js';
import { useFetch } from '../shell/useFetch.js';
import { resultsApi } from './api.js';
import { flagLabel, shownFlag } from './format.js';
import type { ResultReport, ResultTrend, ResultValue } from './models.js';
import { Sparkline } from './Sparkline.js';

function ValueRow({ v }: { v: ResultValue }) {
  const flag = shownFlag(v);
  const cls = v.critical ? 'result-row critical' : v.abnormal || flag ? 'result-row abnormal' : 'result-row';
  return (
    <tr className={cls} data-testid="result-value" data-code={v.code ?? ''}>
      <th scope="row">{v.display}</th>
      <td className="result-value">
        {v.value || '—'}
        {v.unit && <span className="muted"> {v.unit}</span>}
        {v.notes.length > 0 && <div className="small muted">{v.notes.join(' ')}</div>}
      </td>
      <td>{flag && <span className={`flag flag-${flag.replace(/[^A-Za-z]/g, '') || 'x'}`} title={flagLabel(flag)}>{flag}</span>}</td>
      <td className="muted nowrap">{v.range ?? ''}</td>
    </tr>
  );
}

function ReportCard({ report, abnormalOnly }: { report: ResultReport; abnormalOnly: boolean }) {
  const values = abnormalOnly ? report.values.filter((v) => v.abnormal || v.critical) : report.values;
  return (
    <li className={report.critical ? 'report-card critical' : 'report-card'} data-testid="result-report" data-report-id={report.id}>
      <div className="report-head">
        <span className="report-name">{report.display}</span>
        {report.critical > 0 && <span className="badge badge-critical">Critical</span>}
        <span className={`status status-${report.status}`}>{statusLabel(report.status)}</span>
      </div>
      <div className="report-meta muted small">
        Collected {formatDateTime(report.effective)} · Resulted {formatDateTime(report.issued)}
        {report.performer && <> · {report.performer}</>}
      </div>
      {values.length > 0 ? (
        <div className="table-scroll">
          <table className="result-table">
            <thead>
              <tr>
                <th scope="col">Test</th>
                <th scope="col">Result</th>
                <th scope="col">Flag</th>
                <th scope="col">Reference</th>
              </tr>
            </thead>
            <tbody>
              {values.map((v) => <ValueRow key={v.id} v={v} />)}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="small muted">{abnormalOnly ? 'All values within range.' : 'No values in this report.'}</p>
      )}
      {report.conclusion && <p className="report-conclusion">{report.conclusion}</p>}
    </li>
  );
}

function Trends({ trends }: { trends: ResultTrend[] }) {
  if (trends.length === 0) return null;
  return (
    <ul className="trend-grid" aria-label="Trends" data-testid="result-trends">
      {trends.map((t) => {
        const last = t.points[t.points.length - 1];
        const outside = (t.low !== null && last.value < t.low) || (t.high !== null && last.value > t.high);
        return (
          <li key={t.code} className="trend-card" data-testid="result-trend" data-code={t.code}>
            <div className="trend-name">{t.display}</div>
            <div className={outside ? 'trend-last outside' : 'trend-last'}>
              {last.value}
              {t.unit && <span className="muted small"> {t.unit}</span>}
            </div>
            <Sparkline trend={t} />
          </li>
        );
      })}
    </ul>
  );
}

/** The chart's Results section: trends first (where people would rather look), then each report. */
export function PatientResults({ patientId }: { patientId: string }) {
  const results = useFetch(`results:${patientId}`, (signal) => resultsApi.patientResults(patientId, signal));
  const [abnormalOnly, setAbnormalOnly] = useState(false);
  if (results.error instanceof ApiError && results.error.status === 403) return null;
  return (
    <section className="results" aria-labelledby="results-heading" data-testid="patient-results">
      <div className="section-head">
        <h2 id="results-heading">Results</h2>
        <div className="actions">
          <label className="check">
            <input type="checkbox" checked={abnormalOnly} onChange={(e) => setAbnormalOnly(e.target.checked)} data-testid="abnormal-only" /> Abnormal only
          </label>
          <button type="button" className="button" onClick={results.reload} disabled={results.loading}>
            Refresh
          </button>
        </div>
      </div>
      {results.error && <p className="notice error" role="alert">{results.error.message}</p>}
      {!results.data && !results.error && <p role="status">Loading results…</p>}
      {results.data && results.data.reports.length === 0 && <p className="empty">No results for this patient yet.</p>}
      {results.data && results.data.reports.length > 0 && (
        <>
          <Trends trends={results.data.trends} />
          <ul className="report-list">
            {results.data.reports.map((r) => <ReportCard key={r.id} report={r} abnormalOnly={abnormalOnly} />)}
          </ul>
        </>
      )}
    </section>
  );
}
