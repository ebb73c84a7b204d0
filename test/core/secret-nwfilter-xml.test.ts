import { expect } from 'chai';
import { ErrorCode, formatNWFilterBindingXml, formatNWFilterXml, formatSecretXml, isVirtError, nwfilterReferences, parseNWFilterBindingXml, parseNWFilterXml, parseSecretXml } from '@virtkit/core';

/** libvirt's formatsecret example, as virSecretDefFormat writes it. */
const SECRET = `<secret ephemeral='no' private='yes'>
  <uuid>c1f11a6d-8c5d-4a3e-ac7a-4e171c5e0d4a</uuid>
  <description>LUKS passphrase of vol1</description>
  <usage type='volume'>
    <volume>/var/lib/libvirt/images/vol1.luks</volume>
  </usage>
</secret>
`;

/** libvirt's clean-traffic filter: references, a parameterised reference and a rule kept as written. */
const FILTER = `<filter name='clean-traffic' chain='root' priority='-700'>
  <uuid>6ef53069-ba34-94a0-d33d-17751b9b8cb1</uuid>
  <filterref filter='no-mac-spoofing'/>
  <filterref filter='no-ip-spoofing'>
    <parameter name='IP' value='10.0.0.1'/>
  </filterref>
  <rule action='accept' direction='out' priority='-650'>
    <mac protocolid='ipv4'/>
  </rule>
  <filterref filter='no-other-l2-traffic'/>
</filter>
`;

describe('core: secret and network filter XML', () => {
  it('formats what it parsed byte for byte (a secret, a filter, a filter binding)', () => {
    expect(formatSecretXml(parseSecretXml(SECRET))).to.equal(SECRET);
    expect(formatNWFilterXml(parseNWFilterXml(FILTER))).to.equal(FILTER);
    const binding = `<filterbinding>
  <owner>
    <name>guest</name>
    <uuid>c1f11a6d-8c5d-4a3e-ac7a-4e171c5e0d4a</uuid>
  </owner>
  <portdev name='vnet0'/>
  <mac address='52:54:00:7b:35:93'/>
  <filterref filter='clean-traffic'>
    <parameter name='MAC' value='52:54:00:7b:35:93'/>
  </filterref>
</filterbinding>
`;
    expect(formatNWFilterBindingXml(parseNWFilterBindingXml(binding))).to.equal(binding);
  });

  it('reads usage and references; writes ephemeral and private as libvirt does when the XML left them out', () => {
    const s = parseSecretXml(SECRET);
    expect([s.private, s.usage?.type, s.usage?.id]).to.deep.equal([true, 'volume', '/var/lib/libvirt/images/vol1.luks']);
    const ceph = parseSecretXml("<secret><uuid>C1F11A6D-8C5D-4A3E-AC7A-4E171C5E0D4A</uuid><usage type='ceph'><name>client.admin</name></usage></secret>");
    expect(formatSecretXml(ceph)).to.equal("<secret ephemeral='no' private='no'>\n  <uuid>c1f11a6d-8c5d-4a3e-ac7a-4e171c5e0d4a</uuid>\n  <usage type='ceph'>\n    <name>client.admin</name>\n  </usage>\n</secret>\n");
    expect(nwfilterReferences(parseNWFilterXml(FILTER))).to.deep.equal(['no-mac-spoofing', 'no-ip-spoofing', 'no-other-l2-traffic']);
  });

  it('refuses a usage without its id, an unknown usage, a filter without name or with an unknown chain', () => {
    const bad: Array<() => unknown> = [
      () => parseSecretXml("<secret><usage type='volume'/></secret>"), () => parseSecretXml("<secret><usage type='disk'/></secret>"),
      () => parseSecretXml('<secret><uuid>nope</uuid></secret>'), () => parseNWFilterXml('<filter/>'), () => parseNWFilterXml("<filter name='f' chain='bogus'/>"),
    ];
    for (const f of bad) {
      try {
        f();
        expect.fail('accepted');
      } catch (e) {
        expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
      }
    }
  });
});
