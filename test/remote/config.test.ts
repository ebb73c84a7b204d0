import { expect } from 'chai';
import { ErrorCode, isVirtError } from '@virtkit/core';
import { applyConf, defaultConfig, parseConfText, parseTcp } from '@virtkit/remote/daemon';
import { parseUri } from '@virtkit/core';
import { endpointOf, serverUriOf } from '@virtkit/remote';
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
