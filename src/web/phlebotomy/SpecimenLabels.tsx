import { formatTime, statusLabel } from '../shell/format.js';
import { labelsPdfUrl, labelsZplUrl } from './api.js';
import type { SpecimenSummary } from './models.js';
import { TubeIcon } from './TubeIcon.js';

interface Props {
  specimens: SpecimenSummary[];
  /** cap colour per container code (from the tube plan), so each label is matched to its tube by sight */
  caps?: Record<string, string>;
}

/**
 * The specimens just collected, each with its container id, and their labels: one PDF for all (a
 * 2x1 in label per page, printed at the bedside), a reprint per specimen, and ZPL for Zebra printers.
 */
export function SpecimenLabels({ specimens, caps = {} }: Props) {
  const ids = specimens.map((s) => s.id);
  return (
    <div className="specimen-labels" data-testid="specimens">
      <div className="actions">
        <a className="button primary big" href={labelsPdfUrl(ids)} target="_blank" rel="noopener" data-testid="print-labels">
          Print labels ({specimens.length})
        </a>
        <a className="button" href={labelsZplUrl(ids)} download="labels.zpl" data-testid="labels-zpl">
          ZPL for Zebra printer
        </a>
      </div>
      <p className="hint">Label each tube now, at the bedside, before leaving the patient. Never label tubes in advance.</p>
      <ul className="specimen-list">
        {specimens.map((s) => (
          <li key={s.id} className="specimen-row" data-testid="specimen" data-container-id={s.containerId ?? ''} data-container={s.container ?? ''} data-state={s.state}>
            <TubeIcon capColor={caps[s.container ?? ''] ?? ''} bottle={s.container?.startsWith('BC_')} />
            <div className="specimen-main">
              <span className="container-id" data-testid="specimen-container-id">{s.containerId ?? '—'}</span>
              <span className="muted">{s.containerDisplay ?? s.container}</span>
            </div>
            <div className="specimen-meta muted small">
              <span className={`status state-${s.state}`}>{statusLabel(s.state)}</span> · collected {formatTime(s.collectedAt)}
              {s.reprints > 0 && <> · printed again {s.reprints}×</>}
            </div>
            <a className="button" href={labelsPdfUrl([s.id])} target="_blank" rel="noopener" data-testid="reprint-label">
              Reprint
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
