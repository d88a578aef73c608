import 'reflect-metadata';
import { NOW, specFor, unit } from '@libs/records/testing/fixtures';
import { grantLockException } from './grant-lock-exception.action';

const given = specFor(grantLockException, { unit: unit('centre') });
const grant = (over: Record<string, unknown> = {}) => ({
  type: 'GrantLockException',
  unitId: 'centre',
  year: 2023,
  reason: '纸质随访表迟交 late paper forms',
  expiresAt: '2024-07-15T00:00:00.000Z',
  occurredAt: '2024-06-30',
  ...over,
});
const granted = (over: Record<string, unknown> = {}) => [
  {
    type: 'LockExceptionGranted',
    data: {
      exceptionId: 'cmd-1',
      unitId: 'centre',
      year: 2023,
      reason: '纸质随访表迟交 late paper forms',
      expiresAt: '2024-07-15T00:00:00.000Z',
      occurredAt: '2024-06-30',
      ...over,
    },
  },
];

describe('GrantLockException', () => {
  it('records the scope, reason and expiry, under the commandId', () => {
    given([]).when(grant()).then(granted());
  });

  it('near miss: a second exception for the same year is another event', () => {
    given(granted())
      .when(grant({ commandId: 'cmd-2' }))
      .then(granted({ exceptionId: 'cmd-2' }));
  });

  it('refuses an unknown unit', () => {
    given([]).when(grant(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
  });

  it('refuses a blank reason', () => {
    given([])
      .when(grant({ reason: '   ' }))
      .thenThrows('REASON_REQUIRED');
  });

  it('refuses an expiry at ledger time now', () => {
    given([])
      .when(grant({ expiresAt: NOW }))
      .thenThrows('EXPIRY_NOT_IN_FUTURE');
  });

  it('near miss: accepts an expiry one millisecond after now', () => {
    given([])
      .when(grant({ expiresAt: '2024-06-30T04:00:00.001Z' }))
      .then(granted({ expiresAt: '2024-06-30T04:00:00.001Z' }));
  });

  it('refuses an exception longer than 90 days', () => {
    given([])
      .when(grant({ expiresAt: '2024-09-28T04:00:00.001Z' }))
      .thenThrows('EXCEPTION_TOO_LONG');
  });

  it('near miss: accepts exactly 90 days', () => {
    given([])
      .when(grant({ expiresAt: '2024-09-28T04:00:00.000Z' }))
      .then(granted({ expiresAt: '2024-09-28T04:00:00.000Z' }));
  });

  it('refuses a grant dated in the future', () => {
    given([])
      .when(grant({ occurredAt: '2024-07-01' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });
});
