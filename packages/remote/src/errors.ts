import { ErrorDomain, errorReporter } from '@virtkit/core';

/**
 * Errors of libvirt's RPC layer (VIR_FROM_RPC): the XDR codec, the client's
 * transport and the whole daemon, as virnet*.c and remote_daemon_dispatch.c
 * raise them (libvirtd 9.0 answers "unknown procedure: N", "hypervisor
 * connection not open" and its other own errors in this domain). They
 * answer a peer's bytes or the protocol's state, so they carry no stack
 * trace: a stream of hostile frames makes them by the thousand.
 */
export const rpcFail = errorReporter(ErrorDomain.RPC, { trace: false });

/** Errors of the remote client driver (VIR_FROM_REMOTE), as remote_driver.c raises them. */
export const remoteFail = errorReporter(ErrorDomain.REMOTE);

/** Errors in virtkitd's settings (VIR_FROM_CONF, as libvirt's virconf.c): raised at start-up, never sent to a client. */
export const confFail = errorReporter(ErrorDomain.CONF);
