/** Polls `check` every `everyMs` until it holds; fails naming `what` once `ms` have passed. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string, everyMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** How many times `needle` occurs in `text` (e.g. a daemon's call log). */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
