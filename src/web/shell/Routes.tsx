import { useEffect, type ReactNode } from 'react';
import type { User } from '../models.js';
import { matchPath, navigate, useLocation } from '../router.js';
import { AuditPage } from '../audit/AuditPage.js';
import { OrderEntryPage } from '../orders/OrderEntryPage.js';
import { PatientPage } from '../patients/PatientPage.js';
import { PatientSearchPage } from '../patients/PatientSearchPage.js';
import { WorklistPage } from '../worklist/WorklistPage.js';
import { CollectionPage, DispatchPage } from '../phlebotomy/index.js';
import { ReceivingPage } from '../lab/index.js';
import { InterfacesPage, LabsPage } from '../interfaces/index.js';
import { TurnaroundPage } from '../turnaround/index.js';
import { RulesPage } from '../settings/index.js';
import { CataloguePage } from '../catalogue/index.js';
import { NoticesPage } from '../results/NoticesPage.js';
import { canUse, homeFor, type PageId } from './access.js';
import { Forbidden, NotFound } from './Forbidden.js';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

interface Route {
  pattern: string;
  page: PageId;
  render: (params: Record<string, string>, search: URLSearchParams) => ReactNode;
}

const routes: Route[] = [
  { pattern: '/patients', page: 'patients', render: () => <PatientSearchPage /> },
  { pattern: '/patients/:id', page: 'patients', render: (p) => <PatientPage key={p.id} patientId={p.id} /> },
  { pattern: '/notices', page: 'notices', render: () => <NoticesPage /> },
  { pattern: '/orders/new', page: 'orders', render: (_p, s) => <OrderEntryPage key={s.get('patient') ?? ''} patientId={s.get('patient')} /> },
  { pattern: '/worklist', page: 'worklist', render: () => <WorklistPage /> },
  { pattern: '/collect/:patientId', page: 'collect', render: (p) => <CollectionPage key={p.patientId} patientId={p.patientId} /> },
  { pattern: '/dispatch', page: 'dispatch', render: () => <DispatchPage /> },
  { pattern: '/lab/receiving', page: 'receiving', render: () => <ReceivingPage /> },
  { pattern: '/lab/interfaces', page: 'interfaces', render: () => <InterfacesPage /> },
  { pattern: '/lab/interfaces/labs', page: 'interfaces', render: () => <LabsPage /> },
  { pattern: '/turnaround', page: 'turnaround', render: () => <TurnaroundPage /> },
  { pattern: '/settings/rules', page: 'rules', render: () => <RulesPage /> },
  { pattern: '/settings/catalogue', page: 'catalogue', render: () => <CataloguePage /> },
  { pattern: '/audit', page: 'audit', render: () => <AuditPage /> },
];

export function Routes({ user }: { user: User }) {
  const { pathname, search } = useLocation();
  const home = homeFor(user.role);
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '/login') return <Redirect to={home} />;
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    if (!canUse(user.role, route.page)) return <Forbidden page={route.page} role={user.role} home={home} />;
    return <>{route.render(params, search)}</>;
  }
  return <NotFound home={home} />;
}
