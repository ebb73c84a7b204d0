import type { CliCommand } from './command.js';
import { define, create, undefine, start, shutdown, destroy, suspend, resume } from './domain-lifecycle.js';
import { list, dominfo, domstate, dumpxml } from './domain-query.js';
import { domjobinfo, domjobabort } from './jobs.js';
import { uri, hostname, version, capabilities, nodeinfo, connect } from './host.js';
import { migrate } from './migrate.js';
import { MIGRATE_TUNING_COMMANDS } from './migrate-tuning.js';
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
import { reboot, reset, autostart, domtime } from './domain-control.js';
import { setmem, setmaxmem, setvcpus, vcpucount } from './domain-resources.js';
import { managedsave, managedsaveRemove } from './managed-save.js';
import { desc, metadata } from './metadata.js';
import { schedinfo } from './schedinfo.js';
import { domblkstat, domifstat, dommemstat, domstats } from './domain-stats.js';
import { screenshot, sendKey } from './screen.js';
import { consoleCmd } from './console.js';
import { domiflist, domblklist, attachDevice, detachDevice, updateDevice } from './devices.js';
import { event } from './event.js';
import { qemuMonitorCommand, qemuMonitorEvent } from './qemu-monitor.js';
import { netEvent, poolEvent } from './object-events.js';

/** Every command, by virsh's name. */
export const COMMANDS: ReadonlyMap<string, CliCommand> = new Map(
  [list, dominfo, domstate, dumpxml, define, create, undefine, start, shutdown, destroy, suspend, resume, migrate, domjobinfo, domjobabort, capabilities, nodeinfo, uri, version, hostname, connect, domxmlToNative, domxmlFromNative, save, restore,
    netList, netDefine, netCreate, netStart, netDestroy, netUndefine, netDumpxml, netAutostart, netInfo, netDhcpLeases, netUpdate, domifaddr, ...STORAGE_COMMANDS,
    ...SNAPSHOT_COMMANDS, ...INTERFACE_COMMANDS, ...NODE_DEVICE_COMMANDS, ...SECRET_COMMANDS, ...NWFILTER_COMMANDS, ...CHECKPOINT_COMMANDS,
    reboot, reset, autostart, domtime, setmem, setmaxmem, setvcpus, vcpucount, managedsave, managedsaveRemove, desc, metadata, schedinfo,
    domblkstat, domifstat, dommemstat, domstats, domiflist, domblklist, attachDevice, detachDevice, updateDevice, event, qemuMonitorCommand, qemuMonitorEvent,
    screenshot, sendKey, consoleCmd, netEvent, poolEvent, ...MIGRATE_TUNING_COMMANDS]
    .map((c) => [c.name, c]),
);
