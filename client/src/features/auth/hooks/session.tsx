import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../../../lib/api/client';
import { fetchMe, login as apiLogin, logout as apiLogout, type SessionUser } from '../api/authApi';

interface Session {
  user: SessionUser | null;
  checking: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [checking, setChecking] = useState(true);
  useEffect(() => {
    const ctrl = new AbortController();
    fetchMe(ctrl.signal).then(
      (u) => {
        setUser(u);
        setChecking(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        if (!(e instanceof ApiError) || e.status !== 401) console.warn('session check failed', e);
        setChecking(false);
      },
    );
    return () => ctrl.abort();
  }, []);
  const login = useCallback(async (email: string, password: string) => {
    setUser(await apiLogin(email, password));
  }, []);
  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setUser(null);
    }
  }, []);
  const value = useMemo(() => ({ user, checking, login, logout }), [user, checking, login, logout]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
