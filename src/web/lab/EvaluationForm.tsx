import { useState, type FormEvent } from 'react';
import type { SpecimenSummary } from '../phlebotomy/models.js';
import { hemolysisGrades, labelStatuses, labelStatusLabels, type Evaluation, type Hemolysis, type LabelStatus } from './models.js';

interface Props {
  specimen: SpecimenSummary;
  busy: boolean;
  onSubmit: (evaluation: Evaluation) => void;
}

const isCitrate = (container: string | null) => !!container && /CITRATE/i.test(container);
const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

/** What the receiver sees on the tube; the server applies the organisation's rejection rules (DOMAIN.md A.7). */
export function EvaluationForm({ specimen, busy, onSubmit }: Props) {
  const [labelStatus, setLabelStatus] = useState<LabelStatus>('ok');
  const [hemolysis, setHemolysis] = useState<Hemolysis>('none');
  const [clotted, setClotted] = useState(false);
  const [drawnMl, setDrawnMl] = useState('');
  const [volumeMl, setVolumeMl] = useState('');
  const [onIce, setOnIce] = useState<'' | 'yes' | 'no'>('');
  const citrate = isCitrate(specimen.container);
  const badNumber = [drawnMl, volumeMl].some((v) => v.trim() !== '' && !(Number(v) >= 0));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!specimen.containerId || badNumber) return;
    onSubmit({
      containerId: specimen.containerId,
      labelStatus,
      hemolysis,
      clotted,
      ...(citrate && num(drawnMl) !== undefined ? { drawnMl: num(drawnMl) } : {}),
      ...(num(volumeMl) !== undefined ? { volumeMl: num(volumeMl) } : {}),
      ...(onIce ? { onIce: onIce === 'yes' } : {}),
    });
  }

  return (
    <form className="evaluation card" onSubmit={submit} data-testid="evaluation-form">
      <fieldset className="field">
        <legend>Label</legend>
        <div className="segmented compact">
          {labelStatuses.map((s) => (
            <label key={s} className={`segment ${labelStatus === s ? 'on' : ''} ${s !== 'ok' ? 'bad' : ''}`}>
              <input type="radio" name="label-status" checked={labelStatus === s} onChange={() => setLabelStatus(s)} data-testid={`label-${s}`} />
              {labelStatusLabels[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>Hemolysis</legend>
        <div className="segmented compact hemolysis">
          {hemolysisGrades.map((g) => (
            <label key={g} className={`segment hemo-${g} ${hemolysis === g ? 'on' : ''}`}>
              <input type="radio" name="hemolysis" checked={hemolysis === g} onChange={() => setHemolysis(g)} data-testid={`hemolysis-${g}`} />
              {g.charAt(0).toUpperCase() + g.slice(1)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        {citrate && (
          <div className="field">
            <label htmlFor="eval-drawn">Drawn volume (mL) <span className="optional">citrate fill</span></label>
            <input id="eval-drawn" type="number" inputMode="decimal" step="0.1" min="0" value={drawnMl} onChange={(e) => setDrawnMl(e.target.value)} data-testid="eval-drawn" />
            <p className="hint">Read it against the tube's fill line.</p>
          </div>
        )}
        <div className="field">
          <label htmlFor="eval-volume">Specimen volume (mL) <span className="optional">(optional)</span></label>
          <input id="eval-volume" type="number" inputMode="decimal" step="0.1" min="0" value={volumeMl} onChange={(e) => setVolumeMl(e.target.value)} data-testid="eval-volume" />
        </div>
        <div className="field">
          <label htmlFor="eval-ice">Arrived on ice</label>
          <select id="eval-ice" value={onIce} onChange={(e) => setOnIce(e.target.value as '' | 'yes' | 'no')} data-testid="eval-ice">
            <option value="">Not assessed</option>
            <option value="yes">Yes, on ice</option>
            <option value="no">No</option>
          </select>
        </div>
      </div>
      <label className="check big">
        <input type="checkbox" checked={clotted} onChange={(e) => setClotted(e.target.checked)} data-testid="eval-clotted" />
        Visible clot
      </label>
      {badNumber && <p className="field-error" role="alert">Volumes are numbers of 0 or more.</p>}
      <div className="form-actions">
        <button type="submit" className="button primary big" disabled={busy || badNumber} data-testid="evaluate-submit">
          {busy ? 'Checking…' : 'Accept or reject'}
        </button>
      </div>
    </form>
  );
}
