import { CommandValidationError, parseCommand } from '../commands/parse-command';
import { recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordVaccineDose } from './record-vaccine-dose.action';

const given = specFor(recordVaccineDose, servingDoctor());
// Born 15 September 2023: eight months old (MMR 1's minimum age) on 15 May 2024.
const child = () => registered('2023-09-15');
const dose = (over: Record<string, unknown> = {}) => ({
  type: 'RecordVaccineDose',
  residentId: 'r1',
  recordId: 'mmr-1',
  vaccine: 'MMR',
  dose: 1,
  doctorId: 'd1',
  lotNumber: 'L202403',
  manufacturer: 'maker',
  site: 'left_upper_arm',
  occurredAt: '2024-05-15',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}): ResidentEvent =>
  ({
    type: 'VaccineDoseRecorded',
    data: {
      residentId: 'r1',
      recordId: 'mmr-1',
      vaccine: 'MMR',
      dose: 1,
      doctorId: 'd1',
      lotNumber: 'L202403',
      manufacturer: 'maker',
      site: 'left_upper_arm',
      occurredAt: '2024-05-15',
      ...over,
    },
  }) as ResidentEvent;
const hepB = (n: number, on: string, recordId = `hepb-${n}`) =>
  recorded({ recordId, vaccine: 'HepB', dose: n, occurredAt: on, site: 'right_thigh' });

describe('RecordVaccineDose', () => {
  it('records MMR 1 on the day the child is eight months old, with every field', () => {
    given([child()]).when(dose()).then([recorded()]);
  });

  describe('minimum age (the table names the youngest age for each dose)', () => {
    it('refuses MMR 1 one day early (VACC_DOSE_BEFORE_MIN_AGE)', () => {
      given([child()])
        .when(dose({ occurredAt: '2024-05-14' }))
        .thenThrows('VACC_DOSE_BEFORE_MIN_AGE');
    });
    it('near miss: accepts it exactly on the minimum day', () => {
      given([child()]).when(dose()).then([recorded()]);
    });
  });

  describe('minimum interval after the previous dose of the series', () => {
    // HepB 2 on 1 February: HepB 3 is allowed from 60 days later, 1 April (six months: 15 March).
    const history = [child(), hepB(1, '2023-09-15'), hepB(2, '2024-02-01')];
    it('refuses HepB 3 one day before 60 days (VACC_DOSE_BEFORE_MIN_INTERVAL)', () => {
      given(history)
        .when(dose({ recordId: 'hepb-3', vaccine: 'HepB', dose: 3, occurredAt: '2024-03-31' }))
        .thenThrows('VACC_DOSE_BEFORE_MIN_INTERVAL');
    });
    it('near miss: accepts it on the 60th day', () => {
      given(history)
        .when(dose({ recordId: 'hepb-3', vaccine: 'HepB', dose: 3, occurredAt: '2024-04-01' }))
        .then([
          recorded({ recordId: 'hepb-3', vaccine: 'HepB', dose: 3, occurredAt: '2024-04-01' }),
        ]);
    });
    // MPSV-A 1 on 20 March: MPSV-A 2 at nine months (15 June) is still within 3 months of it.
    const mpsv = recorded({
      recordId: 'mpsv-1',
      vaccine: 'MPSV-A',
      dose: 1,
      occurredAt: '2024-03-20',
    });
    it('refuses an interval counted in months one day short: MPSV-A 2 on 19 June', () => {
      given([child(), mpsv])
        .when(dose({ recordId: 'mpsv-2', vaccine: 'MPSV-A', dose: 2, occurredAt: '2024-06-19' }))
        .thenThrows('VACC_DOSE_BEFORE_MIN_INTERVAL');
    });
    it('near miss: accepts MPSV-A 2 three months to the day, 20 June', () => {
      given([child(), mpsv])
        .when(dose({ recordId: 'mpsv-2', vaccine: 'MPSV-A', dose: 2, occurredAt: '2024-06-20' }))
        .then([
          recorded({ recordId: 'mpsv-2', vaccine: 'MPSV-A', dose: 2, occurredAt: '2024-06-20' }),
        ]);
    });
  });

  describe('order and repeats', () => {
    it('refuses HepB 2 with no HepB 1 recorded (VACC_DOSE_OUT_OF_ORDER)', () => {
      given([child()])
        .when(dose({ recordId: 'hepb-2', vaccine: 'HepB', dose: 2, occurredAt: '2023-10-20' }))
        .thenThrows('VACC_DOSE_OUT_OF_ORDER');
    });
    it('refuses bOPV 3 before the second IPV: the polio series runs across both vaccines', () => {
      const ipv1 = recorded({
        recordId: 'ipv-1',
        vaccine: 'IPV',
        dose: 1,
        occurredAt: '2023-11-15',
      });
      given([child(), ipv1])
        .when(dose({ recordId: 'bopv-3', vaccine: 'bOPV', dose: 3, occurredAt: '2024-01-20' }))
        .thenThrows('VACC_DOSE_OUT_OF_ORDER');
    });
    it('refuses a dose already given (VACC_DOSE_ALREADY_GIVEN)', () => {
      given([child(), recorded()])
        .when(dose({ recordId: 'mmr-1b', occurredAt: '2024-06-01' }))
        .thenThrows('VACC_DOSE_ALREADY_GIVEN');
    });
    it('near miss: a voided one may be given again', () => {
      given([child(), recorded(), recordVoided('mmr-1', 'vaccine_dose')])
        .when(dose({ recordId: 'mmr-1b' }))
        .then([recorded({ recordId: 'mmr-1b' })]);
    });
    it('near miss: a dose kept from a migration one day early may be repeated on time (补种)', () => {
      given([child(), recorded({ occurredAt: '2024-05-14' })])
        .when(dose({ recordId: 'mmr-1b', occurredAt: '2024-06-01' }))
        .then([recorded({ recordId: 'mmr-1b', occurredAt: '2024-06-01' })]);
    });
  });

  describe('a migrated dose (history from the old system)', () => {
    it('keeps MMR 1 one day early instead of refusing it', () => {
      given([child()])
        .when(dose({ occurredAt: '2024-05-14', migrated: true }))
        .then([recorded({ occurredAt: '2024-05-14' })]);
    });
    it('keeps HepB 3 too soon after HepB 2', () => {
      given([child(), hepB(1, '2023-09-15'), hepB(2, '2024-02-01')])
        .when(
          dose({
            recordId: 'hepb-3',
            vaccine: 'HepB',
            dose: 3,
            occurredAt: '2024-03-31',
            migrated: true,
          }),
        )
        .then([
          recorded({ recordId: 'hepb-3', vaccine: 'HepB', dose: 3, occurredAt: '2024-03-31' }),
        ]);
    });
    it('still refuses a dose out of order: the order is not a matter of timing', () => {
      given([child()])
        .when(dose({ recordId: 'hepb-2', vaccine: 'HepB', dose: 2, migrated: true }))
        .thenThrows('VACC_DOSE_OUT_OF_ORDER');
    });
  });

  it('copied from a certificate: no vaccinator, lot, manufacturer or site (an incomplete record)', () => {
    given([child()])
      .when(
        {
          type: 'RecordVaccineDose',
          residentId: 'r1',
          recordId: 'bcg-1',
          vaccine: 'BCG',
          dose: 1,
          occurredAt: '2023-09-16',
        },
        { doctor: undefined, doctorUnit: undefined },
      )
      .then([
        {
          type: 'VaccineDoseRecorded',
          data: {
            residentId: 'r1',
            recordId: 'bcg-1',
            vaccine: 'BCG',
            dose: 1,
            doctorId: null,
            lotNumber: null,
            manufacturer: null,
            site: null,
            occurredAt: '2023-09-16',
          },
        } as ResidentEvent,
      ]);
  });

  it('refuses a vaccinator who is not a doctor of the ledger', () => {
    given([child()])
      .when(dose(), { doctor: undefined, doctorUnit: undefined })
      .thenThrows('DOCTOR_NOT_FOUND');
  });

  describe('validation: a vaccine-dose pair the schedule does not have', () => {
    const fieldErrors = (over: Record<string, unknown>) => {
      try {
        parseCommand({ ...dose(), commandId: 'c-1', ...over });
        return [];
      } catch (error) {
        return (error as CommandValidationError).errors;
      }
    };
    it('refuses HepB 4, naming the doses HepB has, in both languages', () => {
      expect(fieldErrors({ vaccine: 'HepB', dose: 4 })).toEqual([
        expect.objectContaining({
          field: 'dose',
          en: expect.stringContaining('dose must be 1 or 2 or 3 for HepB'),
          zh: expect.stringContaining('HepB 的剂次为 1、2、3'),
        }),
      ]);
    });
    it('refuses bOPV 1: the first polio doses are IPV', () => {
      expect(fieldErrors({ vaccine: 'bOPV', dose: 1 }).map((e) => e.field)).toEqual(['dose']);
    });
    it('near miss: accepts bOPV 3', () => {
      expect(fieldErrors({ vaccine: 'bOPV', dose: 3 })).toEqual([]);
    });
    it('an unknown vaccine is the vaccine field at fault, not the dose', () => {
      expect(fieldErrors({ vaccine: 'HPV', dose: 1 }).map((e) => e.field)).toEqual(['vaccine']);
    });
  });
});
