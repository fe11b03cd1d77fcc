/** Just enough HL7 v2 reading for the desk to label each result (OBR) a person must match to an order. */

export interface ObrLine {
  /** OBR-1, or the position in the message */
  setId: string;
  /** OBR-4 as code and text, e.g. `CBC Complete blood count` */
  service: string;
  /** OBR-2 / OBR-3: the placer and filler order numbers */
  placer: string;
  filler: string;
}

/** The OBR segments of a message, in order (one order must be picked for each). */
export function obrLines(raw: string): ObrLine[] {
  const field = raw.startsWith('MSH') && raw.length > 3 ? raw[3] : '|';
  const component = raw.startsWith('MSH') && raw.length > 4 ? raw[4] : '^';
  const segments = raw.split(/\r\n|\r|\n/).filter((l) => l.startsWith(`OBR${field}`));
  return segments.map((line, i) => {
    const f = line.split(field);
    const parts = (f[4] ?? '').split(component);
    return {
      setId: f[1] || String(i + 1),
      service: [parts[0], parts[1]].filter(Boolean).join(' ') || 'Result',
      placer: (f[2] ?? '').split(component)[0] ?? '',
      filler: (f[3] ?? '').split(component)[0] ?? '',
    };
  });
}
