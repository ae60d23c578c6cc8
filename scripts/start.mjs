// `npm start`: the Electron app where its binary is present; otherwise (as on machines that
// cannot download it) the loopback host on the same data folder, printing the address to open.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args, opts = {}) => spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...opts });

if (electronBinary(root)) {
  run(bin('electron-vite'), ['preview']).on('exit', (c) => process.exit(c ?? 0));
} else {
  console.log(
    'No Electron binary in node_modules/electron/dist: starting the loopback host instead (open the address below in a browser).',
  );
  const built = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const { register } = await import('tsx/esm/api');
  register();
  const { userDataDir, DB_FILE_NAME } = await import('../src-main/shared/data-dir.ts');
  const db = path.join(userDataDir(), DB_FILE_NAME);
  const args = [path.join(root, 'bin', 'safetynet.mjs'), 'serve', '--db', db];
  if (process.env.SAFETYNET_PORT) args.push('--port', process.env.SAFETYNET_PORT);
  run(process.execPath, args).on('exit', (c) => process.exit(c ?? 0));
}
