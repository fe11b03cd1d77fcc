import { issue, type Hl7Issue } from '../errors.js';
import type { Hl7Message, Hl7Segment } from '../message.js';

export interface ReceivedAckError {
  /** table 0357 code (ERR-3.1, or v2.3 ERR-1.4 / MSA-6.1) */
  code: string;
  /** the most specific text sent: ERR-8, ERR-7, ERR-3.9, ERR-3.2, in that order */
  diagnostics: string;
  /** ERR-4: E, W, I or F ('' when not sent) */
  severity: string;
  /** ERR-2 (v2.5) or ERR-1 (v2.3) location, as `PID^1^3^1^1` */
  location: string;
}

/** An ACK, ORL^O22 or ORR^O02 from the lab, as values. */
export interface ReceivedAck {
  /** MSA-1: AA/CA accepted; AE/CE error; AR/CR rejected */
  code: string;
  accepted: boolean;
  /** MSA-2: the MSH-10 of our message this answers */
  acknowledgedControlId: string;
  /** MSA-3 */
  text: string;
  errors: ReceivedAckError[];
  messageType: string;
  /** MSH-10 of the ACK itself */
  controlId: string;
}

export type ReadAckOutcome = { ok: true; ack: ReceivedAck } | { ok: false; error: Hl7Issue };

export function readAck(m: Hl7Message): ReadAckOutcome {
  const msa = m.segment('MSA');
  if (!msa || msa.get(1) === '') {
    return { ok: false, error: issue('not-an-ack', 'error', `${m.messageType.code}^${m.messageType.trigger} has no MSA-1 acknowledgment code, so it does not answer a message`, { message: m.index, segmentId: 'MSA', field: 1 }) };
  }
  const code = msa.get(1).trim().toUpperCase();
  const errors = m.segmentsOf('ERR').map(readErr);
  const msaCondition = msa.field(6);
  if (errors.length === 0 && msaCondition.value(1, 1)) {
    errors.push({ code: msaCondition.value(1, 1), diagnostics: msa.get(3) || msaCondition.value(1, 2), severity: '', location: '' });
  }
  for (const e of errors) if (!e.diagnostics) e.diagnostics = msa.get(3);
  const t = m.messageType;
  return {
    ok: true,
    ack: {
      code,
      accepted: code === 'AA' || code === 'CA',
      acknowledgedControlId: msa.get(2),
      text: msa.get(3),
      errors,
      messageType: [t.code, t.trigger, t.structure].filter(Boolean).join('^'),
      controlId: m.controlId,
    },
  };
}

function readErr(s: Hl7Segment): ReceivedAckError {
  const cwe = s.field(3);
  const erl = s.field(2);
  if (cwe.value(1, 1) || erl.components().length > 0 || s.get(8)) {
    return {
      code: cwe.value(1, 1),
      diagnostics: s.get(8) || s.get(7) || cwe.value(1, 9) || cwe.value(1, 2),
      severity: s.get(4),
      location: erl.components().join('^'),
    };
  }
  // v2.3 ERR-1 (ELD): segment ^ sequence ^ field ^ code (CE, sometimes spread over components 4-6)
  const eld = s.field(1);
  return {
    code: eld.value(1, 4, 1),
    diagnostics: eld.value(1, 4, 2) || eld.value(1, 5),
    severity: '',
    location: [eld.value(1, 1), eld.value(1, 2), eld.value(1, 3)].filter(Boolean).join('^'),
  };
}
