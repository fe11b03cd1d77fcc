import { useState } from 'react';
import { api } from '../api.js';
import type { PlacedOrder } from '../models.js';
import { PatientBanner } from '../patients/PatientBanner.js';
import { PatientSearch } from '../patients/PatientSearch.js';
import { Link, navigate } from '../router.js';
import { useFetch } from '../shell/useFetch.js';
import { OrderForm } from './OrderForm.js';
import { OrderResult } from './OrderResult.js';

export function OrderEntryPage({ patientId }: { patientId: string | null }) {
  const [placed, setPlaced] = useState<PlacedOrder | null>(null);
  const [formKey, setFormKey] = useState(0);
  const banner = useFetch(patientId ? `banner:${patientId}` : null, (signal) => api.banner(patientId!, signal));

  if (!patientId) {
    return (
      <section className="page narrow" aria-labelledby="order-title">
        <h1 id="order-title">Order entry</h1>
        <div className="card">
          <PatientSearch autoFocus label="Order for which patient?" onPick={(p) => navigate(`/orders/new?patient=${encodeURIComponent(p.id)}`)} />
        </div>
      </section>
    );
  }

  return (
    <section className="page" aria-labelledby="order-title" data-testid="order-entry">
      {banner.error && <p className="notice error" role="alert">{banner.error.message}</p>}
      {banner.data ? <PatientBanner banner={banner.data} /> : !banner.error && <p role="status">Loading patient…</p>}
      <div className="section-head">
        <h2 id="order-title">New order</h2>
        <Link to="/orders/new" className="button" data-testid="order-change-patient">Change patient</Link>
      </div>
      {placed ? (
        <OrderResult order={placed} patientId={patientId} onAnother={() => { setPlaced(null); setFormKey((k) => k + 1); }} />
      ) : (
        <OrderForm key={formKey} patientId={patientId} onPlaced={setPlaced} />
      )}
    </section>
  );
}
