import { expect } from 'chai';
import { parseUri, formatUri, uriParam, isVirtError, ErrorCode } from '@virtkit/core';

describe('core: connection URIs', () => {
  it('parses the local forms', () => {
    expect(parseUri('test:///default')).to.deep.equal({ driver: 'test', path: '/default', params: [] });
    const q = parseUri('qemu:///embed?root=/tmp/a%20b');
    expect(q.driver).to.equal('qemu');
    expect(q.path).to.equal('/embed');
    expect(uriParam(q, 'root')).to.equal('/tmp/a b');
  });

  it('parses transports, users, hosts, ports and IPv6 literals', () => {
    const u = parseUri('qemu+tcp://root@127.0.0.1:16509/system');
    expect(u).to.deep.equal({ driver: 'qemu', transport: 'tcp', user: 'root', host: '127.0.0.1', port: 16509, path: '/system', params: [] });
    const s = parseUri('qemu+unix:///system?socket=/run/virtkit/sock');
    expect(s.transport).to.equal('unix');
    expect(uriParam(s, 'socket')).to.equal('/run/virtkit/sock');
    const v6 = parseUri('test+tcp://[::1]:1234/default');
    expect(v6.host).to.equal('::1');
    expect(v6.port).to.equal(1234);
  });

  it('formats back to an equivalent URI', () => {
    for (const text of ['test:///default', 'qemu+tcp://root@127.0.0.1:16509/system', 'test+tcp://[::1]:1234/default', 'xen:///system?socket=/var/lib/xend/xend-socket', 'test:///a?migration=v1,v2']) {
      expect(formatUri(parseUri(text))).to.equal(text);
      expect(parseUri(formatUri(parseUri(text)))).to.deep.equal(parseUri(text));
    }
  });

  it('refuses malformed URIs with INVALID_ARG naming the problem', () => {
    for (const [text, why] of [['', 'empty'], ['default', 'driver://'], ['1abc:///x', 'bad scheme'], ['qemu://host:99999/system', 'bad port'], ['qemu://h o/x', 'white space'], ['qemu:///x#frag', 'fragments'], ['qemu:///%zz', 'percent']] as const) {
      try {
        parseUri(text);
        expect.fail(`accepted ${text}`);
      } catch (e) {
        expect(isVirtError(e, ErrorCode.INVALID_ARG), String(e)).to.equal(true);
        expect((e as Error).message).to.contain(why);
      }
    }
  });
});
