/** Runs `pulse ...` in-process with captured output, as the real executable would. */
import { runCli } from '../../src/main/run-cli.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runPulse(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string>; untilShutdown?: () => Promise<string> },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: { LOG_LEVEL: 'silent', ...options.env },
    cwd: options.cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
    version: '0.0.0-test',
    untilShutdown: options.untilShutdown ?? (() => Promise.resolve('test')),
  });
  return { code, stdout, stderr };
}
