import { execFileSync } from 'node:child_process';

/**
 * Puts the terminal on stdin in raw mode as virsh's console does
 * (cfmakeraw: no echo, no line editing, no signals, and no output
 * processing, so the guest's "\r\n" reaches the screen unchanged; libuv's
 * raw mode keeps ONLCR, which would double the carriage returns). Returns
 * the restore. stty reads and sets the settings of the terminal it is given
 * as stdin.
 */
export function makeStdinRaw(): () => void {
  const saved = execFileSync('stty', ['-g'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'latin1' }).trim();
  execFileSync('stty', ['raw', '-echo'], { stdio: ['inherit', 'ignore', 'inherit'] });
  return () => { execFileSync('stty', [saved], { stdio: ['inherit', 'ignore', 'inherit'] }); };
}
