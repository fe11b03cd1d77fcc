/**
 * The specimens this collector has on them, waiting to be sent: kept in the tab's session storage,
 * so the round's specimens survive moving between pages (the API has no "collected by me, not yet
 * sent" list). Scanning labels on the dispatch page adds any specimen the bag missed.
 */
import type { SpecimenSummary } from './models.js';

export interface BagItem {
  containerId: string;
  container: string | null;
  containerDisplay: string | null;
  patientId: string | null;
  patientName?: string;
  collectedAt: string | null;
}

const KEY = 'allied:dispatch-bag';

export function readBag(): BagItem[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? (v as BagItem[]) : [];
  } catch {
    return [];
  }
}

function write(items: BagItem[]): void {
  sessionStorage.setItem(KEY, JSON.stringify(items));
}

export function bagItemOf(s: SpecimenSummary, patientName?: string): BagItem | null {
  if (!s.containerId) return null;
  return { containerId: s.containerId, container: s.container, containerDisplay: s.containerDisplay, patientId: s.patientId, patientName, collectedAt: s.collectedAt };
}

export function addToBag(items: (BagItem | null)[]): void {
  const bag = readBag();
  for (const item of items) if (item && !bag.some((b) => b.containerId === item.containerId)) bag.push(item);
  write(bag);
}

export function removeFromBag(containerIds: string[]): void {
  write(readBag().filter((b) => !containerIds.includes(b.containerId)));
}
