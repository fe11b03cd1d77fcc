import { DomainInputError } from '../errors.js';
import { checkEnum, fieldsOf } from '../validate.js';

/*
 * HL7 v2 facts the lab integration relies on, DOMAIN.md A.10 (STANDARD):
 * MLLP framing [MLLP]; result status, HL7 tables 0123 (OBR-25) and 0085 (OBX-11).
 */

export const MLLP_START_BLOCK = 0x0b; // <VT>
export const MLLP_END_BLOCK = 0x1c; // <FS>
export const MLLP_CARRIAGE_RETURN = 0x0d; // <CR>

export interface MllpFrame {
  firstByte: number;
  lastTwoBytes: [number, number];
  /** Length of the framed message in bytes (UTF-8). */
  lengthBytes: number;
  /** The framed message as text: VT + message (segments ending in CR) + FS + CR. */
  framed: string;
}

/** Frame one HL7 message for MLLP. Line feeds between segments become CR, the HL7 segment terminator. */
export function mllpFrame(input: { message: string }): MllpFrame {
  const o = fieldsOf(input, 'mllpFrame');
  const message = o.message;
  if (typeof message !== 'string' || message.trim() === '') throw new DomainInputError('message', 'an HL7 v2 message as text', message);
  if (message.includes('\x0b') || message.includes('\x1c')) {
    throw new DomainInputError('message', 'an unframed message (no 0x0B or 0x1C bytes inside)', message);
  }
  const body = message.replace(/\r\n|\n/g, '\r');
  const framed = `\x0b${body}\x1c\r`;
  return { firstByte: MLLP_START_BLOCK, lastTwoBytes: [MLLP_END_BLOCK, MLLP_CARRIAGE_RETURN], lengthBytes: Buffer.byteLength(framed, 'utf8'), framed };
}

/** Result status codes DOMAIN.md A.10 lists, and their meaning. */
export const hl7ResultStatuses = {
  F: 'final',
  P: 'preliminary',
  C: 'corrected',
  X: 'cannot_be_obtained',
  I: 'pending',
  R: 'not_verified',
} as const;
export type Hl7ResultStatusCode = keyof typeof hl7ResultStatuses;
export type Hl7ResultStatusMeaning = (typeof hl7ResultStatuses)[Hl7ResultStatusCode];

export function hl7ResultStatusMeaning(input: { code: Hl7ResultStatusCode }): Hl7ResultStatusMeaning {
  const o = fieldsOf(input, 'hl7ResultStatusMeaning');
  const code = checkEnum(o.code, 'code', Object.keys(hl7ResultStatuses) as Hl7ResultStatusCode[]);
  return hl7ResultStatuses[code];
}
