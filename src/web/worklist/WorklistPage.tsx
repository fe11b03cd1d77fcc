import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api.js';
import { roleLabels, worklistRoles, type WorklistItem } from '../models.js';
import { navigate, useLocation, withSearch } from '../router.js';
import { canUse, worklistRoleFor } from '../shell/access.js';
import { useSession } from '../shell/session.js';
import { useFetch } from '../shell/useFetch.js';
import { locationName, useLocations } from '../shell/useLocations.js';
import { byUrgency } from './due.js';
import { byPatient, collectionWorklistApi, elsewhereByGroup, groupByRound, roundCountText, type CollectionItem, type RoundSummary } from './collection.js';
import { formatDateTime } from '../shell/format.js';
import { PatientCard } from './PatientCard.js';
import { doneLabel, type NextStep } from './next-steps.js';
import { ReasonDialog } from './ReasonDialog.js';
import { useWorklistStream, type LiveState } from './useWorklistStream.js';
import { WorklistRow } from './WorklistRow.js';

const REFETCH_DEBOUNCE_MS = 150;
const CLOCK_TICK_MS = 30_000;

type Notice = { tone: 'success' | 'warn' | 'error'; text: string };

const liveText: Record<LiveState, string> = { live: 'Live', connecting: 'Connecting…', offline: 'Offline, retrying' };

export function WorklistPage() {
  const { session } = useSession();
  const { user } = session;
  const { pathname, search } = useLocation();
  const role = worklistRoleFor(user.role, search.get('role'));
  const location = search.get('location') ?? '';
  const round = search.get('round') ?? '';
  // the phlebotomy worklist comes with rounds, timed windows, fasting and non-blood specimens
  const collection = role === 'phlebotomist';
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [asking, setAsking] = useState<{ item: WorklistItem; step: NextStep } | null>(null);

  const list = useFetch(role ? `worklist:${role}:${location}:${collection ? round : ''}` : null, (signal): Promise<{ items: CollectionItem[]; rounds?: RoundSummary[] }> =>
    collection ? collectionWorklistApi.list(location || undefined, round || undefined, signal) : api.worklist(role ?? undefined, location || undefined, signal));
  const locations = useLocations();
  const { reload } = list;

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetchSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, REFETCH_DEBOUNCE_MS);
  }, [reload]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const live = useWorklistStream(role, refetchSoon);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(t);
  }, []);

  // the collection worklist arrives in its order (STAT, then due; a timed draw by its window)
  const items = useMemo(() => (collection ? [...(list.data?.items ?? [])] : [...(list.data?.items ?? [])].sort(byUrgency)), [list.data, collection]);
  const rounds = useMemo(() => list.data?.rounds ?? [], [list.data]);
  const groups = useMemo(() => {
    if (!collection) return [{ key: 'all', title: '', items }];
    if (!round) return groupByRound(items, (r) => `${r.name} · ${formatDateTime(r.start)}`);
    // during a round: one list of patients, STAT patients first, each drawn once
    const r = rounds.find((x) => x.key === round);
    return [{ key: round, title: r ? `${r.name} · ${formatDateTime(r.start)}` : 'This round', items }];
  }, [items, collection, round, rounds]);
  // all rounds at once: a patient with a STAT order and a round order has a card in each group
  const elsewhere = useMemo(() => (collection && !round ? elsewhereByGroup(groups) : new Map<string, Map<string, never>>()), [groups, collection, round]);
  const cardsOf = (g: { items: CollectionItem[] }) => byPatient(g.items, (item) => locationName(item.location, locations));
  const patientCount = collection ? new Set(items.map((i) => i.patient?.id ?? i.taskId)).size : 0;

  async function run(item: WorklistItem, step: NextStep, reason?: string) {
    setAsking(null);
    setBusy(item.taskId);
    setNotice(null);
    const what = `${item.orderDisplay || item.description}${item.patient ? ` for ${item.patient.name}` : ''}`;
    try {
      await api.transition(item.taskId, step.to, item.version, reason);
      setNotice({ tone: 'success', text: `${doneLabel(step.to)}: ${what}.` });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // the server's message names who claimed it ("Already claimed by …")
        setNotice({ tone: 'warn', text: /refreshed/i.test(err.message) ? err.message : `${err.message} The list has been refreshed.` });
      }
      else setNotice({ tone: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(null);
      reload();
    }
  }

  function onStep(item: WorklistItem, step: NextStep) {
    if (step.needsReason) setAsking({ item, step });
    else void run(item, step);
  }

  const setParam = (name: string, value: string) => navigate(withSearch(pathname, search, { [name]: value }), { replace: true });
  const isMine = (item: WorklistItem) => !!item.owner && !!user.practitionerId && (item.owner.id === user.practitionerId || item.owner.id.endsWith(`/${user.practitionerId}`));

  const mayCollect = canUse(user.role, 'collect');
  const collectHref = (item: WorklistItem) =>
    mayCollect && item.patient && (item.role === 'phlebotomist' || item.orderCode?.startsWith('LAB-')) ? `/collect/${encodeURIComponent(item.patient.id)}` : null;

  if (!role) return <p className="page">This role has no worklist.</p>;
  return (
    <section className="page wide" aria-labelledby="worklist-title" data-testid="worklist-page" data-role={role}>
      <div className="section-head">
        <h1 id="worklist-title">
          {user.role === 'admin' ? 'Worklists' : user.role === 'lab' ? 'Worklist' : 'My worklist'}
          <span className="subtitle"> · {roleLabels[role]}</span>
        </h1>
        <span className={`live live-${live}`} role="status" data-testid="live-indicator" data-state={live}>
          <span className="live-dot" aria-hidden="true" />
          {liveText[live]}
        </span>
      </div>

      <div className="toolbar">
        {user.role === 'admin' && (
          <div className="field inline">
            <label htmlFor="wl-role">Role</label>
            <select id="wl-role" value={role} onChange={(e) => setParam('role', e.target.value)} data-testid="worklist-role">
              {worklistRoles.map((r) => <option key={r} value={r}>{roleLabels[r]}</option>)}
            </select>
          </div>
        )}
        <div className="field inline">
          <label htmlFor="wl-location">Location</label>
          <select id="wl-location" value={location} onChange={(e) => setParam('location', e.target.value)} data-testid="worklist-location">
            <option value="">All locations</option>
            {locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        {collection && (
          <div className="field inline">
            <label htmlFor="wl-round">Round</label>
            <select id="wl-round" value={round} onChange={(e) => setParam('round', e.target.value)} data-testid="worklist-round">
              <option value="">All rounds</option>
              {round && !rounds.some((r) => r.key === round) && <option value={round}>{round}</option>}
              {rounds.map((r) => <option key={r.key} value={r.key}>{r.name} · {formatDateTime(r.start)} ({roundCountText(r)})</option>)}
            </select>
          </div>
        )}
        <span className="toolbar-count muted" aria-live="polite">
          {list.data ? `${collection ? `${patientCount} patient${patientCount === 1 ? '' : 's'} · ` : ''}${items.length} open task${items.length === 1 ? '' : 's'}` : ''}
        </span>
        <button type="button" className="button" onClick={reload} disabled={list.loading}>
          Refresh
        </button>
      </div>

      <div aria-live="polite">
        {notice && (
          <p className={`notice ${notice.tone}`} data-testid="worklist-notice">
            {notice.text}
            <button type="button" className="notice-close" onClick={() => setNotice(null)} aria-label="Dismiss">×</button>
          </p>
        )}
      </div>
      {list.error && <p className="notice error" role="alert">{list.error.message}</p>}
      {!list.data && !list.error && <p role="status">Loading worklist…</p>}
      {list.data && items.length === 0 && <p className="empty" data-testid="worklist-empty">No open tasks. New orders appear here by themselves.</p>}
      {items.length > 0 && (
        <ul className="wl-list" data-testid="worklist">
          {groups.map((g) => [
            ...(g.title ? [<li key={`group-${g.key}`} className="wl-group" data-testid="worklist-group" data-group={g.key}><h2>{g.title} <span className="muted small">({collection ? `${cardsOf(g).length} patient${cardsOf(g).length === 1 ? '' : 's'}, ` : ''}{g.items.length} order{g.items.length === 1 ? '' : 's'})</span></h2></li>] : []),
            ...(collection
              ? cardsOf(g).map((card) => (
                <PatientCard key={`${g.key}-${card.key}`} card={card} now={now} busy={busy} isMine={isMine} onStep={onStep} collectHref={card.items.map(collectHref).find(Boolean) ?? null} elsewhere={card.patient ? elsewhere.get(g.key)?.get(card.patient.id) : undefined} />
              ))
              : g.items.map((item) => (
                <WorklistRow key={item.taskId} item={item} now={now} busy={busy === item.taskId} isMine={isMine(item)} place={locationName(item.location, locations)} onStep={onStep} collectHref={collectHref(item)} />
              ))),
          ])}
        </ul>
      )}
      {collection && round && <p className="muted small" data-testid="round-note">STAT orders show in every round.</p>}
      {asking && (
        <ReasonDialog
          title={`${asking.step.label}: ${asking.item.orderDisplay || asking.item.description}`}
          confirmLabel={asking.step.to === 'cancelled' ? 'Cancel task' : 'Put on hold'}
          danger={asking.step.to === 'cancelled'}
          onConfirm={(reason) => void run(asking.item, asking.step, reason)}
          onClose={() => setAsking(null)}
        />
      )}
    </section>
  );
}
