/** Where positive identification stands for the draw at hand (DOMAIN.md 1.1: two identifiers, wristband scanned). */
export type Identity =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'match'; scannedWristband: string; birthDate?: string; name?: string }
  | { status: 'mismatch'; reasons: string[] };

export type SecondIdentifier = 'birthDate' | 'name';

/** The reasons of a 409 identity-mismatch answer (`reasons`), or its message split at `; `. */
export function mismatchReasons(body: unknown, message: string): string[] {
  const reasons = (body as { reasons?: unknown } | undefined)?.reasons;
  if (Array.isArray(reasons) && reasons.every((r) => typeof r === 'string') && reasons.length) return reasons;
  return message.replace(/^Stop:\s*/i, '').split(/;\s*/).filter(Boolean);
}

/** A barcode scanner types fast and may add a prefix/suffix of whitespace; keep what the label says. */
export function cleanScan(raw: string): string {
  return raw.replace(/[\r\n\t]/g, '').trim();
}
