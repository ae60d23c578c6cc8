/** A tiny hash router: `#/households/12/edit`. The host token also travels in the fragment once, at start. */
import { useSyncExternalStore } from 'react';

function read(): string {
  const h = window.location.hash.replace(/^#/, '');
  if (!h.startsWith('/')) return '/';
  return h;
}
function subscribe(fn: () => void) {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}
export function useRoute(): string {
  return useSyncExternalStore(subscribe, read, read);
}
/** The route's query (`/referrals?overdue=1`): how a number on the dashboard opens the list it counts, filtered (UX.md). */
export function routeQuery(route: string): URLSearchParams {
  const i = route.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : route.slice(i + 1));
}
export function navigate(path: string) {
  if (read() !== path) window.location.hash = '#' + path;
}
export function replaceRoute(path: string) {
  history.replaceState(null, '', '#' + path);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
