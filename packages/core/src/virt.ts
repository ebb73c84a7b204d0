import 'reflect-metadata';
import { container as globalContainer, type DependencyContainer } from 'tsyringe';
import type { ConnectAuthCallback } from './auth.js';
import { Connection } from './connection.js';
import { ErrorCode, ErrorDomain, VirtError, errorReporter } from './errors.js';
import { DriverRegistry } from './registry.js';
import { checkPlugin, loadPlugin, pluginSpecifiersFromEnv, type VirtPlugin } from './plugin.js';
import { createStderrLogger, systemClock } from './services.js';
import { Clock, Logger, resolveToken } from './tokens.js';
import { formatUri, parseUri } from './uri.js';
import { sharedXmlParsePool } from './xml/parse-pool.js';

const fail = errorReporter(ErrorDomain.NONE);

/** A container without a parent (tsyringe exports only its global instance, whose class makes parentless ones). */
function newRootContainer(): DependencyContainer {
  const Ctor = globalContainer.constructor as new (parent?: DependencyContainer) => DependencyContainer;
  return new Ctor(undefined);
}

export interface VirtOptions {
  /** Plugin values, or module specifiers to import. Registered in order. */
  plugins?: Array<VirtPlugin | string>;
  /** Also load the plugins named in VIRTKIT_PLUGINS. Default true. */
  envPlugins?: boolean;
  /** Environment to read VIRTKIT_PLUGINS from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Replacements for the default services. */
  clock?: Clock;
  logger?: Logger;
}

export interface ConnectOptions {
  readonly?: boolean;
  /** Credentials for connections that authenticate, e.g. a remote daemon with SASL (libvirt's virConnectOpenAuth). */
  auth?: ConnectAuthCallback;
  /** Open it as the peer of a peer-to-peer migration (OpenOptions.migrationPeer): what a source host's connection to the destination is. */
  migrationPeer?: boolean;
}

/**
 * The composition root: one DI container and one driver registry per
 * instance, so two Virt instances in one process share nothing.
 */
export class Virt {
  private readonly connections = new Set<Connection>();
  private disposed = false;

  private constructor(
    readonly container: DependencyContainer,
    readonly registry: DriverRegistry,
    readonly plugins: readonly VirtPlugin[],
  ) {}

  static async create(options: VirtOptions = {}): Promise<Virt> {
    const known = new Set(['plugins', 'envPlugins', 'env', 'clock', 'logger']);
    for (const k of Object.keys(options)) {
      if (!known.has(k)) throw fail(ErrorCode.INVALID_ARG, `unknown Virt option '${k}'`);
    }
    // A container of its own, not a child of tsyringe's global one: nothing registered globally leaks in.
    const container = newRootContainer();
    const registry = new DriverRegistry();
    container.registerInstance(DriverRegistry, registry);
    container.registerInstance(Clock, options.clock ?? systemClock);
    container.registerInstance(Logger, options.logger ?? createStderrLogger());
    const specs = [...(options.plugins ?? [])];
    if (options.envPlugins !== false) specs.push(...pluginSpecifiersFromEnv(options.env));
    const plugins: VirtPlugin[] = [];
    for (const spec of specs) {
      const plugin = typeof spec === 'string' ? await loadPlugin(spec) : checkPlugin(spec, `'${(spec as VirtPlugin)?.name ?? '?'}'`);
      if (plugins.some((p) => p.name === plugin.name)) continue;
      try {
        await plugin.register(registry, container);
      } catch (e) {
        throw fail(ErrorCode.OPERATION_FAILED, `plugin '${plugin.name}' failed to register: ${(e as Error).message}`, e);
      }
      plugins.push(plugin);
    }
    return new Virt(container, registry, plugins);
  }

  /** Opens a connection: the first driver that claims the URI's scheme and does not decline. */
  async connect(uri: string, options: ConnectOptions = {}): Promise<Connection> {
    if (this.disposed) throw fail(ErrorCode.INVALID_CONN, 'a disposed Virt instance');
    const parsed = parseUri(uri);
    const { driver, connection } = await this.registry.open(parsed, { readonly: !!options.readonly, auth: options.auth, migrationPeer: !!options.migrationPeer });
    const services = { clock: resolveToken(this.container, Clock), logger: resolveToken(this.container, Logger), connect: (peer: string) => this.connect(peer, { migrationPeer: true }) };
    const conn = new Connection(formatUri(parsed), connection, driver, !!options.readonly, services, (c) => this.connections.delete(c));
    this.connections.add(conn);
    return conn;
  }

  /** Closes every open connection and the container, and stops the XML parse workers. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.allSettled([...this.connections].map((c) => c.close()));
    await this.container.dispose();
    await sharedXmlParsePool().close();
  }
}
