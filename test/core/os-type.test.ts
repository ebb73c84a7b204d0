import { expect } from 'chai';
import { Connection, Domain, ErrorCode, isVirtError, type DriverConnection, type HypervisorDriver } from '@virtkit/core';

const driver: HypervisorDriver = { name: 'old', uriSchemes: ['old'], open: async () => undefined };
const ref = { name: 'g', uuid: '00000000-0000-4000-8000-000000000001', id: 1 };

describe('core: Domain.getOSType', () => {
  it('asks the driver', async () => {
    const asked: string[] = [];
    const conn = new Connection('old:///', { getOSType: async (d: typeof ref) => { asked.push(d.name); return 'hvm'; } } as unknown as DriverConnection, driver, false);
    expect(await new Domain(conn, ref).getOSType()).to.equal('hvm');
    expect(asked).to.deep.equal(['g']);
  });

  it('answers NO_SUPPORT for a driver written against core API 1.0, which has no getOSType', async () => {
    const conn = new Connection('old:///', {} as DriverConnection, driver, false);
    try {
      await new Domain(conn, ref).getOSType();
      expect.fail('getOSType succeeded without the driver method');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.NO_SUPPORT), String(e)).to.equal(true);
      expect((e as Error).message).to.equal('this function is not supported by the connection driver: virDomainGetOSType (old)');
    }
  });
});
