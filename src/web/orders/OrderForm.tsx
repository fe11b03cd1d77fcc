import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { priorities, type CatalogueItem, type NewOrder, type PlacedOrder, type Priority } from '../models.js';
import { priorityLabel } from '../shell/format.js';
import { useLocations } from '../shell/useLocations.js';
import { CataloguePicker } from './CataloguePicker.js';
import { orderErrors, type FormErrors, type OrderField } from './field-errors.js';

const priorityHints: Record<Priority, string> = {
  routine: 'Normal queue',
  urgent: 'Sooner than routine',
  asap: 'As soon as possible',
  stat: 'Immediately: goes to the top of the worklist',
};

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? <p className="field-error" role="alert" id={id}>{text}</p> : null;
}

/** The order entry form for one patient; calls `onPlaced` with the server's answer. */
export function OrderForm({ patientId, onPlaced }: { patientId: string; onPlaced: (o: PlacedOrder) => void }) {
  const [orderable, setOrderable] = useState<CatalogueItem | null>(null);
  const [priority, setPriority] = useState<Priority>('routine');
  const [reasonCode, setReasonCode] = useState('');
  const [reasonText, setReasonText] = useState('');
  const [occurrence, setOccurrence] = useState('');
  const [locationId, setLocationId] = useState('');
  const [note, setNote] = useState('');
  const [fasting, setFasting] = useState(false);
  const [fastingHours, setFastingHours] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const locations = useLocations();

  const err = (f: OrderField) => errors.fields[f];
  /** Editing a field clears its error: the old message no longer describes what is there. */
  const edit = (f: OrderField, set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    if (errors.fields[f]) setErrors((x) => ({ ...x, fields: { ...x.fields, [f]: undefined } }));
  };
  const invalid = (f: OrderField) => (err(f) ? { 'aria-invalid': true, 'aria-describedby': `${f}-error` } : {});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!orderable) {
      setErrors({ fields: { orderable: 'Choose what to order from the catalogue.' } });
      return;
    }
    const order: NewOrder = { patientId, orderable: orderable.code, priority };
    if (reasonCode.trim()) order.reasonCode = reasonCode.trim().toUpperCase();
    if (reasonText.trim()) order.reasonText = reasonText.trim();
    if (occurrence) order.occurrence = new Date(occurrence).toISOString();
    if (locationId) order.locationId = locationId;
    if (note.trim()) order.note = note.trim();
    if (fasting && !orderable.fasting) {
      order.fasting = true;
      // a number goes as a number; anything else as typed, for the server to name what is wrong
      if (fastingHours.trim()) order.fastingHours = Number.isFinite(Number(fastingHours)) ? Number(fastingHours) : fastingHours.trim();
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      onPlaced(await api.placeOrder(order));
    } catch (error) {
      setErrors(orderErrors(error));
      setBusy(false);
    }
  }

  return (
    <form className="card order-form" onSubmit={submit} data-testid="order-form" noValidate>
      {errors.form && <p className="notice error" role="alert" data-testid="order-form-error">{errors.form}</p>}
      <CataloguePicker value={orderable} onChange={(item) => { setOrderable(item); setErrors((x) => ({ ...x, fields: { ...x.fields, orderable: undefined } })); }} error={err('orderable')} />

      <fieldset className="field" {...invalid('priority')}>
        <legend>Priority</legend>
        <div className="segmented priorities" role="radiogroup" aria-label="Priority" data-testid="order-priority">
          {priorities.map((p) => (
            <label key={p} className={`segment priority-${p} ${priority === p ? 'on' : ''}`} title={priorityHints[p]}>
              <input type="radio" name="priority" value={p} checked={priority === p} onChange={() => setPriority(p)} data-testid={`order-priority-${p}`} />
              {priorityLabel(p)}
            </label>
          ))}
        </div>
        <p className="hint">{priorityHints[priority]}</p>
        <FieldError id="priority-error" text={err('priority')} />
      </fieldset>

      <div className="field-row">
        <div className="field">
          <label htmlFor="order-reason-code">Reason (ICD-10-CM code)</label>
          <input id="order-reason-code" value={reasonCode} onChange={edit('reasonCode', setReasonCode)} placeholder="e.g. D64.9"
            autoCapitalize="characters" spellCheck={false} data-testid="order-reason-code" {...invalid('reasonCode')} />
          <FieldError id="reasonCode-error" text={err('reasonCode')} />
        </div>
        <div className="field grow">
          <label htmlFor="order-reason-text">Reason text <span className="optional">(optional)</span></label>
          <input id="order-reason-text" value={reasonText} onChange={edit('reasonText', setReasonText)} placeholder="e.g. Anaemia, unspecified"
            data-testid="order-reason-text" {...invalid('reasonText')} />
          <FieldError id="reasonText-error" text={err('reasonText')} />
        </div>
      </div>

      <div className="field-row">
        <div className="field grow">
          <label htmlFor="order-location">Location <span className="optional">(optional)</span></label>
          <select id="order-location" value={locationId} onChange={edit('locationId', setLocationId)} data-testid="order-location" {...invalid('locationId')}>
            <option value="">Patient’s current location</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>{l.name}</option>
            ))}
          </select>
          <FieldError id="locationId-error" text={err('locationId')} />
        </div>
        <div className="field">
          <label htmlFor="order-occurrence">When <span className="optional">(optional)</span></label>
          <input id="order-occurrence" type="datetime-local" value={occurrence} onChange={edit('occurrence', setOccurrence)}
            data-testid="order-occurrence" {...invalid('occurrence')} />
          <FieldError id="occurrence-error" text={err('occurrence')} />
        </div>
      </div>

      {orderable?.specimen && (
        <div className="field-row order-fasting" data-testid="order-fasting-row">
          <label className="check">
            <input type="checkbox" checked={orderable.fasting || fasting} disabled={orderable.fasting} onChange={(e) => setFasting(e.target.checked)} data-testid="order-fasting" />{' '}
            Fasting required
          </label>
          {orderable.fasting ? (
            <p className="hint">{orderable.display} is always drawn fasting{orderable.fastingHours ? ` (${orderable.fastingHours} h)` : ''}.</p>
          ) : fasting ? (
            <div className="field">
              <label htmlFor="order-fasting-hours">Hours <span className="optional">(optional)</span></label>
              <input id="order-fasting-hours" className="short" inputMode="decimal" value={fastingHours} onChange={edit('fastingHours', setFastingHours)} placeholder="e.g. 12" data-testid="order-fasting-hours" {...invalid('fastingHours')} />
              <FieldError id="fastingHours-error" text={err('fastingHours')} />
            </div>
          ) : (
            <p className="hint">For this order only: the phlebotomist asks whether the patient fasted.</p>
          )}
          <FieldError id="fasting-error" text={err('fasting')} />
        </div>
      )}

      <div className="field">
        <label htmlFor="order-note">Note <span className="optional">(optional)</span></label>
        <textarea id="order-note" rows={3} value={note} onChange={edit('note', setNote)} data-testid="order-note" {...invalid('note')} />
        <FieldError id="note-error" text={err('note')} />
      </div>

      <div className="form-actions">
        <button type="submit" className={`button primary ${priority === 'stat' ? 'danger' : ''}`} disabled={busy} data-testid="order-submit">
          {busy ? 'Placing order…' : priority === 'stat' ? 'Place STAT order' : 'Place order'}
        </button>
      </div>
    </form>
  );
}
