import { pythonRepr } from '@virtkit/driver-xen/sexpr';

/**
 * xend's exception classes as they reach the wire (XendError.py). The HTTP
 * layer turns them into status codes and `(xend.err '…')` bodies.
 */

/** XendError, VmError, VMBadState, ArgError: a 500 (or the threaded op's status) with `(xend.err '<message>')`. */
export class XendError extends Error {
  constructor(message: string, readonly pythonClass = 'xen.xend.XendError.XendError') {
    super(message);
  }
}

export class VmError extends XendError {
  constructor(message: string) {
    super(message, 'xen.xend.XendError.VmError');
  }
}

export class VMBadState extends XendError {
  constructor(message: string) {
    super(message, 'xen.xend.XendError.VMBadState');
  }
}

export class ArgError extends XendError {
  constructor(message: string) {
    super(message, 'xen.xend.XendError.ArgError');
  }
}

/** XendInvalidDomain: an xmlrpclib Fault with code 3; a 404 whose body is `<Fault 3: 'x'>`. */
export class XendInvalidDomain extends Error {
  constructor(readonly domain: string) {
    super(`<Fault 3: ${pythonRepr(domain)}>`);
  }
}

/** What Python puts in an OSError or socket.error: the C library's words for errno. */
export { strerror } from '@virtkit/core';
