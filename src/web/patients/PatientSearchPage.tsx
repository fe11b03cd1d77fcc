import { navigate } from '../router.js';
import { PatientSearch } from './PatientSearch.js';

export function PatientSearchPage() {
  return (
    <section className="page narrow" aria-labelledby="patients-title">
      <h1 id="patients-title">Patients</h1>
      <div className="card">
        <PatientSearch autoFocus onPick={(p) => navigate(`/patients/${encodeURIComponent(p.id)}`)} />
      </div>
    </section>
  );
}
