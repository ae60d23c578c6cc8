/**
 * A full garbage collection on demand, for long jobs that work in large pieces (a roster
 * printed in parts). Each part leaves several MB of large strings and buffers (the part's HTML,
 * the PDF bytes from the browser, the parsed part) that V8 collects only in a major GC, and V8
 * lets the heap grow well past the live data before it runs one: the app's peak memory then grew
 * with the number of parts (bench/README.md, reports). One collection per part costs ~20–40 ms
 * against seconds of printing. `gc` is exposed at run time (the app's command line is not ours
 * to change in Electron); where that is refused, this does nothing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void; // V8's gc(), exposed by the flag just set
    } catch {
      gc = null;
    }
  }
  gc?.();
}
