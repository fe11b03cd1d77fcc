import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Session } from '../models.js';
import { loginErrorMessage } from './login-messages.js';

export function LoginPage({ onSignedIn, notice }: { onSignedIn: (s: Session) => void; notice?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(username.trim(), password));
    } catch (err) {
      setError(loginErrorMessage(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form" aria-labelledby="login-title" noValidate>
        <div className="brand login-brand">
          <span className="brand-mark" aria-hidden="true">A</span>
          <span className="brand-text">Allied</span>
        </div>
        <h1 id="login-title">Sign in</h1>
        {notice && !error && (
          <p className="notice info" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="notice error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor="login-username">Username</label>
          <input id="login-username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username}
            onChange={(e) => setUsername(e.target.value)} data-testid="login-username" autoFocus required />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input id="login-password" name="password" type="password" autoComplete="current-password" value={password}
            onChange={(e) => setPassword(e.target.value)} data-testid="login-password" required />
        </div>
        <button type="submit" className="button primary block" disabled={busy} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
