import { expect } from 'chai';
import {
  AgentLifecycleReason, AgentLifecycleState, DomainEventId, IoErrorAction, MemoryFailureAction, MemoryFailureFlags, MemoryFailureRecipient,
  TrayChangeReason, WatchdogAction, parseDomainXml,
} from '@virtkit/core';
import { domainEventsOfQmp, ioErrorEvents, type QmpEvent } from '@virtkit/driver-kvm';

const domain = { name: 'q', uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0', id: 1 };
const def = parseDomainXml(`<domain type='qemu'><name>q</name><memory>65536</memory><os><type>hvm</type></os><devices>
  <channel type='unix'><target type='virtio' name='org.qemu.spice'/></channel>
  <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
</devices></domain>`);
const qmp = (event: string, data: Record<string, unknown> = {}): QmpEvent => ({ event, data, timestamp: { seconds: 0, microseconds: 0 } });
const of = (event: string, data?: Record<string, unknown>) => domainEventsOfQmp(qmp(event, data), domain, def);

/** The events libvirt's QEMU driver derives from monitor events (qemuProcessHandle*), for those a test guest cannot be made to cause. */
describe('QMP events as libvirt domain events', () => {
  it('maps RTC, watchdog, tray, balloon and power-management events with libvirt units and enums', () => {
    expect(of('RTC_CHANGE', { offset: -7200, 'qom-path': '/machine/unattached/device[17]' })).to.deep.equal([{ id: DomainEventId.RTC_CHANGE, domain, offset: -7200 }]);
    expect(of('WATCHDOG', { action: 'inject-nmi' })).to.deep.equal([{ id: DomainEventId.WATCHDOG, domain, action: WatchdogAction.INJECTNMI }]);
    expect(of('WATCHDOG', { action: 'poweroff' })[0]).to.deep.include({ action: WatchdogAction.POWEROFF });
    expect(of('DEVICE_TRAY_MOVED', { device: '', id: '/machine/peripheral/ide0-1-0/unattached', 'tray-open': true }))
      .to.deep.equal([{ id: DomainEventId.TRAY_CHANGE, domain, devAlias: 'ide0-1-0', reason: TrayChangeReason.OPEN }]);
    expect(of('DEVICE_TRAY_MOVED', { device: '', id: 'sata0-0-2', 'tray-open': false })[0]).to.deep.include({ devAlias: 'sata0-0-2', reason: TrayChangeReason.CLOSE });
    expect(of('BALLOON_CHANGE', { actual: 134217728 })).to.deep.equal([{ id: DomainEventId.BALLOON_CHANGE, domain, actual: 131072 }]);
    expect(of('SUSPEND').map((e) => e.id)).to.deep.equal([DomainEventId.PMSUSPEND]);
    expect(of('SUSPEND_DISK').map((e) => e.id)).to.deep.equal([DomainEventId.PMSUSPEND_DISK]);
    expect(of('WAKEUP').map((e) => e.id)).to.deep.equal([DomainEventId.PMWAKEUP]);
    expect(of('MIGRATION_PASS', { pass: 3 })).to.deep.equal([{ id: DomainEventId.MIGRATION_ITERATION, domain, iteration: 3 }]);
  });

  it('maps memory failures, unplug errors, memory device sizes and the guest agent channel', () => {
    expect(of('MEMORY_FAILURE', { recipient: 'guest', action: 'inject', flags: { 'action-required': true, recursive: false } }))
      .to.deep.equal([{ id: DomainEventId.MEMORY_FAILURE, domain, recipient: MemoryFailureRecipient.GUEST, action: MemoryFailureAction.INJECT, flags: MemoryFailureFlags.ACTION_REQUIRED }]);
    expect(of('DEVICE_UNPLUG_GUEST_ERROR', { device: 'virtio-disk1', path: '/machine/peripheral/virtio-disk1' }))
      .to.deep.equal([{ id: DomainEventId.DEVICE_REMOVAL_FAILED, domain, devAlias: 'virtio-disk1' }]);
    expect(of('MEMORY_DEVICE_SIZE_CHANGE', { id: 'virtiomem0', size: 2147483648, 'qom-path': '/machine/peripheral/virtiomem0' }))
      .to.deep.equal([{ id: DomainEventId.MEMORY_DEVICE_SIZE_CHANGE, domain, alias: 'virtiomem0', size: 2097152 }]);
    // channel1 is the agent's port; channel0 (spice) has no lifecycle event
    expect(of('VSERPORT_CHANGE', { id: 'channel1', open: true }))
      .to.deep.equal([{ id: DomainEventId.AGENT_LIFECYCLE, domain, state: AgentLifecycleState.CONNECTED, reason: AgentLifecycleReason.CHANNEL }]);
    expect(of('VSERPORT_CHANGE', { id: 'channel1', open: false })[0]).to.deep.include({ state: AgentLifecycleState.DISCONNECTED });
    expect(of('VSERPORT_CHANGE', { id: 'channel0', open: true })).to.deep.equal([]);
  });

  it('gives nothing for events libvirt does not report and for malformed data', () => {
    for (const e of ['NIC_RX_FILTER_CHANGED', 'POWERDOWN', 'GUEST_PANICKED_UNKNOWN']) expect(of(e, {})).to.deep.equal([]);
    expect(of('WATCHDOG', { action: 'explode' })).to.deep.equal([]);
    expect(of('RTC_CHANGE', { offset: 'soon' })).to.deep.equal([]);
    expect(of('VSERPORT_CHANGE', { id: 'channel7', open: true })).to.deep.equal([]);
  });

  it('reports a block I/O error twice, as libvirt does, with "enospc" only when QEMU says the host is out of space', () => {
    const disk = { srcPath: '/img/a.raw', devAlias: 'virtio-disk0' };
    const full = ioErrorEvents(qmp('BLOCK_IO_ERROR', { device: '', 'node-name': 'libvirt-1-storage', operation: 'write', action: 'stop', nospace: true, reason: 'No space left on device' }), domain, disk);
    expect(full.pauses).to.equal(true);
    expect(full.events).to.deep.equal([
      { id: DomainEventId.IO_ERROR, domain, ...disk, action: IoErrorAction.PAUSE },
      { id: DomainEventId.IO_ERROR_REASON, domain, ...disk, action: IoErrorAction.PAUSE, reason: 'enospc' },
    ]);
    const eio = ioErrorEvents(qmp('BLOCK_IO_ERROR', { device: '', 'node-name': 'libvirt-1-storage', operation: 'read', action: 'report', nospace: false, reason: 'Input/output error' }), domain, disk);
    expect(eio.pauses).to.equal(false);
    expect(eio.events[1]).to.deep.include({ action: IoErrorAction.REPORT, reason: '' });
  });
});
