import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, onUnauthenticated, setCsrfToken } from '../api.js';
import { LoginPage } from '../auth/LoginPage.js';
import type { Session } from '../models.js';
import { navigate, useLocation } from '../router.js';
import { homeFor } from './access.js';
import { Header } from './Header.js';
import { Routes } from './Routes.js';
import { SessionContext } from './session.js';

type State = { status: 'loading' } | { status: 'signed-out'; notice?: string } | { status: 'signed-in'; session: Session };

/** Only local paths are followed after sign-in (no open redirect through `?next=`). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

function loginPath(): string {
  const here = window.location.pathname + window.location.search;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const location = useLocation();

  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken('');
      setState({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' });
      navigate(loginPath(), { replace: true });
    });
    api.me().then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ status: 'signed-in', session });
      },
      () => setState({ status: 'signed-out' }),
    );
    return () => {
      onUnauthenticated(undefined);
    };
  }, []);

  useEffect(() => {
    if (state.status === 'signed-out' && location.pathname !== '/login') navigate(loginPath(), { replace: true });
  }, [state.status, location.pathname]);

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
    navigate(safeNext(new URLSearchParams(window.location.search).get('next')) ?? homeFor(session.user.role), { replace: true });
  }, []);

  const signOut = useCallback(() => {
    api.logout().catch(() => undefined).finally(() => {
      setCsrfToken('');
      setState({ status: 'signed-out', notice: 'You have signed out.' });
      navigate('/login', { replace: true });
    });
  }, []);

  const context = useMemo(() => (state.status === 'signed-in' ? { session: state.session, signOut } : null), [state, signOut]);

  if (state.status === 'loading') {
    return (
      <div className="splash" role="status" aria-live="polite">
        Loading Allied…
      </div>
    );
  }
  if (state.status === 'signed-out' || !context) return <LoginPage onSignedIn={signedIn} notice={state.status === 'signed-out' ? state.notice : undefined} />;
  return (
    <SessionContext.Provider value={context}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" className="app-main" tabIndex={-1}>
        <Routes user={context.session.user} />
      </main>
    </SessionContext.Provider>
  );
}
