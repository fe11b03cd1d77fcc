/** The orderable catalogue: what a clinician can order, how it is coded, and who performs it. */
import { imagingOrderables } from './imaging.js';
import { labOrderables } from './lab.js';
import type { Orderable, OrderableKind } from './models.js';
import { respiratoryOrderables } from './respiratory.js';

export type {
  Orderable,
  OrderableCoding,
  OrderableContainer,
  OrderableKind,
  OrderableModality,
  OrderablePerformerRole,
  OrderableSpecimen,
  OrderableTimedDraw,
  SpecimenHandling,
} from './models.js';
export { modalityDisplay } from './imaging.js';
export { nonBloodContainers } from './lab.js';

/** Every orderable, labs first, then imaging, then respiratory therapy. */
export const orderables: readonly Orderable[] = [...labOrderables, ...imagingOrderables, ...respiratoryOrderables];

const byCode = new Map(orderables.map((o) => [o.code, o]));

/** The orderable with this code, or undefined. */
export function findOrderable(code: string): Orderable | undefined {
  return byCode.get(code);
}

/** The orderables of one kind, in catalogue order. */
export function orderablesOfKind(kind: OrderableKind): Orderable[] {
  return orderables.filter((o) => o.kind === kind);
}
