import { died, recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import { tbEnded, tbNotified } from '../testing/tb-fixtures';
import { registerTuberculosisPatient } from './register-tuberculosis-patient.action';

const given = specFor(registerTuberculosisPatient, servingDoctor());
const register = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterTuberculosisPatient',
  residentId: 'r1',
  recordId: 'tb-1',
  doctorId: 'd1',
  treatmentStart: '2024-02-26',
  regimen: 'initial',
  dosing: 'daily',
  occurredAt: '2024-03-01',
  ...over,
});

describe('RegisterTuberculosisPatient', () => {
  it('registers a patient notified by the designated hospital', () => {
    given([registered()]).when(register()).then([tbNotified()]);
  });

  it('keeps the regimen and dosing, and the treatment start as a day', () => {
    given([registered()])
      .when(
        register({
          regimen: 'retreatment',
          dosing: 'every_other_day',
          treatmentStart: '2024-02-26T02:00:00.000Z',
        }),
      )
      .then([tbNotified('2024-03-01', { regimen: 'retreatment', dosing: 'every_other_day' })]);
  });

  it('refuses a patient already under treatment (TB_ALREADY_UNDER_TREATMENT)', () => {
    given([registered(), tbNotified('2023-11-01')])
      .when(register({ recordId: 'tb-2' }))
      .thenThrows('TB_ALREADY_UNDER_TREATMENT');
  });

  it('refuses a notification on the very day the last treatment ended', () => {
    given([registered(), tbNotified('2023-08-01'), tbEnded('2024-03-01')])
      .when(register({ recordId: 'tb-2' }))
      .thenThrows('TB_ALREADY_UNDER_TREATMENT');
  });

  it('near miss: registers a new treatment the day after the last one ended (a relapse)', () => {
    given([registered(), tbNotified('2023-08-01'), tbEnded('2024-02-29')])
      .when(register({ recordId: 'tb-2' }))
      .then([tbNotified('2024-03-01', { recordId: 'tb-2' })]);
  });

  it('near miss: a voided notification is no treatment', () => {
    given([registered(), tbNotified('2024-02-01'), recordVoided('tb-1', 'tb_registration')])
      .when(register({ recordId: 'tb-2' }))
      .then([tbNotified('2024-03-01', { recordId: 'tb-2' })]);
  });

  it('refuses a notification after the death', () => {
    given([registered(), died('2024-02-28')])
      .when(register())
      .thenThrows('SERVICE_AFTER_DEATH');
  });
});
