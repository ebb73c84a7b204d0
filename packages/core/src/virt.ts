import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { Connection } from './connection.js';
import { ErrorCode, ErrorDomain, VirtError } from './errors.js';
import { DriverRegistry } from './registry.js';
import { checkPlugin, loadPlugin, pluginSpecifiersFromEnv, type VirtPlugin } from './plugin.js';
import { createStderrLogger, systemClock } from './services.js';
import { Clock, Logger } from './tokens.js';
import { formatUri, parseUri } from './uri.js';

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
      if (!known.has(k)) throw new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.NONE, message: `invalid argument: unknown Virt option '${k}'` });
    }
    const container = rootContainer.createChildContainer();
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
        throw new VirtError({ code: ErrorCode.OPERATION_FAILED, domain: ErrorDomain.NONE, message: `plugin '${plugin.name}' failed to register: ${(e as Error).message}`, cause: e });
      }
      plugins.push(plugin);
    }
    return new Virt(container, registry, plugins);
  }

  /** Opens a connection: the first driver that claims the URI's scheme and does not decline. */
  async connect(uri: string, options: ConnectOptions = {}): Promise<Connection> {
    if (this.disposed) throw new VirtError({ code: ErrorCode.INVALID_CONN, domain: ErrorDomain.NONE, message: 'invalid connection pointer: this Virt instance is disposed' });
    const parsed = parseUri(uri);
    const { driver, connection } = await this.registry.open(parsed, { readonly: !!options.readonly });
    const conn = new Connection(formatUri(parsed), connection, driver, !!options.readonly, (c) => this.connections.delete(c));
    this.connections.add(conn);
    return conn;
  }

  /** Closes every open connection and the container. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.allSettled([...this.connections].map((c) => c.close()));
    await this.container.dispose();
  }
}
