import { windowState } from '../../services/phlebotomy/timed-draw.js';
import { localClock, serverTimeZone } from '../../services/phlebotomy/zoned-time.js';
import type { CollectionFacts } from './collection.js';

/**
 * What a phlebotomist must know about an order before walking to the bed: the timed-draw window
 * and where now is in it, the fasting answer and what a broken fast means, and for urine, swabs,
 * sputum and stool what to do.
 */
export function CollectionFactsView({ facts, now }: { facts: CollectionFacts; now: number }) {
  const w = facts.window;
  const live = w ? windowState(w, now) : null;
  return (
    <div className="collect-facts">
      {w && live && (
        <p className={`collect-fact window window-${live.state}`} data-testid="timed-window" data-state={live.state}>
          <span className="badge">{w.kind === 'trough' ? 'Trough' : w.kind === 'peak' ? 'Peak' : 'Timed'}</span>{' '}
          <span>{localClock(Date.parse(w.start), serverTimeZone())}–{localClock(Date.parse(w.end), serverTimeZone())}</span>{' '}
          <strong data-testid="timed-window-state">{live.text}</strong>
          <span className="muted small"> · {w.label}</span>
        </p>
      )}
      {facts.windowProblem && <p className="collect-fact window window-missed" data-testid="timed-window-problem">{facts.windowProblem}</p>}
      {facts.fasting && (
        <p className={`collect-fact fasting ${facts.fasting.satisfied === true ? 'ok' : facts.fasting.status === 'unknown' ? 'ask' : 'not-met'}`} data-testid="fasting-status" data-status={facts.fasting.status}>
          <span className="badge">Fasting</span> {facts.fasting.text}
          {facts.fasting.consequence && <span className="small" data-testid="fasting-consequence"> · {facts.fasting.consequence}</span>}
        </p>
      )}
      {facts.specimen && (
        <p className="collect-fact specimen-kind" data-testid="specimen-kind" data-kind={facts.specimen.kind}>
          <span className="badge">{facts.specimen.kind}</span> {facts.specimen.display}
        </p>
      )}
    </div>
  );
}
