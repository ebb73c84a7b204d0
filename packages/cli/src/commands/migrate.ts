import cliProgress from 'cli-progress';
import { JobType, MigrateFlags } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import type { CliCommand } from './command.js';

export const migrate: CliCommand = {
  name: 'migrate',
  summary: 'migrate domain to another host',
  configure: (c) =>
    c.argument('<domain>', 'domain name, id or uuid')
      .argument('<desturi>', 'connection URI of the destination host')
      .argument('[migrateuri]', 'migration URI, usually can be omitted')
      .argument('[dname]', 'rename to new name during migration')
      .option('--live', 'live migration')
      .option('--p2p', 'peer-2-peer migration: the source host opens desturi and runs the migration')
      .option('--offline', 'offline migration')
      .option('--persistent', 'persist VM on destination')
      .option('--undefinesource', 'undefine VM on source')
      .option('--suspend', 'do not restart the domain on the destination host')
      .option('--abort-on-error', 'abort on soft errors during migration')
      .option('--auto-converge', 'force convergence during live migration')
      .option('--postcopy', 'enable post-copy migration; switch to it using migrate-postcopy command')
      .option('--parallel', 'enable parallel migration')
      .option('--parallel-connections <num>', 'number of connections for parallel migration')
      .option('--disks-port <port>', 'port to use by target server for incoming disks migration')
      .option('--copy-storage-all', 'migration with non-shared storage with full disk copy')
      .option('--copy-storage-inc', 'migration with non-shared storage with incremental copy (same base image shared between source and destination)')
      .option('--verbose', 'display the progress of migration')
      .option('--bandwidth <MiB/s>', 'migration bandwidth limit in MiB/s')
      .option('--dname <name>', 'rename to new name during migration')
      .option('--migrateuri <uri>', 'migration URI'),
  async run(s, [name, desturi, migrateuriArg, dnameArg], o) {
    if (o.live && o.offline) throw refusedByCli('Options --live and --offline are mutually exclusive');
    let flags = 0;
    if (o.live) flags |= MigrateFlags.LIVE;
    if (o.offline) flags |= MigrateFlags.OFFLINE;
    if (o.persistent) flags |= MigrateFlags.PERSIST_DEST;
    if (o.undefinesource) flags |= MigrateFlags.UNDEFINE_SOURCE;
    if (o.suspend) flags |= MigrateFlags.PAUSED;
    if (o.abortOnError) flags |= MigrateFlags.ABORT_ON_ERROR;
    if (o.autoConverge) flags |= MigrateFlags.AUTO_CONVERGE;
    if (o.postcopy) flags |= MigrateFlags.POSTCOPY;
    if (o.parallel) flags |= MigrateFlags.PARALLEL;
    if (o.copyStorageAll) flags |= MigrateFlags.NON_SHARED_DISK;
    if (o.copyStorageInc) flags |= MigrateFlags.NON_SHARED_INC;
    let bandwidth = 0;
    if (o.bandwidth !== undefined) {
      if (!/^\d+$/.test(String(o.bandwidth))) throw refusedByCli(`Numeric value '${o.bandwidth}' for <bandwidth> option is malformed or out of range`);
      bandwidth = Number(o.bandwidth);
    }
    let parallelConnections: number | undefined;
    if (o.parallelConnections !== undefined) {
      if (!/^\d+$/.test(String(o.parallelConnections))) throw refusedByCli(`Numeric value '${o.parallelConnections}' for <parallel-connections> option is malformed or out of range`);
      parallelConnections = Number(o.parallelConnections);
    }
    let disksPort: number | undefined;
    if (o.disksPort !== undefined) {
      if (!/^\d+$/.test(String(o.disksPort))) throw refusedByCli(`Numeric value '${o.disksPort}' for <disks-port> option is malformed or out of range`);
      disksPort = Number(o.disksPort);
    }
    const dom = await s.domain(name);
    const uri = (o.migrateuri as string | undefined) ?? migrateuriArg;
    const dname = (o.dname as string | undefined) ?? dnameArg;
    if (o.p2p) {
      if (o.verbose) throw refusedByCli('Option --verbose needs a client-driven migration (without --p2p)');
      const res = await dom.migrateToUri(desturi, { flags: flags | MigrateFlags.PEER2PEER, params: { migrate_uri: uri, destination_name: dname, bandwidth: bandwidth || undefined, 'parallel.connections': parallelConnections, disks_port: disksPort } });
      const version = res?.version;
      return { text: '', json: { peer2peer: true, ...(version !== undefined ? { version } : {}), domain: dname ?? dom.name, destination: desturi } };
    }
    const dest = await s.connection(desturi);
    const bar = o.verbose ? new cliProgress.SingleBar({
      format: 'Migration: [{bar}] {percentage}% | {value}/{total} MiB',
      stream: s.io.errStream,
      noTTYOutput: !s.io.errIsTty,
      notTTYSchedule: 500,
      hideCursor: s.io.errIsTty,
    }, cliProgress.Presets.shades_classic) : undefined;
    let started = false;
    const mib = (b: number) => Math.round(b / 1048576);
    try {
      const res = await dom.migrate(dest, {
        flags,
        bandwidth,
        uri,
        dname,
        ...(parallelConnections !== undefined ? { parallelConnections } : {}),
        ...(disksPort !== undefined ? { disksPort } : {}),
        onProgress: bar && ((j) => {
          if (j.type !== JobType.UNBOUNDED && j.type !== JobType.BOUNDED) return;
          if (!started) {
            bar.start(mib(j.dataTotal), 0);
            started = true;
          }
          bar.setTotal(mib(j.dataTotal));
          bar.update(mib(j.dataProcessed));
        }),
      });
      if (bar && started) {
        bar.update(bar.getTotal());
        bar.stop();
      }
      const text = o.verbose ? `Migration: done, protocol v${res.version}; domain '${res.domain.name}' runs on ${dest.uri}\n\n` : '';
      return { text, json: { version: res.version, domain: res.domain.name, uuid: res.domain.uuid, destination: dest.uri } };
    } catch (e) {
      if (bar && started) bar.stop();
      throw e;
    }
  },
};
