// A parser for the XDR language (RFC 4506 section 6) as libvirt's rpcgen inputs use it:
// const, enum, struct, union (switch/case/default), typedef, optional `*`, fixed `[N]` and
// variable `<N>` arrays, string, opaque, (unsigned) int/hyper/char/short, bool, float, double.
// `%` lines (C passthrough) are skipped. The doc comment (`/** ... */`) before each enum member
// is kept, so the procedure annotations (@acl, @priority, ...) can be read from it.

/** Splits XDR text into tokens; comments are tokens too, so enum members keep theirs. */
function tokenize(text, file) {
  const tokens = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '%' && (i === 0 || text[i - 1] === '\n')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`${file}:${line}: unterminated comment`);
      const body = text.slice(i, end + 2);
      tokens.push({ kind: 'comment', value: body, line });
      line += body.split('\n').length - 1;
      i = end + 2;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const word = /^(0x[0-9a-fA-F]+|-?[0-9]+|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i, i + 200));
    if (word) {
      tokens.push({ kind: /^[-0-9]/.test(word[1]) ? 'number' : 'ident', value: word[1], line });
      i += word[1].length;
      continue;
    }
    if ('{}[]<>()=;,:*'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, line });
      i++;
      continue;
    }
    throw new Error(`${file}:${line}: unexpected character '${c}'`);
  }
  return tokens;
}

/**
 * Parses one .x file. Returns its definitions in file order:
 *   { kind: 'const', name, value }                 value: a number, or the name of a constant
 *   { kind: 'enum', name, members: [{ name, value, doc }] }
 *   { kind: 'struct', name, fields: [decl] }
 *   { kind: 'union', name, discriminant: decl, arms: [{ cases: [value], decl }], defaultArm?: decl }
 *   { kind: 'typedef', decl }
 * A decl is { name, type, array?: 'fixed' | 'variable', size?, optional?: true } or { void: true };
 * type is a base type name ('int', 'unsigned int', 'hyper', 'string', 'opaque', ...) or a defined name.
 */
export function parseXdr(text, file) {
  const tokens = tokenize(text, file);
  let pos = 0;
  let pendingDoc;

  const peek = () => {
    while (pos < tokens.length && tokens[pos].kind === 'comment') pendingDoc = tokens[pos++].value;
    return tokens[pos];
  };
  const fail = (msg) => {
    const t = tokens[Math.min(pos, tokens.length - 1)];
    throw new Error(`${file}:${t ? t.line : '?'}: ${msg}`);
  };
  const next = () => {
    const t = peek();
    if (!t) fail('unexpected end of file');
    pos++;
    return t;
  };
  const expect = (value) => {
    const t = next();
    if (t.value !== value) fail(`expected '${value}', found '${t.value}'`);
    return t;
  };
  const ident = () => {
    const t = next();
    if (t.kind !== 'ident') fail(`expected a name, found '${t.value}'`);
    return t.value;
  };
  /** A number or the name of a constant. */
  const value = () => {
    const t = next();
    if (t.kind === 'number') return t.value.startsWith('0x') ? parseInt(t.value, 16) : Number(t.value);
    if (t.kind === 'ident') return t.value;
    fail(`expected a value, found '${t.value}'`);
  };

  function typeSpecifier() {
    const t = ident();
    if (t === 'unsigned') {
      const n = peek();
      if (n && ['int', 'hyper', 'char', 'short', 'long'].includes(n.value)) return `unsigned ${next().value === 'long' ? 'int' : n.value}`;
      return 'unsigned int';
    }
    if (t === 'long') return 'int';
    if (t === 'struct' || t === 'enum' || t === 'union') {
      const n = peek();
      if (n.value === '{') fail(`inline ${t} definitions are not supported`);
      return ident();
    }
    if (t === 'quadruple') fail('quadruple is not supported');
    return t;
  }

  function declaration() {
    if (peek().value === 'void') {
      next();
      return { void: true };
    }
    const type = typeSpecifier();
    if (peek().value === '*') {
      next();
      return { name: ident(), type, optional: true };
    }
    const name = ident();
    const t = peek();
    if (t && t.value === '[') {
      next();
      const size = value();
      expect(']');
      return { name, type, array: 'fixed', size };
    }
    if (t && t.value === '<') {
      next();
      const size = peek().value === '>' ? undefined : value();
      expect('>');
      return { name, type, array: 'variable', size };
    }
    if (type === 'string' || type === 'opaque') fail(`${type} ${name} needs a length`);
    return { name, type };
  }

  const defs = [];
  while (peek()) {
    pendingDoc = undefined;
    const kw = ident();
    if (kw === 'const') {
      const name = ident();
      expect('=');
      defs.push({ kind: 'const', name, value: value() });
      expect(';');
    } else if (kw === 'typedef') {
      defs.push({ kind: 'typedef', decl: declaration() });
      expect(';');
    } else if (kw === 'enum') {
      const name = ident();
      expect('{');
      const members = [];
      for (;;) {
        pendingDoc = undefined;
        const t = peek();
        if (t.value === '}') break;
        const doc = pendingDoc;
        const member = ident();
        expect('=');
        members.push({ name: member, value: value(), doc });
        if (peek().value === ',') next();
      }
      expect('}');
      expect(';');
      defs.push({ kind: 'enum', name, members });
    } else if (kw === 'struct') {
      const name = ident();
      expect('{');
      const fields = [];
      while (peek().value !== '}') {
        const d = declaration();
        if (d.void) fail(`void field in struct ${name}`);
        fields.push(d);
        expect(';');
      }
      expect('}');
      expect(';');
      defs.push({ kind: 'struct', name, fields });
    } else if (kw === 'union') {
      const name = ident();
      expect('switch');
      expect('(');
      const discriminant = declaration();
      expect(')');
      expect('{');
      const arms = [];
      let defaultArm;
      while (peek().value !== '}') {
        const kind = ident();
        if (kind === 'default') {
          expect(':');
          defaultArm = declaration();
          expect(';');
          continue;
        }
        if (kind !== 'case') fail(`expected case or default in union ${name}`);
        const cases = [value()];
        expect(':');
        while (peek().value === 'case') {
          next();
          cases.push(value());
          expect(':');
        }
        arms.push({ cases, decl: declaration() });
        expect(';');
      }
      expect('}');
      expect(';');
      defs.push({ kind: 'union', name, discriminant, arms, defaultArm });
    } else if (kw === 'program') {
      fail('program definitions are not supported');
    } else {
      fail(`unexpected '${kw}' at the top level`);
    }
  }
  return defs;
}

/**
 * The annotations of a procedure's doc comment: `@name: value` lines, each
 * name to the list of its values in order (@acl repeats).
 */
export function parseAnnotations(doc) {
  const out = {};
  if (!doc) return out;
  for (const m of doc.matchAll(/@([a-z]+):\s*(\S+)/g)) (out[m[1]] ??= []).push(m[2]);
  return out;
}
