import { encodingCharacters, type Hl7Delimiters } from './delimiters.js';
import { escapeHl7, unescapeHl7 } from './escape.js';
import type { Hl7Issue } from './errors.js';

/** One field of one segment: raw (escaped) text, read on demand (each split done once). */
export class Hl7Field {
  private reps: string[] | undefined;
  private comps: (string[] | undefined)[] | undefined;

  constructor(readonly raw: string, private readonly d: Hl7Delimiters, private readonly literal = false) {}

  /** HL7 null: the two-character value `""`, meaning "delete what you have". */
  get isNull(): boolean {
    return this.raw === '""';
  }

  get isEmpty(): boolean {
    return this.raw === '';
  }

  /** Raw text of each repetition. */
  repetitionsRaw(): string[] {
    if (this.literal || this.raw === '') return [this.raw];
    return [...this.repetitions()];
  }

  private repetitions(): string[] {
    return (this.reps ??= this.literal || this.raw === '' ? [this.raw] : this.raw.split(this.d.repetition));
  }

  /** Raw components of one repetition (1-based), split once. */
  private componentsRaw(repetition: number): string[] | undefined {
    const rep = this.repetitions()[repetition - 1];
    if (rep === undefined) return undefined;
    const cache = (this.comps ??= []);
    return (cache[repetition - 1] ??= rep.split(this.d.component));
  }

  get repetitionCount(): number {
    return this.raw === '' ? 0 : this.repetitions().length;
  }

  /** Unescaped value at (repetition, component, sub-component), all 1-based; '' when absent. */
  value(repetition = 1, component = 1, subcomponent = 1): string {
    if (this.literal) return repetition === 1 && component === 1 && subcomponent === 1 ? this.raw : '';
    const comp = this.componentsRaw(repetition)?.[component - 1];
    if (comp === undefined) return '';
    const sub = this.d.subcomponent === '' ? (subcomponent === 1 ? comp : undefined) : subcomponent === 1 && !comp.includes(this.d.subcomponent) ? comp : comp.split(this.d.subcomponent)[subcomponent - 1];
    return sub === undefined ? '' : unescapeHl7(sub, this.d);
  }

  /** Unescaped components of one repetition (sub-components joined back with the separator). */
  components(repetition = 1): string[] {
    if (this.literal) return [this.raw];
    const rep = this.repetitions()[repetition - 1];
    if (rep === undefined || rep === '') return [];
    return this.componentsRaw(repetition)!.map((c) => unescapeHl7(c, this.d));
  }

  /** Unescaped sub-components of one component. */
  subcomponents(repetition = 1, component = 1): string[] {
    const comp = this.literal ? (repetition === 1 ? this.raw.split(this.d.component)[component - 1] : undefined) : this.componentsRaw(repetition)?.[component - 1];
    if (comp === undefined || comp === '') return [];
    const parts = this.d.subcomponent === '' ? [comp] : comp.split(this.d.subcomponent);
    return parts.map((s) => unescapeHl7(s, this.d));
  }

  /** Whole field as plain text (for TX/FT/ST), repetitions joined by a line break. */
  text(): string {
    return this.repetitions().map((r) => unescapeHl7(r, this.d)).join('\n');
  }
}

export class Hl7Segment {
  /**
   * `fields[0]` is the segment id; `fields[n]` is field n as HL7 counts it. For MSH/FHS/BHS,
   * `fields[1]` is the field separator and `fields[2]` the encoding characters.
   */
  constructor(
    readonly fields: string[],
    readonly delimiters: Hl7Delimiters,
    /** 1-based position inside its message */
    readonly index: number,
    /** 1-based line in the input it came from */
    readonly line: number,
  ) {}

  get id(): string {
    return this.fields[0] ?? '';
  }

  private get isHeader(): boolean {
    return this.id === 'MSH' || this.id === 'FHS' || this.id === 'BHS';
  }

  private readonly fieldCache: (Hl7Field | undefined)[] = [];

  field(n: number): Hl7Field {
    return (this.fieldCache[n] ??= new Hl7Field(this.fields[n] ?? '', this.delimiters, this.isHeader && (n === 1 || n === 2)));
  }

  /** Unescaped value at SEG-n[rep].comp.sub; '' when absent. */
  get(n: number, component = 1, subcomponent = 1, repetition = 1): string {
    return this.field(n).value(repetition, component, subcomponent);
  }

  get fieldCount(): number {
    return this.fields.length - 1;
  }

  toString(): string {
    const f = this.delimiters.field;
    if (this.isHeader) return [this.id, this.fields.slice(2).join(f)].join(f);
    return this.fields.join(f);
  }
}

export interface MessageType {
  code: string;
  trigger: string;
  structure: string;
}

const PATH = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?[-.](\d+)(?:\[(\d+)\])?(?:\.(\d+))?(?:\.(\d+))?$/;

export interface Hl7Path {
  segment: string;
  occurrence: number;
  field: number;
  repetition: number | undefined;
  component: number;
  subcomponent: number;
}

/** `PID-3[2].1.4` or `PID.3.1`; `OBX[2]-5` picks the second OBX. Undefined when malformed. */
export function parsePath(path: string): Hl7Path | undefined {
  const m = PATH.exec(path.trim());
  if (!m) return undefined;
  return {
    segment: m[1] ?? '',
    occurrence: m[2] ? Number(m[2]) : 1,
    field: Number(m[3]),
    repetition: m[4] ? Number(m[4]) : undefined,
    component: m[5] ? Number(m[5]) : 1,
    subcomponent: m[6] ? Number(m[6]) : 1,
  };
}

export class Hl7Message {
  constructor(
    readonly segments: Hl7Segment[],
    readonly delimiters: Hl7Delimiters,
    /** 1-based number of this message in the input it was read from */
    readonly index = 1,
    /** warnings met while reading (quirks repaired, continuation lines joined...) */
    readonly warnings: Hl7Issue[] = [],
  ) {}

  get header(): Hl7Segment {
    return this.segments[0] as Hl7Segment;
  }

  get messageType(): MessageType {
    const f = this.header.field(9);
    return { code: f.value(1, 1), trigger: f.value(1, 2), structure: f.value(1, 3) };
  }

  /** MSH-10, the idempotency key for received messages. */
  get controlId(): string {
    return this.header.get(10);
  }

  get version(): string {
    return this.header.get(12);
  }

  segment(id: string, occurrence = 1): Hl7Segment | undefined {
    let seen = 0;
    for (const s of this.segments) if (s.id === id && ++seen === occurrence) return s;
    return undefined;
  }

  segmentsOf(id: string): Hl7Segment[] {
    return this.segments.filter((s) => s.id === id);
  }

  /** Unescaped value at a path such as `PID-3[1].1` or `OBX[2]-5`; '' when absent or malformed. */
  get(path: string): string {
    const p = parsePath(path);
    if (!p) return '';
    return this.segment(p.segment, p.occurrence)?.get(p.field, p.component, p.subcomponent, p.repetition ?? 1) ?? '';
  }

  /** The value at a path in every repetition of the field. */
  getAll(path: string): string[] {
    const p = parsePath(path);
    const seg = p && this.segment(p.segment, p.occurrence);
    if (!p || !seg) return [];
    const f = seg.field(p.field);
    const out: string[] = [];
    for (let r = 1; r <= f.repetitionCount; r++) out.push(f.value(r, p.component, p.subcomponent));
    return out;
  }

  /** Segments joined by CR, the HL7 segment terminator (no trailing CR). */
  toString(): string {
    return this.segments.map((s) => s.toString()).join('\r');
  }
}

/** Build a segment from plain values: string = one component; arrays nest component > sub-component; repetitions via `{ reps }`. */
export type FieldInput = string | undefined | null | (string | undefined | null | (string | undefined | null)[])[] | { reps: FieldInput[] };

export function encodeField(v: FieldInput, d: Hl7Delimiters): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return escapeHl7(v, d);
  if (!Array.isArray(v)) return v.reps.map((r) => encodeField(r, d)).join(d.repetition);
  const comps = v.map((c) => (Array.isArray(c) ? c.map((s) => (s == null ? '' : escapeHl7(s, d))).join(d.subcomponent).replace(new RegExp(`${escapeRe(d.subcomponent)}+$`), '') : c == null ? '' : escapeHl7(c, d)));
  return trimEnd(comps, '').join(d.component);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function trimEnd(a: string[], empty: string): string[] {
  let n = a.length;
  while (n > 0 && a[n - 1] === empty) n--;
  return a.slice(0, n);
}

/** One segment's text from its id and fields 1..n (trailing empty fields dropped). */
export function encodeSegment(id: string, fields: FieldInput[], d: Hl7Delimiters): string {
  const enc = trimEnd(fields.map((f) => encodeField(f, d)), '');
  return [id, ...enc].join(d.field);
}

/** MSH text from fields MSH-3 onwards (MSH-1 and MSH-2 come from the delimiters). */
export function encodeMsh(fromField3: FieldInput[], d: Hl7Delimiters): string {
  const enc = trimEnd(fromField3.map((f) => encodeField(f, d)), '');
  return ['MSH', encodingCharacters(d), ...enc].join(d.field);
}
