import { createContext, useContext } from 'react';
import type { Office, User } from '../../src-main/contract';

export interface SessionValue {
  user: User;
  office: Office | null;
  idleLockMinutes: number;
  logout(): void;
  refreshOffice(): void;
}
export const SessionContext = createContext<SessionValue | null>(null);
export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}
