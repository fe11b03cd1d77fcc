import type { PlannedTube, TubePlan } from './models.js';
import { TubeIcon } from './TubeIcon.js';

const handlingLabels: Record<string, string> = {
  ambient: 'Room temperature',
  on_ice: 'On ice',
  protect_from_light: 'Protect from light',
  body_temperature: 'Keep at 37 °C',
};

export function handlingLabel(h: string): string {
  return handlingLabels[h] ?? h.replace(/_/g, ' ');
}

function inversionText({ min, max }: PlannedTube['inversions']): string {
  if (max === 0) return 'Do not invert';
  return min === max ? `${min}×` : `${min}–${max}×`;
}

/** The tubes of the draw in order of draw (as the server planned them), with what must not be missed on top. */
export function TubePlanView({ plan }: { plan: TubePlan }) {
  return (
    <div className="tube-plan" data-testid="tube-plan" data-device={plan.device}>
      {plan.warnings.length > 0 && (
        <ul className="plan-warnings" data-testid="plan-warnings" aria-label="Before you draw">
          {plan.warnings.map((w, i) => (
            <li key={`${w.code}-${i}`} className={`plan-warning w-${w.code}`} data-testid="plan-warning" data-code={w.code}>
              <span className="plan-warning-mark" aria-hidden="true">!</span>
              {w.message}
            </li>
          ))}
        </ul>
      )}
      {plan.tubes.length === 0 && (plan.others ?? []).length > 0 ? null : plan.tubes.length === 0 ? (
        <p className="empty" data-testid="tube-plan-empty">No lab orders waiting for collection for this patient.</p>
      ) : (
        <ol className="tube-list" aria-label="Tubes in order of draw">
          {plan.discardTube && (
            <li className="tube-row discard" data-testid="tube-discard">
              <span className="tube-step">0</span>
              <TubeIcon capColor="white" />
              <div className="tube-main">
                <h3 className="tube-name">Discard tube</h3>
                <p className="tube-notes">Primes the winged set's tubing so the citrate tube fills 9:1. Need not be full; do not send it.</p>
              </div>
            </li>
          )}
          {plan.tubes.map((t, i) => (
            <li key={`${t.container}-${i}`} className={`tube-row ${t.handling === 'on_ice' ? 'ice' : ''}`} data-testid="tube" data-container={t.container} data-cap={t.capColor}>
              <span className="tube-step" aria-label={`Tube ${i + 1}`}>{i + 1}</span>
              <TubeIcon capColor={t.capColor} bottle={t.container.startsWith('BC_')} />
              <div className="tube-main">
                <h3 className="tube-name">{t.display}</h3>
                <p className="tube-tests" data-testid="tube-tests">{t.tests.map((x) => x.display).join(' · ')}</p>
                {t.handlingNotes && <p className="tube-notes muted">{t.handlingNotes}</p>}
              </div>
              <dl className="tube-facts">
                <div><dt>Volume</dt><dd data-testid="tube-volume">{t.volumeMl} mL{t.tubeMl !== undefined && t.volumeMl < t.tubeMl ? <span className="muted"> (paediatric, of {t.tubeMl})</span> : null}</dd></div>
                <div><dt>Invert</dt><dd data-testid="tube-inversions">{inversionText(t.inversions)}</dd></div>
                <div><dt>Handling</dt><dd className={t.handling === 'on_ice' ? 'text-ice' : ''}>{handlingLabel(t.handling)}</dd></div>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {(plan.others ?? []).length > 0 && (
        <ul className="other-specimens" aria-label="Other specimens" data-testid="other-specimens">
          {plan.others!.map((o, i) => (
            <li key={`${o.container}-${i}`} className="other-row" data-testid="other-specimen" data-container={o.container} data-kind={o.kind}>
              <span className="badge other-kind">{o.kind}</span>
              <div>
                <h3 className="tube-name">{o.display}</h3>
                <p className="tube-tests">{o.tests.map((t) => t.display).join(' · ')}</p>
                <p className="specimen-instructions" data-testid="specimen-instructions">{o.instructions}</p>
                <p className="tube-notes muted">{o.transport}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
