import fs from 'node:fs/promises';
import net from 'node:net';
import type { ProcessRunner } from '@virtkit/driver-kvm';

/**
 * A QEMU monitor on a unix socket for unit tests: QMP's greeting,
 * qmp_capabilities, query-status, query-migrate, cont, stop,
 * migrate_cancel and quit, with events sent on demand. Every command it
 * receives is recorded; anything else is answered with CommandNotFound.
 */
export class FakeQmp {
  /** Commands received, in order (qmp_capabilities included). */
  readonly commands: string[] = [];
  /** Commands received but never answered, as a hung QEMU would. */
  readonly unanswered = new Set<string>();
  private readonly clients = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    /** What query-status reports; cont and stop change it (and send RESUME / STOP). */
    public running: boolean,
    /** What query-migrate returns; migrate_cancel sets its status to 'cancelled'. */
    public migrate: Record<string, unknown>,
  ) {
    server.on('connection', (socket) => this.serve(socket));
  }

  static async listen(path: string, state: { running: boolean; migrate?: Record<string, unknown> }): Promise<FakeQmp> {
    await fs.rm(path, { force: true });
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    return new FakeQmp(server, state.running, state.migrate ?? {});
  }

  /** Sends an asynchronous event to every connected client. */
  emit(event: string, data: Record<string, unknown> = {}): void {
    const now = Date.now();
    this.send({ event, data, timestamp: { seconds: Math.floor(now / 1000), microseconds: (now % 1000) * 1000 } });
  }

  /** Ends every connection, as QEMU's exit would, and stops listening. */
  async close(): Promise<void> {
    for (const c of this.clients) c.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private send(msg: unknown): void {
    for (const c of this.clients) c.write(JSON.stringify(msg) + '\n');
  }

  private serve(socket: net.Socket): void {
    this.clients.add(socket);
    socket.on('close', () => this.clients.delete(socket));
    socket.on('error', () => {});
    socket.write(JSON.stringify({ QMP: { version: { qemu: { major: 7, minor: 2, micro: 0 }, package: 'fake' }, capabilities: ['oob'] } }) + '\n');
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line !== '') this.answer(socket, JSON.parse(line) as { execute: string; id?: unknown });
      }
    });
  }

  private answer(socket: net.Socket, msg: { execute: string; id?: unknown }): void {
    this.commands.push(msg.execute);
    if (this.unanswered.has(msg.execute)) return;
    const reply = (ret: unknown): void => { socket.write(JSON.stringify({ return: ret, id: msg.id }) + '\n'); };
    switch (msg.execute) {
      case 'qmp_capabilities':
        return reply({});
      case 'query-status':
        return reply({ status: this.running ? 'running' : 'paused', running: this.running, singlestep: false });
      case 'query-migrate':
        return reply(this.migrate);
      case 'migrate_cancel':
        this.migrate = { ...this.migrate, status: 'cancelled' };
        return reply({});
      case 'cont':
        reply({});
        if (!this.running) {
          this.running = true;
          this.emit('RESUME');
        }
        return;
      case 'stop':
        reply({});
        if (this.running) {
          this.running = false;
          this.emit('STOP');
        }
        return;
      case 'quit':
        reply({});
        socket.end();
        return;
      default:
        socket.write(JSON.stringify({ error: { class: 'CommandNotFound', desc: `The command ${msg.execute} has not been found` }, id: msg.id }) + '\n');
    }
  }
}

/**
 * A ProcessRunner whose processes are entries of `processes` (pid → argv):
 * listed ones run, a signal ends them. It spawns and probes nothing.
 */
export function fakeProcessRunner(processes: Map<number, string[]>): ProcessRunner & { signals: Array<[number, string]> } {
  const signals: Array<[number, string]> = [];
  return {
    signals,
    spawn() {
      throw new Error('the fake process runner spawns nothing');
    },
    async run() {
      throw new Error('the fake process runner runs nothing');
    },
    state: (pid) => (processes.has(pid) ? 'running' : 'gone'),
    commandLine: (pid) => processes.get(pid),
    signal(pid, signal) {
      signals.push([pid, signal]);
      return processes.delete(pid);
    },
    cpuTimeNs: () => 0n,
  };
}
