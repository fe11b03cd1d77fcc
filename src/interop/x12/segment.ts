import type { X12Delimiters } from './delimiters.js';
import { StoredSegment } from './store.js';

/** One segment as read: `elements[0]` is the segment id, so `elements[n]` is element n. */
export interface Segment {
  id: string;
  elements: string[];
  /** segment number in the file, first = 1 */
  index: number;
  /** byte offset of the segment's first character in the file */
  offset: number;
}

/** Element n (1-based), or '' when absent. */
export function el(segment: Segment, n: number): string {
  // a stored segment makes only the one string asked for
  return segment instanceof StoredSegment ? segment.el(n) : (segment.elements[n] ?? '');
}

/** Component c (1-based) of element n, split on the interchange's component separator. */
export function comp(segment: Segment, n: number, c: number, delimiters: X12Delimiters): string {
  const value = el(segment, n);
  if (!value) return '';
  if (value.indexOf(delimiters.component) < 0) return c === 1 ? value : '';
  return value.split(delimiters.component)[c - 1] ?? '';
}

/** All components of element n. */
export function comps(segment: Segment, n: number, delimiters: X12Delimiters): string[] {
  const value = el(segment, n);
  if (!value) return [];
  return value.split(delimiters.component);
}

/** Repetitions of element n (ISA11 separator); a single value when the interchange has none. */
export function reps(segment: Segment, n: number, delimiters: X12Delimiters): string[] {
  const value = el(segment, n);
  if (!value) return [];
  return delimiters.repetition ? value.split(delimiters.repetition) : [value];
}

/** A decimal amount (X12 type R), or undefined when empty or not a number. */
export function amount(value: string): number | undefined {
  if (value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
