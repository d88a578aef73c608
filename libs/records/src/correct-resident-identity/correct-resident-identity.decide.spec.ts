import { registered, specFor } from '../testing/fixtures';
import { syntheticIdNumber } from '../testing/id-numbers';
import { correctResidentIdentity } from './correct-resident-identity.action';

const given = specFor(correctResidentIdentity);
const hash = { idNumberHash: `hmac-sha256:${'b'.repeat(64)}` };
const correct = (identity: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  type: 'CorrectResidentIdentity',
  residentId: 'r1',
  identity,
  occurredAt: '2024-03-01',
  ...over,
});

describe('CorrectResidentIdentity', () => {
  // The registered resident: born 1950-04-01, female.
  const idNumber = syntheticIdNumber('1950-04-01', 'female');

  it('notes the corrected fields and the new keyed hash, never a value', () => {
    given([registered()])
      .when(correct({ idNumber, phone: '13800000002' }, { reason: '录入错误' }), hash)
      .then([
        {
          type: 'ResidentIdentityCorrected',
          data: {
            residentId: 'r1',
            personalData: { fields: ['idNumber', 'phone'], idNumberHash: hash.idNumberHash },
            reason: '录入错误',
            occurredAt: '2024-03-01',
          },
        },
      ]);
  });

  it('near miss: a correction of the address alone carries no hash', () => {
    given([registered()])
      .when(correct({ address: '鲸园路2号' }))
      .then([
        {
          type: 'ResidentIdentityCorrected',
          data: {
            residentId: 'r1',
            personalData: { fields: ['address'] },
            occurredAt: '2024-03-01',
          },
        },
      ]);
  });

  it("refuses an ID number not of the registered resident's birth date or sex", () => {
    given([registered('1950-04-02')])
      .when(correct({ idNumber }), hash)
      .thenThrows('ID_NUMBER_INVALID');
    given([registered()])
      .when(correct({ idNumber: syntheticIdNumber('1950-04-01', 'male') }), hash)
      .thenThrows('ID_NUMBER_INVALID');
  });

  it('refuses an unregistered resident and an empty correction', () => {
    given([])
      .when(correct({ name: '王秀英' }))
      .thenThrows('RESIDENT_NOT_FOUND');
    given([registered()]).when(correct({})).thenThrows('IDENTITY_EMPTY');
  });
});
