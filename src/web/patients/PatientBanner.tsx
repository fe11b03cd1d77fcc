import type { PatientBanner as Banner } from '../models.js';
import { formatDate, sexLabel } from '../shell/format.js';
import { displayAge } from './age.js';

/** The identity strip shown on every patient page: who, and what could hurt them. */
export function PatientBanner({ banner }: { banner: Banner }) {
  const age = displayAge(banner.age, banner.birthDate);
  return (
    <section className="patient-banner" aria-label={`Patient ${banner.name}`} data-testid="patient-banner">
      <div className="banner-identity">
        <h1 className="banner-name" data-testid="banner-name">{banner.name}</h1>
        <dl className="banner-facts">
          <div>
            <dt>MRN</dt>
            <dd data-testid="banner-mrn">{banner.mrn ?? '—'}</dd>
          </div>
          <div>
            <dt>DOB</dt>
            <dd data-testid="banner-dob">
              {formatDate(banner.birthDate)}
              {age && <span className="muted"> ({age})</span>}
            </dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{sexLabel(banner.gender)}</dd>
          </div>
          {banner.encounter?.location && (
            <div>
              <dt>Location</dt>
              <dd>{banner.encounter.location}</dd>
            </div>
          )}
        </dl>
      </div>
      <div className="banner-allergies" data-testid="banner-allergies">
        <h2 className="banner-label">Allergies</h2>
        {banner.allergiesVisible === false ? (
          <p className="muted">Not shown to your role</p>
        ) : banner.allergies.length === 0 ? (
          <p className="nka">No known allergies</p>
        ) : (
          <ul className="allergy-list">
            {banner.allergies.map((a, i) => (
              <li key={`${a.text}-${i}`} className={`allergy ${a.criticality === 'high' ? 'high' : ''}`}>
                <span aria-hidden="true">⚠</span> {a.text}
                {a.criticality === 'high' && <span className="sr-only"> (high criticality)</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="banner-coverage" data-testid="banner-coverage">
        <h2 className="banner-label">Coverage</h2>
        {banner.coverageVisible === false ? (
          <p className="muted">Not shown to your role</p>
        ) : banner.coverage.length === 0 ? (
          <p className="muted">No coverage on file (self-pay)</p>
        ) : (
          <ul className="coverage-list">
            {banner.coverage.map((c, i) => (
              <li key={`${c.payer}-${i}`}>
                <strong>{c.payer}</strong>
                {c.plan && <span className="muted"> · {c.plan}</span>}
                <br />
                <span className="muted">Member ID</span> {c.memberId ?? '—'}
                {c.status && c.status !== 'active' && <span className="badge warn"> {c.status}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
