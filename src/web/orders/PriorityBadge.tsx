import { priorityLabel } from '../shell/format.js';

/** Priority as a badge; STAT is red so it stands out on any list. */
export function PriorityBadge({ priority }: { priority: string | null | undefined }) {
  const p = priority ?? 'routine';
  return (
    <span className={`badge priority-${p}`} data-testid="priority-badge" data-priority={p}>
      {priorityLabel(p)}
    </span>
  );
}
