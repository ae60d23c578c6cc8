/** `safetynet import|export|backup|restore` — filled by the exchange module. */
export async function runExchangeCli(cmd: string, _argv: string[]): Promise<number> {
  process.stderr.write(`${cmd}: not available yet\n`);
  return 1;
}
