/**
 * The C library's words for an errno (glibc's strerror), from a Node.js
 * system error's code, as libvirt appends them to a message ("Failed to
 * open file 'x': No such file or directory"). Codes not listed give the
 * error's own message.
 */
export function strerror(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && ERRNO_WORDS[code]) || (e instanceof Error ? e.message : String(e));
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EMFILE: 'Too many open files',
  ENOSPC: 'No space left on device',
  EEXIST: 'File exists',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'No route to host',
  ETIMEDOUT: 'Connection timed out',
};
