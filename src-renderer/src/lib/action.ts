import { useState } from 'react';

/**
 * The state of a form's action (save, import, export): `busy` while it runs, `error` shown
 * next to the form when it fails. `run` clears the last error, and resolves with the action's
 * value, or undefined when it failed (the error is then set).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
