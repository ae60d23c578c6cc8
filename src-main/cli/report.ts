/** `safetynet report …` — filled by the reports module. */
export async function runReportCli(_argv: string[]): Promise<number> {
  process.stderr.write('report: not available yet\n');
  return 1;
}
