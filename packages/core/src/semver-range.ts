/**
 * Enough of npm's semver ranges to check a plugin's `coreApi` against core's
 * API version: exact versions, x-ranges (1, 1.x, 1.2.x, *), ^ and ~, the
 * comparators >, >=, <, <=, = joined by spaces (and), and || (or).
 */
type Version = [number, number, number];

function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** A partial version "1", "1.2", "1.x": the parts given, undefined for wildcards. */
function parsePartial(text: string): Array<number | undefined> | null {
  const parts = text.replace(/^v/, '').split('.');
  if (parts.length > 3 || parts.some((p) => !/^(\d+|x|X|\*)$/.test(p))) return null;
  const out: Array<number | undefined> = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : undefined));
  for (let i = out.findIndex((v) => v === undefined); i >= 0 && i < out.length; i++) out[i] = undefined;
  return out;
}

function lowerBound(p: Array<number | undefined>): Version {
  return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
}

function satisfiesComparator(v: Version, comp: string): boolean {
  if (comp === '*' || comp === '' || comp === 'x') return true;
  const m = /^(\^|~|>=|<=|>|<|=)?\s*(.+)$/.exec(comp);
  if (!m) throw new Error(`bad range '${comp}'`);
  const op = m[1] ?? '';
  const p = parsePartial(m[2]);
  if (!p) throw new Error(`bad version '${m[2]}'`);
  const lo = lowerBound(p);
  const given = p.filter((x) => x !== undefined).length;
  switch (op) {
    case '^': {
      if (compare(v, lo) < 0) return false;
      if (lo[0] > 0 || given === 1) return v[0] === lo[0];
      if (lo[1] > 0 || given === 2) return v[0] === 0 && v[1] === lo[1];
      return v[0] === 0 && v[1] === 0 && v[2] === lo[2];
    }
    case '~':
      if (compare(v, lo) < 0) return false;
      return given === 1 ? v[0] === lo[0] : v[0] === lo[0] && v[1] === lo[1];
    case '>=': return compare(v, lo) >= 0;
    case '<': return compare(v, lo) < 0;
    case '>': return compare(v, lo) > 0;
    case '<=': return compare(v, lo) <= 0;
    default:
      for (let i = 0; i < 3; i++) if (p[i] !== undefined && p[i] !== v[i]) return false;
      return true;
  }
}

/** True when `version` (x.y.z) lies in `range`. Throws on a malformed range. */
export function satisfiesRange(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) throw new Error(`bad version '${version}'`);
  return range.split('||').some((alt) =>
    alt.trim().replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/).every((c) => satisfiesComparator(v, c)),
  );
}
