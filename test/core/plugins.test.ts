import { expect } from 'chai';
import path from 'node:path';
import { ErrorCode, Virt, isVirtError, satisfiesRange, CORE_API_VERSION } from '@virtkit/core';
import { describeDriverConformance } from '@virtkit/core/testing';
import { testDriverFeatures } from '@virtkit/driver-test';

const fixture = (name: string) => `./test/fixtures/dist/${name}.js`;

async function expectCode(p: Promise<unknown>, code: ErrorCode, text: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e, code), String(e)).to.equal(true);
    expect((e as Error).message).to.contain(text);
    return;
  }
  expect.fail('expected an error');
}

describe('core: plugins', () => {
  it('loads a third-party plugin by relative and absolute specifier and opens its scheme', async () => {
    for (const spec of [fixture('mem-plugin'), path.resolve(fixture('mem-plugin'))]) {
      const virt = await Virt.create({ plugins: [spec], envPlugins: false });
      try {
        const conn = await virt.connect('mem:///one');
        expect(await conn.getType()).to.equal('TEST');
        expect(virt.plugins.map((p) => p.name)).to.deep.equal(['mem-driver']);
      } finally {
        await virt.dispose();
      }
    }
  });

  it('loads plugins named in VIRTKIT_PLUGINS', async () => {
    const virt = await Virt.create({ env: { VIRTKIT_PLUGINS: ` ${fixture('mem-plugin')} ,` } });
    try {
      expect(virt.plugins.map((p) => p.name)).to.deep.equal(['mem-driver']);
      await virt.connect('mem:///env');
    } finally {
      await virt.dispose();
    }
  });

  it('refuses a plugin written for another core API, naming both versions', async () => {
    await expectCode(Virt.create({ plugins: [fixture('future-plugin')], envPlugins: false }), ErrorCode.CONFIG_UNSUPPORTED, `requires core API '^2.0.0', but this is core API ${CORE_API_VERSION}`);
  });

  it('reports broken, missing and foreign modules clearly', async () => {
    await expectCode(Virt.create({ plugins: [fixture('broken-plugin')], envPlugins: false }), ErrorCode.OPERATION_FAILED, "plugin 'broken' failed to register: cannot find its configuration");
    await expectCode(Virt.create({ plugins: ['./test/fixtures/dist/nowhere.js'], envPlugins: false }), ErrorCode.OPERATION_FAILED, "plugin './test/fixtures/dist/nowhere.js' could not be loaded");
    await expectCode(Virt.create({ plugins: ['@virtkit/no-such-package'], envPlugins: false }), ErrorCode.OPERATION_FAILED, 'could not be loaded');
    await expectCode(Virt.create({ plugins: [fixture('not-a-plugin')], envPlugins: false }), ErrorCode.OPERATION_FAILED, 'is not a virtkit plugin');
  });

  it('answers NO_CONNECT for a scheme no driver claims, and keeps instances apart', async () => {
    const one = await Virt.create({ plugins: [fixture('mem-plugin')], envPlugins: false });
    const two = await Virt.create({ envPlugins: false });
    try {
      await expectCode(two.connect('mem:///x'), ErrorCode.NO_CONNECT, 'no connection driver available for mem:///x');
      const c = await one.connect('mem:///shared');
      await c.defineDomain("<domain type='test'><name>only-here</name><memory>1024</memory><os><type>hvm</type></os></domain>");
      const other = await Virt.create({ plugins: [fixture('mem-plugin')], envPlugins: false });
      expect(await (await other.connect('mem:///shared')).listAllDomains()).to.have.length(0);
      await other.dispose();
    } finally {
      await one.dispose();
      await two.dispose();
    }
  });

  it('checks version ranges as npm does', () => {
    const cases: Array<[string, string, boolean]> = [
      ['1.0.0', '^1', true], ['1.4.2', '^1.2.0', true], ['2.0.0', '^1', false], ['1.0.0', '^1.1', false],
      ['1.2.3', '~1.2.0', true], ['1.3.0', '~1.2.0', false], ['1.0.0', '>=1.0.0 <2', true], ['2.1.0', '>=1.0.0 <2', false],
      ['1.0.0', '1.x', true], ['1.0.0', '*', true], ['0.2.5', '^0.2.1', true], ['0.3.0', '^0.2.1', false], ['3.0.0', '^1 || ^3', true],
    ];
    for (const [v, r, ok] of cases) expect(satisfiesRange(v, r), `${v} in ${r}`).to.equal(ok);
    expect(() => satisfiesRange('1.0.0', 'banana')).to.throw();
  });
});

describeDriverConformance('third-party plugin mem:/// loaded by specifier', {
  async setup() {
    const virt = await Virt.create({ plugins: [fixture('mem-plugin')], envPlugins: false });
    return { virt, hostA: 'mem:///conf-a', hostB: 'mem:///conf-b' };
  },
  domainXml: (name) => `<domain type='test'><name>${name}</name><memory unit='MiB'>32</memory><os><type>hvm</type></os></domain>`,
  features: { declared: testDriverFeatures(new Set(['v1', 'v2', 'v3'])), osType: 'linux', wrongStateCode: ErrorCode.INTERNAL_ERROR },
});
