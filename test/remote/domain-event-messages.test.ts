import { expect } from 'chai';
import {
  AgentLifecycleReason, AgentLifecycleState, BlockJobStatus, BlockJobType, DiskChangeReason, DomainEventId, GraphicsAddressFamily, GraphicsPhase,
  IoErrorAction, MemoryFailureAction, MemoryFailureFlags, MemoryFailureRecipient, MetadataType, TrayChangeReason, WatchdogAction, type DomainEvent,
} from '@virtkit/core';
import { DOMAIN_EVENT_IDS, decodeWith, domainEventDecoders, domainEventMessage, EventMsg } from '@virtkit/remote';

const domain = { name: 'ev', uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0', id: 3 };

/** One event of every id, each field set to something other than its zero value. */
const SAMPLES: DomainEvent[] = [
  { id: DomainEventId.REBOOT, domain },
  { id: DomainEventId.RTC_CHANGE, domain, offset: -3600 },
  { id: DomainEventId.WATCHDOG, domain, action: WatchdogAction.INJECTNMI },
  { id: DomainEventId.IO_ERROR, domain, srcPath: '/img/a.qcow2', devAlias: 'virtio-disk0', action: IoErrorAction.REPORT },
  { id: DomainEventId.GRAPHICS, domain, phase: GraphicsPhase.INITIALIZE, local: { family: GraphicsAddressFamily.IPV4, node: '127.0.0.1', service: '5900' }, remote: { family: GraphicsAddressFamily.IPV6, node: '::1', service: '40000' }, authScheme: 'vnc', subject: [{ type: 'x509dname', name: 'CN=client' }] },
  { id: DomainEventId.IO_ERROR_REASON, domain, srcPath: '/img/a.qcow2', devAlias: 'virtio-disk0', action: IoErrorAction.PAUSE, reason: 'enospc' },
  { id: DomainEventId.CONTROL_ERROR, domain },
  { id: DomainEventId.BLOCK_JOB, domain, path: '/img/a.qcow2', type: BlockJobType.COPY, status: BlockJobStatus.READY },
  { id: DomainEventId.DISK_CHANGE, domain, oldSrcPath: '/img/old.iso', newSrcPath: undefined, devAlias: 'ide0-1-0', reason: DiskChangeReason.DROP_MISSING_ON_START },
  { id: DomainEventId.TRAY_CHANGE, domain, devAlias: 'ide0-1-0', reason: TrayChangeReason.CLOSE },
  { id: DomainEventId.PMWAKEUP, domain, reason: 0 },
  { id: DomainEventId.PMSUSPEND, domain, reason: 0 },
  { id: DomainEventId.BALLOON_CHANGE, domain, actual: 524288 },
  { id: DomainEventId.PMSUSPEND_DISK, domain, reason: 0 },
  { id: DomainEventId.DEVICE_REMOVED, domain, devAlias: 'net1' },
  { id: DomainEventId.BLOCK_JOB_2, domain, path: 'vda', type: BlockJobType.ACTIVE_COMMIT, status: BlockJobStatus.FAILED },
  { id: DomainEventId.TUNABLE, domain, params: { 'cputune.vcpu_period': 100000, 'cputune.emulatorpin': '0-1' } },
  { id: DomainEventId.AGENT_LIFECYCLE, domain, state: AgentLifecycleState.CONNECTED, reason: AgentLifecycleReason.CHANNEL },
  { id: DomainEventId.DEVICE_ADDED, domain, devAlias: 'virtio-disk1' },
  { id: DomainEventId.MIGRATION_ITERATION, domain, iteration: 4 },
  { id: DomainEventId.JOB_COMPLETED, domain, params: { operation: 5, time_elapsed: 1234, memory_total: 268435456, success: true } },
  { id: DomainEventId.DEVICE_REMOVAL_FAILED, domain, devAlias: 'virtio-disk1' },
  { id: DomainEventId.METADATA_CHANGE, domain, type: MetadataType.ELEMENT, nsuri: 'http://example.org/ns' },
  { id: DomainEventId.BLOCK_THRESHOLD, domain, dev: 'vda[1]', path: '/img/a.qcow2', threshold: 1 << 30, excess: 4096 },
  { id: DomainEventId.MEMORY_FAILURE, domain, recipient: MemoryFailureRecipient.GUEST, action: MemoryFailureAction.INJECT, flags: MemoryFailureFlags.ACTION_REQUIRED },
  { id: DomainEventId.MEMORY_DEVICE_SIZE_CHANGE, domain, alias: 'virtiomem0', size: 1048576 },
  { id: DomainEventId.NIC_MAC_CHANGE, domain, alias: 'net0', oldMAC: '52:54:00:00:00:01', newMAC: '52:54:00:00:00:02' },
];

describe('domain event messages: one table for the daemon and the client', () => {
  it('has a message for every virDomainEventID but LIFECYCLE, and the samples cover them all', () => {
    expect(DOMAIN_EVENT_IDS).to.deep.equal(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(SAMPLES.map((e) => e.id)).to.deep.equal(DOMAIN_EVENT_IDS);
  });

  it('decodes what it encodes, field for field, for every event id', () => {
    const decoders = new Map(domainEventDecoders().map((d) => [d.proc, d]));
    for (const e of SAMPLES) {
      const m = domainEventMessage(17, e);
      const d = decoders.get(m.proc)!;
      expect(d.id, `event ${e.id}`).to.equal(e.id);
      expect(d.decode(m.body), `event ${e.id}`).to.deep.equal(e);
    }
  });

  it('puts the callback id where libvirt puts it: first in the body, in the message libvirt uses for the id', () => {
    const rtc = domainEventMessage(42, SAMPLES[1]);
    expect(rtc.proc).to.equal(EventMsg.DOMAIN_EVENT_CALLBACK_RTC_CHANGE.proc);
    expect(rtc.body.readUInt32BE(0)).to.equal(42);
    const decoded = decodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_RTC_CHANGE.msg, rtc.body, 'rtc');
    expect(decoded.msg.offset).to.equal(-3600n);
    expect(domainEventMessage(42, SAMPLES[15]).proc).to.equal(EventMsg.DOMAIN_EVENT_BLOCK_JOB_2.proc);
    // job statistics keep libvirt's types: operation is an int, the byte counts unsigned long longs
    const job = decodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_JOB_COMPLETED.msg, domainEventMessage(1, SAMPLES[20]).body, 'job');
    expect(job.params.find((p) => p.field === 'operation')!.value).to.deep.equal({ type: 1, i: 5 });
    expect(job.params.find((p) => p.field === 'memory_total')!.value.type).to.equal(4);
  });
});
