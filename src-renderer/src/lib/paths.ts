/** Dotted paths into form values (`members.1.idNumber`), and what the keyboard moves between. */
import type { KeyboardEvent } from 'react';

/** True when `path` names a value in `o` (a field of the form, not a place the service invented). */
export function hasPath(o: unknown, path: string): boolean {
  let x: unknown = o;
  for (const k of path.split('.')) {
    if (x === null || typeof x !== 'object' || !(k in x)) return false;
    x = Reflect.get(x, k);
  }
  return x !== undefined;
}

/** Fields, and the buttons that add a row (`data-enter-stop`): every action of a form is on the Enter path, in reading order. */
const FOCUSABLE =
  'input:not([type=hidden]):not([readonly]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button[data-enter-stop]:not([disabled])';

/**
 * Enter moves to the next field (Shift+Enter to the one before) instead of submitting, the
 * office's habit from paper forms. The buttons that add a row (`data-enter-stop`) are stops on
 * the way: Enter on one adds the row, Tab passes it. Buttons, text areas and an open
 * autocomplete with a highlighted option keep their Enter.
 */
export function enterMovesOn(root: HTMLElement | null) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (!root || e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey) return;
    const el = e.target;
    if (!(el instanceof HTMLElement) || el.tagName === 'BUTTON' || el.tagName === 'TEXTAREA') return;
    const controls = el.getAttribute('aria-controls');
    const listbox = controls ? document.getElementById(controls) : null;
    if (el.getAttribute('aria-expanded') === 'true' && listbox?.querySelector('[data-combobox-selected]')) return;
    e.preventDefault();
    const all = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((x) => x.tabIndex >= 0 && x.offsetParent !== null);
    const next = all[all.indexOf(el) + (e.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      if (next instanceof HTMLInputElement && next.type === 'text') next.select();
    }
  };
}
