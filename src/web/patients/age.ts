/**
 * Age at `now` from a FHIR birth date, in the units clinicians use: days under 1 month,
 * months under 2 years, years after that (common paediatric convention).
 */
export function ageFrom(birthDate: string | null | undefined, now: Date = new Date()): string | null {
  const m = birthDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ny = now.getFullYear();
  const nm = now.getMonth() + 1;
  const nd = now.getDate();
  let months = (ny - y) * 12 + (nm - mo);
  if (nd < d) months -= 1;
  if (months < 0) return null;
  if (months < 1) {
    const days = Math.floor((Date.UTC(ny, nm - 1, nd) - Date.UTC(y, mo - 1, d)) / 86_400_000);
    return days < 0 ? null : `${days} d`;
  }
  if (months < 24) return `${months} mo`;
  return `${Math.floor(months / 12)} y`;
}

/** The banner's `age` as the server sends it (a number of years or a text), else computed. */
export function displayAge(age: number | string | null | undefined, birthDate: string | null | undefined): string | null {
  if (typeof age === 'number') return `${age} y`;
  if (typeof age === 'string' && age.trim()) return age;
  return ageFrom(birthDate);
}
