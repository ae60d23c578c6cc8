/** The command line's effects, in memory (tests/unit/temporary). */
import { type TemporaryIo } from '../../../src-main/cli/temporary';
import { DEMO_PARAMETERS, withChanges, type DatedValue, type ParameterId } from '../../../src-main/common/parameters';
import { shippedTemporaryParameters } from '../../../src-main/temporary/parameters';

export function cliIo(files: Record<string, string>, changes: (DatedValue & { id: ParameterId })[] = []) {
  const out = { stdout: '', stderr: '' };
  const io: TemporaryIo = {
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
      return files[p];
    },
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    today: '2026-12-07',
    locale: 'zh-CN',
    // `--db` stands for an office whose parameter store holds the golden case's changes.
    officeParameters: async () => ({ history: withChanges(DEMO_PARAMETERS, changes), temporary: shippedTemporaryParameters() }),
  };
  return { io, out };
}
