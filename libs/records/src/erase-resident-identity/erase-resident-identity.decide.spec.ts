import { registered, specFor } from '../testing/fixtures';
import { eraseResidentIdentity } from './erase-resident-identity.action';
import { correctResidentIdentity } from '../correct-resident-identity/correct-resident-identity.action';

const given = specFor(eraseResidentIdentity);
const erase = (over: Record<string, unknown> = {}) => ({
  type: 'EraseResidentIdentity',
  residentId: 'r1',
  reason: '本人申请删除（个人信息保护法第47条）',
  occurredAt: '2024-03-01',
  ...over,
});
const erased = {
  type: 'ResidentIdentityErased',
  data: {
    residentId: 'r1',
    reason: '本人申请删除（个人信息保护法第47条）',
    occurredAt: '2024-03-01',
  },
};

describe('EraseResidentIdentity', () => {
  it('records who asked for the erasure and why; the key is destroyed by the handler', () => {
    given([registered()]).when(erase()).then([erased]);
  });
  it('refuses an unregistered resident', () => {
    given([]).when(erase()).thenThrows('RESIDENT_NOT_FOUND');
  });
  it('refuses a second erasure', () => {
    given([registered(), erased]).when(erase()).thenThrows('IDENTITY_ALREADY_ERASED');
  });
  it('refuses an erasure dated tomorrow', () => {
    given([registered()])
      .when(erase({ occurredAt: '2024-07-01' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });
  it('after an erasure, corrections are refused (nothing is written for the person again)', () => {
    specFor(correctResidentIdentity)([registered(), erased])
      .when({
        type: 'CorrectResidentIdentity',
        residentId: 'r1',
        identity: { name: '王秀英' },
        occurredAt: '2024-03-02',
      })
      .thenThrows('IDENTITY_ERASED');
  });
});
