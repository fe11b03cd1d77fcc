import { roleLabels } from '../models.js';
import { Link, useLocation } from '../router.js';
import { canUse, navFor } from './access.js';
import { useNotices } from '../results/useNotices.js';
import { useSession } from './session.js';

export function Header() {
  const { session, signOut } = useSession();
  const { pathname } = useLocation();
  const { user } = session;
  const nav = navFor(user.role);
  const notices = useNotices('open', canUse(user.role, 'notices'));
  const open = notices.data?.open ?? 0;
  return (
    <header className="app-header">
      <div className="app-header-top">
        <Link to="/" className="brand" aria-label="Allied home">
          <span className="brand-mark" aria-hidden="true">A</span>
          <span className="brand-text">
            Allied <span className="brand-tenant">{user.tenantName}</span>
          </span>
        </Link>
        <div className="user-box" data-testid="user-box">
          <span className="user-name">{user.display}</span>
          <span className="role-pill" data-testid="user-role">{roleLabels[user.role]}</span>
          <button type="button" className="button ghost" onClick={signOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </div>
      <nav className="app-nav" aria-label="Main">
        {nav.map((item) => {
          const current = pathname === item.path || pathname.startsWith(`${item.path}/`) || (item.page === 'orders' && pathname.startsWith('/orders')) || (item.page === 'worklist' && pathname.startsWith('/collect/'));
          return (
            <Link key={item.page} to={item.path} className="nav-link" aria-current={current ? 'page' : undefined} data-testid={`nav-${item.page}`}>
              {item.label}
              {item.page === 'notices' && open > 0 && (
                <span className="nav-count" data-testid="notices-count" aria-label={`${open} to acknowledge`}>
                  {open > 99 ? '99+' : open}
                </span>
              )}
            </Link>
          );
        })}
      </nav>
    </header>
  );
}
