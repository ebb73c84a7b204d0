import { expect } from 'chai';
import { ErrorCode, isVirtError } from '@virtkit/core';
import { applyConf, defaultConfig, parseConfText, parseTcp } from '@virtkit/remote/daemon';
import { parseUri } from '@virtkit/core';
import { endpointOf, MESSAGE_MAX, serverUriOf } from '@virtkit/remote';
import { thrown } from './helpers/expect-error.js';

describe('virtkitd configuration and remote URIs', () => {
  it('reads libvirtd.conf syntax into the daemon config', () => {
    const c = applyConf(defaultConfig(), parseConfText('# limits\nmax_clients = 7\nmax_client_requests = 2 # per client\nkeepalive_interval = -1\nplugins = ["a", "b"]\nlisten_tcp_addr = "16509"\n'));
    expect([c.maxClients, c.maxClientRequests, c.keepalive.interval, c.keepalive.count, c.plugins, c.tcp]).to.deep.equal([7, 2, -1, 5, ['a', 'b'], { host: '127.0.0.1', port: 16509 }]);
  });

  it('rejects unknown keys, bad values and bad syntax', () => {
    expect(isVirtError(thrown(() => applyConf(defaultConfig(), parseConfText('max_clientz = 1'))), ErrorCode.CONF_SYNTAX)).to.equal(true);
    expect(isVirtError(thrown(() => applyConf(defaultConfig(), parseConfText('max_clients = "many"'))), ErrorCode.CONF_SYNTAX)).to.equal(true);
    expect(isVirtError(thrown(() => applyConf(defaultConfig(), parseConfText('max_clients = 0'))), ErrorCode.CONF_SYNTAX)).to.equal(true);
    expect(isVirtError(thrown(() => parseConfText('max_clients 5')), ErrorCode.CONF_SYNTAX)).to.equal(true);
  });

  it('listens on loopback unless a host is given', () => {
    expect(parseTcp('16509')).to.deep.equal({ host: '127.0.0.1', port: 16509 });
    expect(parseTcp('[::1]:1')).to.deep.equal({ host: '::1', port: 1 });
    expect(isVirtError(thrown(() => parseTcp('host:99999')), ErrorCode.INVALID_ARG)).to.equal(true);
  });

  it('maps remote URIs to an endpoint and the name sent in CONNECT_OPEN', () => {
    const u = parseUri('test+unix:///default?socket=/tmp/s&migration=v2');
    expect(endpointOf(u, false)).to.deep.equal({ path: '/tmp/s' });
    expect(serverUriOf(u)).to.equal('test:///default?migration=v2');
    expect(endpointOf(parseUri('qemu+unix:///system'), true)).to.deep.equal({ path: '/run/libvirt/libvirt-sock-ro' });
    const t = parseUri('qemu+tcp://127.0.0.1:16600/system');
    expect(endpointOf(t, false)).to.deep.equal({ host: '127.0.0.1', port: 16600 });
    expect(serverUriOf(t)).to.equal('qemu:///system');
    expect(endpointOf(parseUri('qemu+tcp://127.0.0.1/system'), false)).to.deep.equal({ host: '127.0.0.1', port: 16509 });
    expect(serverUriOf(parseUri('test+unix:///x?name=test:///other'))).to.equal('test:///other');
    const ssh = endpointOf(parseUri('qemu+ssh://h/system'), false);
    expect('ssh' in ssh && ssh.ssh.args.slice(0, 2)).to.deep.equal(['--', 'h']);
    expect('ssh' in ssh && ssh.ssh.args[2]).to.contain("'/run/libvirt/libvirt-sock'").and.contain("'qemu:///system'");
    expect(isVirtError(thrown(() => endpointOf(parseUri('qemu+libssh2://h/system'), false)), ErrorCode.NO_SUPPORT)).to.equal(true);
    expect(endpointOf(parseUri('qemu://h/system'), false)).to.deep.equal({ tls: { host: 'h', port: 16514, pkipath: undefined, verify: true } });
    const tls = parseUri('qemu+tls://h:16600/system?pkipath=/srv/pki&no_verify=1');
    expect(endpointOf(tls, false)).to.deep.equal({ tls: { host: 'h', port: 16600, pkipath: '/srv/pki', verify: false } });
    expect(serverUriOf(tls)).to.equal('qemu:///system');
    expect(endpointOf(parseUri('qemu+tls://h/system?no_verify=0'), false)).to.deep.equal({ tls: { host: 'h', port: 16514, pkipath: undefined, verify: true } });
  });
});

describe("virtkitd configuration: libvirtd's limit names and virtkitd's own", () => {
  it('reads every limit by its libvirtd.conf name', () => {
    const c = applyConf(defaultConfig(), parseConfText([
      'max_clients = 50', 'max_queued_clients = 7', 'max_anonymous_clients = 10', 'max_client_requests = 3',
      'max_workers = 8', 'min_workers = 2', 'prio_workers = 0', 'keepalive_interval = 2', 'keepalive_count = 3',
      'max_client_bytes = 1048576', 'max_total_bytes = 8388608', 'max_client_events = 64', 'partial_frame_timeout = 4',
      'max_test_hosts = 16',
    ].join('\n')));
    expect([c.maxClients, c.maxQueuedClients, c.maxAnonymousClients, c.maxClientRequests, c.maxWorkers, c.minWorkers, c.prioWorkers, c.keepalive])
      .to.deep.equal([50, 7, 10, 3, 8, 2, 0, { interval: 2, count: 3 }]);
    expect([c.maxClientBytes, c.maxTotalBytes, c.maxClientEvents, c.partialFrameTimeout, c.maxTestHosts]).to.deep.equal([1048576, 8388608, 64, 4, 16]);
  });

  it("has libvirtd's defaults, and room for one largest message per client", () => {
    const c = defaultConfig();
    expect([c.maxClients, c.maxQueuedClients, c.maxAnonymousClients, c.maxClientRequests, c.maxWorkers, c.minWorkers, c.prioWorkers]).to.deep.equal([5000, 1000, 20, 5, 20, 5, 5]);
    expect(c.maxClientBytes).to.be.at.least(MESSAGE_MAX);
    expect(c.maxTotalBytes).to.be.at.least(c.maxClientBytes);
  });

  it('refuses min_workers above max_workers and values below their minimum, and lowers max_anonymous_clients to max_clients', () => {
    expect(isVirtError(thrown(() => applyConf(defaultConfig(), parseConfText('max_workers = 2\nmin_workers = 3'))), ErrorCode.CONF_SYNTAX)).to.equal(true);
    for (const bad of ['max_workers = 0', 'prio_workers = -1', 'max_test_hosts = 0', 'max_client_bytes = 100', 'partial_frame_timeout = 0', 'max_client_events = 0']) {
      expect(isVirtError(thrown(() => applyConf(defaultConfig(), parseConfText(bad))), ErrorCode.CONF_SYNTAX), bad).to.equal(true);
    }
    expect(applyConf(defaultConfig(), parseConfText('max_clients = 4')).maxAnonymousClients).to.equal(4);
    expect(applyConf(defaultConfig(), parseConfText('max_anonymous_clients = 0')).maxAnonymousClients, '0 turns the limit off, as in libvirtd').to.equal(0);
  });
});
