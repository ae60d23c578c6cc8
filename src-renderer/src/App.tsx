import { useCallback, useEffect, useRef, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import { ApiError, apiState, call, captureHostToken } from './api';
import type { Output, User } from '../../src-main/contract';
import { SessionContext } from './session';
import { SetupWizard } from './auth/SetupWizard';
import { LoginPage } from './auth/LoginPage';
import { LockScreen } from './auth/LockScreen';
import { ForcedPasswordChange } from './auth/ChangePassword';
import { useTranslation } from 'react-i18next';
import { RecoveryKeyPage } from './auth/RecoveryKeyPage';
import { STORE_LOCKED_CODES } from '../../src-main/contract/store';
import { Shell } from './Shell';
import { ErrorAlert } from './lib/errors';
import { replaceRoute } from './lib/router';

type Status = Output<'app.status'>;

export function App() {
  const [status, setStatus] = useState<Status | null>(null);
  const [user, setUser] = useState<User | null>(null);
  const [locked, setLocked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [justSetUp, setJustSetUp] = useState(false);
  // An initial or demo password: nothing but the change is open until it is done (docs/security.md "Sign-in").
  const [mustChange, setMustChange] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useTranslation();

  const loadStatus = useCallback(async () => {
    try {
      const s = await call('app.status', {});
      setStatus(s);
      return s;
    } catch (e) {
      setError(e);
      return null;
    }
  }, []);

  useEffect(() => {
    captureHostToken();
    if (/token=/.test(window.location.hash)) replaceRoute('/');
    void (async () => {
      const s = await loadStatus();
      if (s && !s.needsSetup && apiState.getSession()) {
        try {
          const me = await call('auth.me', {});
          setMustChange(me.mustChangePassword);
          setUser(me);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'session_locked') {
            // auth.me refuses a locked session; keep it and ask for the password.
            setLocked(true);
          } else apiState.setSession(null);
        }
      }
    })();
  }, [loadStatus]);

  useEffect(() => apiState.onLocked(() => setLocked(true)), []);
  useEffect(
    () =>
      apiState.onEnded(() => {
        apiState.setSession(null);
        setUser(null);
        setLocked(false);
        setNotice(t('login.expired'));
        replaceRoute('/');
      }),
    [t],
  );

  // Client idle timer: lock after idleLockMinutes without keyboard or mouse activity.
  const lastActivity = useRef(Date.now());
  useEffect(() => {
    if (!user || !status) return;
    const bump = () => {
      lastActivity.current = Date.now();
    };
    const evs = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    evs.forEach((e) => window.addEventListener(e, bump, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current > status.idleLockMinutes * 60_000) setLocked(true);
    }, 5_000);
    return () => {
      evs.forEach((e) => window.removeEventListener(e, bump));
      window.clearInterval(timer);
    };
  }, [user, status]);

  const logout = useCallback(async () => {
    try {
      await call('auth.logout', {});
    } catch {
      /* the session may already be gone */
    }
    apiState.setSession(null);
    setUser(null);
    setLocked(false);
    setMustChange(false);
    replaceRoute('/');
  }, []);

  // The database is encrypted and its key is not on this computer (docs/security.md).
  if (error instanceof ApiError && !status && STORE_LOCKED_CODES.some((c) => c === error.code))
    return (
      <RecoveryKeyPage
        reason={error}
        onUnlocked={() => {
          setError(null);
          void loadStatus();
        }}
      />
    );
  if (error && !status)
    return (
      <Center h="100vh">
        <ErrorAlert error={error} />
      </Center>
    );
  if (!status)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (status.needsSetup)
    return (
      <SetupWizard
        onDone={async () => {
          setJustSetUp(true);
          await loadStatus();
        }}
      />
    );
  if (!user && !locked) {
    return (
      <LoginPage
        office={status.office}
        demoPassword={status.demoPassword}
        justSetUp={justSetUp}
        notice={notice}
        onLogin={(session, u, change) => {
          apiState.setSession(session);
          lastActivity.current = Date.now();
          setNotice(null);
          setMustChange(change);
          setUser(u);
        }}
      />
    );
  }
  if (!user && locked) {
    return (
      <LockScreen
        minutes={status.idleLockMinutes}
        onUnlocked={async () => {
          setLocked(false);
          const me = await call('auth.me', {});
          setMustChange(me.mustChangePassword);
          setUser(me);
        }}
        onLogout={logout}
      />
    );
  }
  if (user && mustChange) return <ForcedPasswordChange user={user} onDone={() => setMustChange(false)} onLogout={logout} />;
  return (
    <SessionContext.Provider
      value={{
        user: user!,
        office: status.office,
        idleLockMinutes: status.idleLockMinutes,
        logout,
        refreshOffice: () => void loadStatus(),
      }}
    >
      <Shell />
      {locked && (
        <LockScreen
          minutes={status.idleLockMinutes}
          user={user!}
          onUnlocked={() => {
            lastActivity.current = Date.now();
            setLocked(false);
          }}
          onLogout={logout}
        />
      )}
    </SessionContext.Provider>
  );
}
