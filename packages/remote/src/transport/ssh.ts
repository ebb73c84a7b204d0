import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import { ErrorCode, uriParam, type VirtUri } from '@virtkit/core';
import { remoteFail, rpcFail } from '../errors.js';

/**
 * How `DRIVER+ssh://` reaches the far daemon, as libvirt's remote driver
 * (virNetClientNewSSH) does it: the system OpenSSH client runs a command on
 * the remote host that joins its stdin/stdout to the daemon's unix socket.
 * Running OpenSSH itself means ~/.ssh/config, the agent, ProxyJump and
 * known_hosts work as they do for the user's own ssh.
 */
export interface SshCommand {
  /** The ssh binary (`command=`). Default "ssh", from PATH. */
  binary: string;
  /** Its arguments, the remote command last. */
  args: string[];
}

/** What runs on the far host (`proxy=`): libvirt's auto, netcat (nc only) or native (the helper only). */
export type SshProxy = 'auto' | 'netcat' | 'native';

/**
 * The helper virtkitd ships for the far end of an ssh connection (libvirt's
 * virt-ssh-helper role): `virtkitd ssh-helper [-r] [--socket PATH] URI`.
 */
export const SSH_HELPER = 'virtkitd';

/** A string as one word for the POSIX shell: in single quotes, a quote written as '\''. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `sh -c SCRIPT` as the far login shell must receive it. */
function shellCommand(script: string): string {
  return `sh -c ${shellQuote(script)}`;
}

/** The bool URI parameters libvirt reads as "0" / "1". */
function flag(uri: VirtUri, name: string): boolean {
  const v = uriParam(uri, name);
  if (v === undefined || v === '0') return false;
  if (v === '1') return true;
  throw remoteFail(ErrorCode.INVALID_ARG, `the '${name}' parameter must be 0 or 1, not '${v}'`);
}

function proxyOf(uri: VirtUri): SshProxy {
  const v = uriParam(uri, 'proxy') ?? 'auto';
  if (v === 'auto' || v === 'netcat' || v === 'native') return v;
  throw remoteFail(ErrorCode.INVALID_ARG, `unknown proxy '${v}' (want auto, netcat or native)`);
}

/**
 * The remote command, as libvirt's virNetClientSSHHelperCommand builds it:
 * the helper when it is on the far PATH (auto) else `nc -U SOCKET`, with
 * `-q0` when that nc needs it to exit once its stdin ends.
 */
export function remoteProxyCommand(proxy: SshProxy, o: { netcat: string; socket: string; socketGiven: boolean; serverUri: string; readonly: boolean }): string {
  const helper = `${SSH_HELPER} ssh-helper${o.readonly ? ' -r' : ''}${o.socketGiven ? ` --socket ${shellQuote(o.socket)}` : ''} ${shellQuote(o.serverUri)}`;
  const nc = shellQuote(o.netcat);
  const netcat = `if ${nc} -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; exec ${nc} $ARG -U ${shellQuote(o.socket)}`;
  if (proxy === 'native') return shellCommand(`exec ${helper}`);
  if (proxy === 'netcat') return shellCommand(netcat);
  return shellCommand(`if command -v ${SSH_HELPER} >/dev/null 2>&1; then exec ${helper}; else ${netcat}; fi`);
}

/**
 * The ssh command line for an ssh URI (pure). `socket` is the far daemon's
 * socket (the `socket=` parameter or libvirt's default), `serverUri` the name
 * CONNECT_OPEN will carry (the helper is told it, as virt-ssh-helper is).
 * URI parameters, as libvirt's: keyfile (-i), no_tty (-T, BatchMode, no
 * escape character), no_verify (StrictHostKeyChecking=no), known_hosts
 * (UserKnownHostsFile), netcat (the far nc binary), proxy, command (the ssh
 * binary); the user (-l) and port (-p) from the URI.
 */
export function sshCommand(uri: VirtUri, o: { socket: string; serverUri: string; readonly: boolean }): SshCommand {
  if (uri.host === undefined || uri.host === '') throw remoteFail(ErrorCode.INVALID_ARG, "transport 'ssh' needs a host");
  const args: string[] = [];
  if (uri.port !== undefined) args.push('-p', String(uri.port));
  if (uri.user !== undefined && uri.user !== '') args.push('-l', uri.user);
  const keyfile = uriParam(uri, 'keyfile');
  if (keyfile !== undefined) args.push('-i', keyfile);
  const knownHosts = uriParam(uri, 'known_hosts');
  if (knownHosts !== undefined) args.push('-o', `UserKnownHostsFile=${knownHosts}`);
  if (flag(uri, 'no_tty')) args.push('-T', '-o', 'BatchMode=yes', '-e', 'none');
  if (flag(uri, 'no_verify')) args.push('-o', 'StrictHostKeyChecking=no');
  const proxy = proxyOf(uri);
  const netcat = uriParam(uri, 'netcat');
  const socketGiven = uriParam(uri, 'socket') !== undefined;
  args.push('--', uri.host, remoteProxyCommand(netcat !== undefined && proxy === 'auto' ? 'netcat' : proxy, { netcat: netcat ?? 'nc', socket: o.socket, socketGiven, serverUri: o.serverUri, readonly: o.readonly }));
  return { binary: uriParam(uri, 'command') ?? 'ssh', args };
}

/** Environment passed to ssh, as libvirt's virCommandAddEnvPassCommon plus the agent, Kerberos and askpass. */
const SSH_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TMPDIR', 'SSH_AUTH_SOCK', 'SSH_ASKPASS', 'KRB5CCNAME', 'DISPLAY', 'XAUTHORITY'];

/** The most of ssh's stderr kept for the error message. */
const STDERR_MAX = 4096;

/**
 * The byte stream of a running ssh command: writes go to its stdin, its
 * stdout is read. It ends when ssh exits; `stderr()` is what ssh said, which
 * libvirt puts in the end-of-file error ("Host key verification failed.").
 * Destroying it ends ssh's stdin and terminates ssh.
 */
export class SshStream extends Duplex {
  private errText = '';

  private constructor(private readonly child: ReturnType<typeof spawn>) {
    super();
    child.stderr!.on('data', (c: Buffer) => {
      if (this.errText.length < STDERR_MAX) this.errText += c.toString();
    });
    child.stdout!.on('data', (c: Buffer) => {
      if (!this.push(c)) child.stdout!.pause();
    });
    child.stdin!.on('error', () => {});
    // 'close' comes after stdout and stderr are drained, so stderr() is complete by then.
    child.once('close', () => {
      this.push(null);
      this.destroy();
    });
  }

  /** Spawns ssh; rejects when the binary cannot be run. */
  static open(cmd: SshCommand): Promise<SshStream> {
    const env = Object.fromEntries(SSH_ENV.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
    return new Promise((resolve, reject) => {
      const child = spawn(cmd.binary, cmd.args, { stdio: ['pipe', 'pipe', 'pipe'], env });
      child.once('error', (e) => reject(rpcFail(ErrorCode.SYSTEM_ERROR, `Cannot run '${cmd.binary}': ${e.message}`, e)));
      child.once('spawn', () => resolve(new SshStream(child)));
    });
  }

  /** What ssh wrote on stderr, trimmed. */
  stderr(): string {
    return this.errText.trim();
  }

  override _read(): void {
    this.child.stdout!.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    // A write to an ssh that has gone fails; its exit then ends the stream as end of file, as libvirt reports it.
    this.child.stdin!.write(chunk, () => cb());
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.child.stdin!.end(cb);
  }

  override _destroy(e: Error | null, cb: (e?: Error | null) => void): void {
    this.child.stdin!.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    cb(e);
  }
}
