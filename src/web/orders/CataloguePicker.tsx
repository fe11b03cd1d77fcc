import { useState } from 'react';
import { api } from '../api.js';
import type { CatalogueItem, OrderableKind } from '../models.js';
import { useDebounced, useFetch } from '../shell/useFetch.js';
import { specimenSummary } from '../catalogue/format.js';

const kinds: { value: OrderableKind | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'lab', label: 'Lab' },
  { value: 'imaging', label: 'Imaging' },
  { value: 'respiratory', label: 'Respiratory' },
];

interface Props {
  value: CatalogueItem | null;
  onChange: (item: CatalogueItem | null) => void;
  error?: string;
}

/** Choose what to order: filter by kind, search by name or code, tap a row. */
export function CataloguePicker({ value, onChange, error }: Props) {
  const [kind, setKind] = useState<OrderableKind | ''>('');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const items = useFetch(value ? null : `catalogue:${kind}:${q}`, (signal) => api.catalogue(q, kind || undefined, signal));

  if (value) {
    return (
      <div className="field">
        <span className="label" id="orderable-label">Orderable</span>
        <div className="chosen" aria-labelledby="orderable-label" data-testid="order-orderable-chosen" data-code={value.code}>
          <span>
            <strong>{value.display}</strong> <span className="muted">{value.code} · {value.kind}</span>
            {specimenSummary(value) && <span className="muted" data-testid="order-orderable-specimen"> · {specimenSummary(value)}</span>}
          </span>
          <button type="button" className="button" onClick={() => onChange(null)}>
            Change
          </button>
        </div>
        {error && <p className="field-error" role="alert" id="orderable-error">{error}</p>}
      </div>
    );
  }

  const list = (items.data ?? []).slice(0, 40);
  return (
    <fieldset className="field catalogue" aria-describedby={error ? 'orderable-error' : undefined}>
      <legend>Orderable</legend>
      <div className="segmented" role="radiogroup" aria-label="Kind">
        {kinds.map((k) => (
          <label key={k.value} className={`segment ${kind === k.value ? 'on' : ''}`}>
            <input type="radio" name="catalogue-kind" value={k.value} checked={kind === k.value} onChange={() => setKind(k.value)} />
            {k.label}
          </label>
        ))}
      </div>
      <label htmlFor="catalogue-q" className="sr-only">Search the catalogue</label>
      <input id="catalogue-q" type="search" placeholder="Search tests and procedures (e.g. CBC, chest)" value={text}
        onChange={(e) => setText(e.target.value)} data-testid="order-catalogue-search" aria-invalid={error ? true : undefined} />
      {error && <p className="field-error" role="alert" id="orderable-error">{error}</p>}
      <div aria-live="polite" className="search-status">
        {items.loading && <span>Searching…</span>}
        {items.error && <span className="text-error">{items.error.message}</span>}
        {!items.loading && items.data && list.length === 0 && <span>Nothing in the catalogue matches.</span>}
      </div>
      {list.length > 0 && (
        <ul className="pick-list scroll" data-testid="catalogue-results">
          {list.map((item) => (
            <li key={item.code}>
              <button type="button" className="pick-row" onClick={() => onChange(item)} data-testid="catalogue-item" data-code={item.code}>
                <span className="pick-main">{item.display}</span>
                <span className="pick-meta">{item.code} · {item.kind} · performed by {item.performerRole.replace(/_/g, ' ')}</span>
                {specimenSummary(item) && <span className="pick-meta" data-testid="catalogue-item-specimen">{specimenSummary(item)}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
