#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createStderrLogger, isVirtError } from '@virtkit/core';
import { applyConf, defaultConfig, parseConfText, parseTcp } from '../daemon/config.js';
import { runSaslPasswd } from '../daemon/auth/sasl-passwd-command.js';
import { sshHelperMain } from '../daemon/ssh-helper.js';
import { startDaemon } from '../daemon/start-daemon.js';

const USAGE = `usage: virtkitd [--socket PATH] [--ro-socket PATH] [--tcp [HOST:]PORT] [--listen] [--config FILE] [-v] [-h]
       virtkitd sasl-passwd --db FILE [--delete] USER    (password on stdin)
       virtkitd ssh-helper [-r] [--socket PATH] URI

Serves virtkit's drivers over libvirt's RPC protocol, so virsh and virtkit can connect to it.
Give at least one listener: a socket, --tcp or --listen, here or in the config file.

  --socket PATH        read-write unix socket
  --ro-socket PATH     read-only unix socket: state-changing calls are refused
  --tcp [HOST:]PORT    TCP listener (HOST defaults to 127.0.0.1); auth_tcp applies: libvirtd's default "sasl"
                       offers no mechanism without TLS, so write auth_tcp = "none" in the config to use it
  -l, --listen         as libvirtd --listen: open the TLS (listen_tls, port tls_port, default 16514) and
                       TCP (listen_tcp, tcp_port) listeners of the config on listen_addr
  --config FILE        a virtkitd.conf (libvirtd.conf syntax); options given here override it
  -v, --verbose        debug logging on stderr (also VIRTKIT_DEBUG=1)
  -h, --help           print this help`;

async function main(): Promise<number> {
  if (process.argv[2] === 'sasl-passwd') return runSaslPasswd(process.argv.slice(3), process.stdin, (t) => process.stderr.write(t));
  if (process.argv[2] === 'ssh-helper') return sshHelperMain(process.argv.slice(3));
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        socket: { type: 'string' },
        'ro-socket': { type: 'string' },
        tcp: { type: 'string' },
        config: { type: 'string' },
        listen: { type: 'boolean', short: 'l' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`virtkitd: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const logger = createStderrLogger(!!values.verbose || !!process.env.VIRTKIT_DEBUG);
  const config = defaultConfig();
  if (values.config) applyConf(config, parseConfText(readFileSync(values.config, 'utf8'), values.config), values.config);
  if (values.socket) config.socket = values.socket;
  if (values['ro-socket']) config.roSocket = values['ro-socket'];
  if (values.tcp) config.tcp = parseTcp(values.tcp);
  if (values.listen) config.listen = true;

  const daemon = await startDaemon(config, logger);
  const a = daemon.server.addresses();
  process.stdout.write(`virtkitd ready${a.socket ? ` socket=${a.socket}` : ''}${a.roSocket ? ` ro-socket=${a.roSocket}` : ''}${a.tcp ? ` tcp=${a.tcp.host}:${a.tcp.port}` : ''}${a.tls ? ` tls=${a.tls.host}:${a.tls.port}` : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`${signal}: stopping`);
      daemon.stop().then(resolve, (e) => {
        logger.error('shutdown failed', { error: (e as Error).message });
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`virtkitd: ${isVirtError(e) ? e.message : (e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
