import { createContext, useContext } from 'react';
import type { Session } from '../models.js';

export interface SessionContextValue {
  session: Session;
  signOut: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

/** The signed-in session; only used inside the shell, which renders after sign-in. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside the signed-in shell');
  return value;
}
