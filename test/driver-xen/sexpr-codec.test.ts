import { expect } from 'chai';
import { ErrorCode, isVirtError } from '@virtkit/core';
import { formatSexpr, parseSexpr, parseSexprs, popcount, pythonRepr, sexprInt, sexprValue } from '@virtkit/driver-xen/sexpr';

function parseFails(text: string, fragment: string): void {
  try {
    parseSexprs(text);
  } catch (e) {
    expect(isVirtError(e, ErrorCode.SEXPR_SERIAL), String(e)).to.equal(true);
    expect((e as Error).message).to.contain(fragment);
    return;
  }
  expect.fail(`parsed ${JSON.stringify(text)}`);
}

describe('driver-xen: S-expression codec', () => {
  it('reads lists, atoms and both quote styles', () => {
    expect(parseSexpr(`(domain (name 'pv test')(memory 420) (uuid "a-b") (features ))`)).to.deep.equal(
      ['domain', ['name', 'pv test'], ['memory', '420'], ['uuid', 'a-b'], ['features']],
    );
    expect(parseSexpr('()')).to.deep.equal([]);
    expect(parseSexpr("''")).to.equal('');
  });

  it('decodes xend escapes: named, hex, octal, and unknown ones kept', () => {
    expect(parseSexpr(String.raw`'a\nb\tc\\d\'e\"f'`)).to.equal('a\nb\tc\\d\'e"f');
    expect(parseSexpr(String.raw`'\x41\101\7'`)).to.equal('AA\u0007');
    expect(parseSexpr(String.raw`'\q\8'`)).to.equal('\\q\\8');
    expect(parseSexpr(String.raw`'caf\xc3\xa9'`)).to.equal('café');
    expect(parseSexpr(String.raw`"it's"`)).to.equal("it's");
  });

  it('skips comments and stops at Ctrl-D', () => {
    expect(parseSexprs('# leading\n(a b) # trailing (c)\n(d)\u0004(e)')).to.deep.equal([['a', 'b'], ['d']]);
  });

  it('ends atoms at separators, as xend does', () => {
    expect(parseSexpr('(a{b c;d)')).to.deep.equal(['a', '{b', 'c', ';d']);
    expect(parseSexpr('(x#comment\n y)')).to.deep.equal(['x', 'y']);
  });

  it('refuses malformed input with SEXPR_SERIAL', () => {
    parseFails('(a (b)', 'unclosed');
    parseFails('(a))', "unbalanced ')'");
    parseFails("(a 'b)", 'unterminated string');
    parseFails('(a \u0001)', 'invalid character');
    expect(() => parseSexpr('(a)(b)')).to.throw(/expected one S-expression, found 2/);
    expect(() => parseSexpr('  # nothing\n')).to.throw(/no S-expression/);
  });

  it('refuses hostile nesting and oversize input', () => {
    parseFails('('.repeat(100) + ')'.repeat(100), 'deeper than 64');
    expect(() => parseSexprs('(a)', { maxChars: 2, maxDepth: 4 })).to.throw(/larger than 2 characters/);
  });

  it('prints bare atoms exactly where xend does', () => {
    expect(formatSexpr(['domain', ['state', 'r-----'], ['uname', 'file:/var/lib/x.img'], ['mac', '00:16:3e:1b:b1:47'], ['home', '~user'], ['at', '@']])).to.equal(
      '(domain (state r-----) (uname file:/var/lib/x.img) (mac 00:16:3e:1b:b1:47) (home ~user) (at @))',
    );
    expect(formatSexpr(['args', 'ro root=/dev/sda1'])).to.equal("(args 'ro root=/dev/sda1')");
    expect(formatSexpr(['cpus', '0,1'])).to.equal("(cpus '0,1')");
    expect(formatSexpr(['empty', ''])).to.equal("(empty '')");
    expect(formatSexpr([])).to.equal('()');
  });

  it("quotes like Python's repr", () => {
    expect(pythonRepr("it's")).to.equal(`"it's"`);
    expect(pythonRepr(`it's "x"`)).to.equal(String.raw`'it\'s "x"'`);
    expect(pythonRepr('a\\b\nc\td\re')).to.equal(String.raw`'a\\b\nc\td\re'`);
    expect(pythonRepr('\u0001\u007f')).to.equal(String.raw`'\x01\x7f'`);
    expect(pythonRepr('é')).to.equal(String.raw`'\xc3\xa9'`);
    expect(pythonRepr('node0:0-3\n   node1:4-7')).to.equal(String.raw`'node0:0-3\n   node1:4-7'`);
  });

  it('round-trips any string through print and parse', () => {
    const samples = ['', 'plain', 'with space', "q'uote", 'd"q', `both ' and "`, '\\', 'tab\tnl\n', 'ünïcödé ✓', '\u0000\u0004#()', '@', 'a,b;c'];
    for (const s of samples) expect(parseSexpr(formatSexpr(['k', s]))).to.deep.equal(['k', s]);
  });

  it('reads (key value) pairs and integers like libvirt', () => {
    const d = parseSexpr('(domain (name x) (image (hvm (kernel /k))) (bootloader) (memory 0x10) (maxmem 010) (vcpus two) (name y))');
    expect(sexprValue(d, 'name')).to.equal('x');
    expect(sexprValue(d, 'image')).to.equal(undefined);
    expect(sexprValue(d, 'bootloader')).to.equal(undefined);
    expect(sexprValue(d, 'missing')).to.equal(undefined);
    expect(sexprValue('atom', 'name')).to.equal(undefined);
    expect(sexprInt(d, 'memory')).to.equal(16);
    expect(sexprInt(d, 'maxmem')).to.equal(8);
    expect(sexprInt(d, 'vcpus')).to.equal(undefined);
    expect(sexprInt(d, 'missing')).to.equal(undefined);
  });

  it('counts the bits of a bitmap', () => {
    expect(popcount(0)).to.equal(0);
    expect(popcount(0b1011)).to.equal(3);
    expect(popcount((1n << 64n) - 1n)).to.equal(64);
  });
});
