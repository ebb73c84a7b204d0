import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Runs a command on a fresh pseudo-terminal (Python's pty module drives
 * it): what is written to `input` reaches the command as typed keys, its
 * terminal output arrives on `output()`. For programs that refuse to run
 * without a TTY, such as virsh console.
 */
export interface PtyRun {
  proc: ChildProcess;
  /** Everything the command printed so far, as latin1 text. */
  output(): string;
  type(text: string): void;
  /** Resolves with the exit status once the command has ended. */
  exited: Promise<number>;
  /** Ends the relay and the command (one process group). */
  kill(): void;
}

/**
 * The line libvirt's client prints at a terminal when it opens a remote URI
 * and no polkit agent can start (this machine runs no polkit): it comes
 * from virsh's side, whatever the server, and is left out of comparisons.
 */
export const withoutPolkitNotice = (text: string) => text.replace(/^Authorization not available\. Check if polkit service is running[^\n]*\n/m, '');

const RELAY = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
stdin_open = True
while True:
    r = [fd] + ([0] if stdin_open else [])
    ready, _, _ = select.select(r, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) & 0xff)
`;

export function ptyRun(argv: string[], env: NodeJS.ProcessEnv = process.env): PtyRun {
  const proc = spawn('/usr/bin/python3', ['-c', RELAY, ...argv], { env: { ...env, TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'inherit'], detached: true });
  let out = '';
  proc.stdout!.on('data', (b: Buffer) => { out += b.toString('latin1'); });
  const exited = new Promise<number>((resolve) => proc.on('exit', (code) => resolve(code ?? -1)));
  const kill = () => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return { proc, output: () => out, type: (text) => proc.stdin!.write(text), exited, kill };
}
