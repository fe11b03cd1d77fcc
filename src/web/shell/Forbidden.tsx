import { roleLabels, type Role } from '../models.js';
import { Link } from '../router.js';
import { pages, rolesNeeded, type PageId } from './access.js';

export function Forbidden({ page, role, home }: { page: PageId; role: Role; home: string }) {
  return (
    <section className="status-page" data-testid="forbidden" aria-labelledby="forbidden-title">
      <p className="status-code">403</p>
      <h1 id="forbidden-title">Forbidden</h1>
      <p>
        <strong>{pages[page].title}</strong> is for: {rolesNeeded(page)}.
      </p>
      <p>
        You are signed in as <strong>{roleLabels[role]}</strong>. Ask an administrator if you need this page.
      </p>
      <Link className="button primary" to={home} data-testid="forbidden-home">
        Go to your start page
      </Link>
    </section>
  );
}

export function NotFound({ home }: { home: string }) {
  return (
    <section className="status-page" data-testid="not-found" aria-labelledby="not-found-title">
      <p className="status-code">404</p>
      <h1 id="not-found-title">Page not found</h1>
      <p>There is no page at this address.</p>
      <Link className="button primary" to={home}>
        Go to your start page
      </Link>
    </section>
  );
}
