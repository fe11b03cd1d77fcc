import type { EvaluationResult } from './models.js';

interface Props {
  result: EvaluationResult;
  onOverride: () => void;
  busy: boolean;
}

/** The desk's decision, big enough to read from across the bench, with every reason behind it. */
export function DecisionPanel({ result, onOverride, busy }: Props) {
  const accept = result.decision === 'accept';
  return (
    <section className={`decision ${accept ? 'accept' : 'reject'}`} role="status" aria-live="polite" data-testid="decision" data-decision={result.decision}>
      <p className="decision-word" data-testid="decision-word">{accept ? 'ACCEPT' : 'REJECT'}</p>
      <p className="decision-what">
        {result.specimen.containerId} · {result.specimen.containerDisplay ?? result.specimen.container}
        {result.overridden && <span className="badge warn"> overridden</span>}
      </p>
      {result.reasons.length > 0 && (
        <ul className="decision-reasons" data-testid="decision-reasons">
          {result.reasons.map((r) => (
            <li key={r.code} data-code={r.code}>
              <strong>{r.code.replace(/_/g, ' ')}</strong>: {r.message}
            </li>
          ))}
        </ul>
      )}
      {!accept && (
        <p className="decision-next" data-testid="decision-recollect">
          {result.recollectTasks.length
            ? `A recollect task was created (${result.recollectTasks.length}) and the ordering clinician was told.`
            : 'No recollect task was created (no open order on this specimen): call the ward.'}
        </p>
      )}
      {accept && !!result.recollectCancelled?.length && (
        <p className="decision-next" data-testid="decision-recollect-cancelled">
          The recollect task{result.recollectCancelled.length === 1 ? ' was' : 's were'} cancelled ({result.recollectCancelled.length}) and the ordering clinician was told the recollection is no longer needed.
        </p>
      )}
      <button type="button" className="button" onClick={onOverride} disabled={busy} data-testid="decision-override">
        Override: {accept ? 'reject' : 'accept'} instead…
      </button>
    </section>
  );
}
