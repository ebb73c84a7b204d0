import { expect } from 'chai';
import { ErrorDomain } from '@virtkit/core';
import {
  decodeWith, encodeWith, HIGH_PRIORITY, procedureByNumber, QEMU_PROGRAM, QemuEvents, QemuProcedures, QemuProgram, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, REMOTE_PROGRAM,
  REMOTE_STRING_MAX, RemoteEvents, RemoteProcedures, RemoteProgram, remote_typed_param_value, VIR_NET_MESSAGE_MAX, type Codec, type Procedure,
} from '@virtkit/remote';
import { thrown } from './helpers/expect-error.js';
import { zeroBody } from './helpers/zero-body.js';

const calls = Object.values(RemoteProcedures) as Procedure<unknown, unknown>[];
const qemuCalls = Object.values(QemuProcedures) as Procedure<unknown, unknown>[];

describe('remote protocol: the generated procedure table', () => {
  it("has libvirt's numbers, as remote_protocol.x and qemu_protocol.x give them", () => {
    // From the .x text: REMOTE_PROC_CONNECT_OPEN = 1, ..._DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS = 304,
    // ..._DOMAIN_MIGRATE_PERFORM3_PARAMS = 305, ..._CONNECT_LIST_ALL_NETWORKS = 283, ..._DOMAIN_EVENT_NIC_MAC_CHANGE = 453.
    expect(RemoteProcedures.CONNECT_OPEN.proc).to.equal(1);
    expect(RemoteProcedures.DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS.proc).to.equal(304);
    expect(RemoteProcedures.DOMAIN_MIGRATE_PERFORM3_PARAMS.proc).to.equal(305);
    expect(RemoteProcedures.CONNECT_LIST_ALL_NETWORKS.proc).to.equal(283);
    expect(RemoteProcedures.DOMAIN_FD_ASSOCIATE.proc).to.equal(443);
    expect(RemoteEvents.DOMAIN_EVENT_NIC_MAC_CHANGE.proc).to.equal(453);
    expect(RemoteEvents.DOMAIN_EVENT_CALLBACK_LIFECYCLE.proc).to.equal(318);
    expect([QemuProcedures.DOMAIN_MONITOR_COMMAND.proc, QemuProcedures.DOMAIN_AGENT_COMMAND.proc, QemuEvents.DOMAIN_MONITOR_EVENT.proc]).to.deep.equal([1, 3, 6]);
    expect([RemoteProgram.program, RemoteProgram.version, REMOTE_PROGRAM, QemuProgram.program, QEMU_PROGRAM]).to.deep.equal([0x20008086, 1, 0x20008086, 0x20008087, 0x20008087]);
    expect([REMOTE_STRING_MAX, VIR_NET_MESSAGE_MAX, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX]).to.deep.equal([4194304, 33554432, 64]);
  });

  it('numbers 1 to 453 once each, calls and events together, with no gap', () => {
    const numbers = [...calls.map((p) => p.proc), ...Object.values(RemoteEvents).map((e) => e.proc)].sort((a, b) => a - b);
    expect(numbers).to.deep.equal(Array.from({ length: 453 }, (_, i) => i + 1));
    expect(calls).to.have.length(400);
    expect(procedureByNumber(318), 'an event is not a call').to.equal(undefined);
    expect(procedureByNumber(283)?.name).to.equal('CONNECT_LIST_ALL_NETWORKS');
    expect(QemuProgram.byNumber(6)).to.equal(undefined);
  });

  it('carries the facts of the annotations: writes from @acl, priority, streams, sparse flags, API names, error domains', () => {
    const p = RemoteProcedures;
    expect([p.DOMAIN_DESTROY.writes, p.DOMAIN_GET_INFO.writes, p.DOMAIN_GET_XML_DESC.writes, p.SECRET_GET_VALUE.writes, p.CONNECT_LIST_ALL_DOMAINS.writes]).to.deep.equal([true, false, false, true, false]);
    // The setter remote_protocol.x marks domain:read is refused read-only by libvirt, and so here.
    expect(p.DOMAIN_SET_SCHEDULER_PARAMETERS.writes).to.equal(true);
    expect([p.DOMAIN_DESTROY.highPriority, p.DOMAIN_MIGRATE_PERFORM3.highPriority, HIGH_PRIORITY.has('DOMAIN_LOOKUP_BY_NAME')]).to.deep.equal([true, false, true]);
    expect([p.STORAGE_VOL_UPLOAD.stream, p.STORAGE_VOL_DOWNLOAD.stream, p.DOMAIN_OPEN_CONSOLE.stream, p.DOMAIN_SCREENSHOT.stream, p.DOMAIN_GET_INFO.stream]).to.deep.equal(['write', 'read', 'read', 'read', undefined]);
    expect([p.STORAGE_VOL_UPLOAD.sparseFlag, p.STORAGE_VOL_DOWNLOAD.sparseFlag]).to.deep.equal(['VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM', 'VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM']);
    expect([p.DOMAIN_GET_XML_DESC.api, p.NETWORK_GET_DHCP_LEASES.api, p.NODE_GET_CPU_STATS.api, p.CONNECT_LIST_ALL_NWFILTERS.api, QemuProcedures.DOMAIN_AGENT_COMMAND.api])
      .to.deep.equal(['virDomainGetXMLDesc', 'virNetworkGetDHCPLeases', 'virNodeGetCPUStats', 'virConnectListAllNWFilters', 'virDomainQemuAgentCommand']);
    expect([p.DOMAIN_GET_INFO.errorDomain, p.CONNECT_LIST_ALL_NETWORKS.errorDomain, p.STORAGE_VOL_UPLOAD.errorDomain, p.DOMAIN_SNAPSHOT_NUM.errorDomain, p.NODE_GET_INFO.errorDomain, QemuProcedures.DOMAIN_MONITOR_COMMAND.errorDomain])
      .to.deep.equal([ErrorDomain.DOMAIN, ErrorDomain.NETWORK, ErrorDomain.STORAGE, 35, ErrorDomain.DOMAIN, ErrorDomain.NONE]);
  });

  it('round-trips the zero value of every argument, reply and event of both programs', () => {
    for (const p of [...calls, ...qemuCalls]) {
      for (const [part, c] of [['args', p.args], ['ret', p.ret]] as const) {
        const body = zeroBody(c);
        expect(encodeWith(c, decodeWith(c, body, `${p.name} ${part}`)).equals(body), `${p.name} ${part}`).to.equal(true);
      }
    }
    for (const e of [...Object.values(RemoteEvents), ...Object.values(QemuEvents)] as Array<{ name: string; msg: Codec<unknown> }>) {
      const body = zeroBody(e.msg);
      expect(encodeWith(e.msg, decodeWith(e.msg, body, e.name)).equals(body), e.name).to.equal(true);
    }
  });

  it('decodes a union by its discriminant and refuses one with no arm', () => {
    for (const v of [{ type: 1, i: -7 }, { type: 3, l: -(2n ** 40n) }, { type: 5, d: 0.25 }, { type: 7, s: 'x' }] as const) {
      expect(decodeWith(remote_typed_param_value, encodeWith(remote_typed_param_value, v), 'value')).to.deep.equal(v);
    }
    expect((thrown(() => decodeWith(remote_typed_param_value, Buffer.from('00000008', 'hex'), 'value')) as Error).message).to.contain('no arm for type 8');
  });
});
