/** The seed code tables: labs first, then imaging, then respiratory therapy (organisations edit their own copy). */
import { imagingOrderables } from './imaging.js';
import { labOrderables } from './lab.js';
import type { Orderable, OrderableKind } from './models.js';
import { respiratoryOrderables } from './respiratory.js';

/** Every orderable of the code tables, labs first, then imaging, then respiratory therapy. */
export const orderables: readonly Orderable[] = [...labOrderables, ...imagingOrderables, ...respiratoryOrderables];

const byCode = new Map(orderables.map((o) => [o.code, o]));

/** The orderable of the code tables with this code, or undefined (an organisation's own: `loadCatalogue`). */
export function findOrderable(code: string): Orderable | undefined {
  return byCode.get(code);
}

/** The orderables of one kind, in table order. */
export function orderablesOfKind(kind: OrderableKind): Orderable[] {
  return orderables.filter((o) => o.kind === kind);
}
