import type { CliCommand } from './command.js';
import { define, create, undefine, start, shutdown, destroy, suspend, resume } from './domain-lifecycle.js';
import { list, dominfo, domstate, dumpxml } from './domain-query.js';
import { domjobinfo, domjobabort } from './jobs.js';
import { uri, hostname, version, capabilities, nodeinfo, connect } from './host.js';
import { migrate } from './migrate.js';
import { domxmlToNative, domxmlFromNative } from './domxml.js';
import { save, restore } from './save.js';
import { netList, netDefine, netCreate, netStart, netDestroy, netUndefine, netDumpxml, netAutostart, netInfo, netDhcpLeases, netUpdate, domifaddr } from './network.js';
import { STORAGE_COMMANDS } from './storage.js';
import { SNAPSHOT_COMMANDS } from './snapshot.js';
import { INTERFACE_COMMANDS } from './interface.js';
import { NODE_DEVICE_COMMANDS } from './node-device.js';
import { SECRET_COMMANDS } from './secret.js';
import { NWFILTER_COMMANDS } from './nwfilter.js';
import { CHECKPOINT_COMMANDS } from './checkpoint.js';

/** Every command, by virsh's name. */
export const COMMANDS: ReadonlyMap<string, CliCommand> = new Map(
  [list, dominfo, domstate, dumpxml, define, create, undefine, start, shutdown, destroy, suspend, resume, migrate, domjobinfo, domjobabort, capabilities, nodeinfo, uri, version, hostname, connect, domxmlToNative, domxmlFromNative, save, restore,
    netList, netDefine, netCreate, netStart, netDestroy, netUndefine, netDumpxml, netAutostart, netInfo, netDhcpLeases, netUpdate, domifaddr, ...STORAGE_COMMANDS, ...SNAPSHOT_COMMANDS, ...INTERFACE_COMMANDS, ...NODE_DEVICE_COMMANDS, ...SECRET_COMMANDS, ...NWFILTER_COMMANDS, ...CHECKPOINT_COMMANDS]
    .map((c) => [c.name, c]),
);
