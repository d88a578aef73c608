import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  TODAY,
  registered,
  specFor,
  unit,
} from '../testing/fixtures';
import { deliveryRecorded, woman } from '../testing/maternal-fixtures';
import { evolveResident, initialResidentState } from '../streams/resident-state';
import { idCheckCharacter } from '../personal-data/id-number';
import { syntheticIdNumber } from '../testing/id-numbers';
import { registerResident } from './register-resident.action';

const given = specFor(registerResident, { unit: unit('u1') });
const register = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterResident',
  residentId: 'r1',
  birthDate: '1950-04-01',
  sex: 'female',
  unitId: 'u1',
  householdId: 'h1',
  tags: ['hypertension'],
  occurredAt: '2024-03-01',
  ...over,
});
const registeredNow = (over: Record<string, unknown> = {}) => [
  {
    type: 'ResidentRegistered',
    data: {
      residentId: 'r1',
      birthDate: '1950-04-01',
      sex: 'female',
      unitId: 'u1',
      householdId: 'h1',
      tags: ['hypertension'],
      occurredAt: '2024-03-01',
      ...over,
    },
  },
];

describe('RegisterResident', () => {
  it('registers a resident under a pseudonymous id', () => {
    given([]).when(register()).then(registeredNow());
  });

  it('reads a birth date sent as a timestamp as the day it falls on in China', () => {
    // 20:00 UTC on 31 March is 04:00 on 1 April in China.
    given([])
      .when(register({ birthDate: '1950-03-31T20:00:00Z' }))
      .then(registeredNow({ birthDate: '1950-04-01' }));
  });

  describe('the health record the resident already has', () => {
    it('keeps the stated record: its form, completeness and opening day', () => {
      given([])
        .when(
          register({
            healthRecord: 'electronic',
            healthRecordComplete: true,
            healthRecordOpenedOn: '2019-05-01',
          }),
        )
        .then(
          registeredNow({
            healthRecord: { form: 'electronic', complete: true, openedOn: '2019-05-01' },
          }),
        );
    });
    it('near miss: without completeness or day, not complete and opened on registration', () => {
      given([])
        .when(register({ healthRecord: 'paper' }))
        .then(
          registeredNow({
            healthRecord: { form: 'paper', complete: false, openedOn: '2024-03-01' },
          }),
        );
    });
    it('refuses a record opened after the registration', () => {
      given([])
        .when(register({ healthRecord: 'electronic', healthRecordOpenedOn: '2024-03-02' }))
        .thenThrows('HEALTH_RECORD_OPENED_AFTER_REGISTRATION');
    });
    it('refuses a record opened before birth', () => {
      given([])
        .when(register({ healthRecord: 'electronic', healthRecordOpenedOn: '1950-03-31' }))
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('refuses completeness stated without the form', () => {
      given([])
        .when(register({ healthRecordComplete: true }))
        .thenThrows('HEALTH_RECORD_FORM_MISSING');
    });
  });

  it('near miss: without household or tags, they default to null and none', () => {
    given([])
      .when(register({ householdId: undefined, tags: undefined }))
      .then(registeredNow({ householdId: null, tags: [] }));
  });

  it('refuses a resident already registered', () => {
    given([registered()]).when(register()).thenThrows('RESIDENT_ALREADY_REGISTERED');
  });

  describe('birth date and registration date not in the future', () => {
    it('refuses a birth date tomorrow', () => {
      given([])
        .when(register({ birthDate: '2024-07-01', occurredAt: TODAY }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts a baby born and registered today', () => {
      given([])
        .when(register({ birthDate: TODAY, occurredAt: TODAY }))
        .then(registeredNow({ birthDate: TODAY, occurredAt: TODAY }));
    });
    it('refuses a registration dated the first instant of tomorrow (China time)', () => {
      given([])
        .when(register({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([])
        .when(register({ occurredAt: LAST_INSTANT_TODAY }))
        .then(registeredNow({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });

  describe('registration not before birth', () => {
    it('refuses a registration dated the day before birth', () => {
      given([])
        .when(register({ birthDate: '2024-03-02' }))
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts a registration on the birth day', () => {
      given([])
        .when(register({ birthDate: '2024-03-01' }))
        .then(registeredNow({ birthDate: '2024-03-01' }));
    });
  });

  describe('the managing unit is registered and open on the day', () => {
    it('refuses an unknown unit', () => {
      given([]).when(register(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a unit closed on the day', () => {
      given([])
        .when(register(), { unit: unit('u1', 'community_centre', '2020-01-01', '2024-03-01') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts the day before the unit closes', () => {
      given([])
        .when(register({ occurredAt: '2024-02-29' }), {
          unit: unit('u1', 'community_centre', '2020-01-01', '2024-03-01'),
        })
        .then(registeredNow({ occurredAt: '2024-02-29' }));
    });
  });

  describe("a child registered at birth, from the mother's delivery", () => {
    // The mother's stream: a delivery on 1 May 2024 naming baby-1, a girl.
    const mother = [woman(), deliveryRecorded('del-1', '2024-05-01')].reduce(
      evolveResident,
      initialResidentState(),
    );
    const baby = (over: Record<string, unknown> = {}) =>
      register({
        residentId: 'baby-1',
        birthDate: '2024-05-01',
        tags: undefined,
        occurredAt: '2024-05-10',
        motherId: 'r1',
        deliveryRecordId: 'del-1',
        ...over,
      });
    const born = (over: Record<string, unknown> = {}) =>
      registeredNow({
        residentId: 'baby-1',
        birthDate: '2024-05-01',
        tags: [],
        occurredAt: '2024-05-10',
        birth: { motherId: 'r1', deliveryRecordId: 'del-1' },
        ...over,
      });
    it('registers the child the delivery names, with the mother and the delivery', () => {
      given([]).when(baby(), { mother }).then(born());
    });
    it('refuses a child the delivery does not name, or of another sex or day (CHILD_NOT_OF_DELIVERY)', () => {
      given([])
        .when(baby({ residentId: 'baby-9' }), { mother })
        .thenThrows('CHILD_NOT_OF_DELIVERY');
      given([])
        .when(baby({ sex: 'male' }), { mother })
        .thenThrows('CHILD_NOT_OF_DELIVERY');
      given([])
        .when(baby({ birthDate: '2024-05-02' }), { mother })
        .thenThrows('CHILD_NOT_OF_DELIVERY');
    });
    it('refuses an unknown delivery or mother', () => {
      given([])
        .when(baby({ deliveryRecordId: 'del-9' }), { mother })
        .thenThrows('DELIVERY_NOT_FOUND');
      given([]).when(baby(), { mother: initialResidentState() }).thenThrows('MOTHER_NOT_FOUND');
    });
    it('refuses the mother without the delivery (BIRTH_NEEDS_MOTHER_AND_DELIVERY)', () => {
      given([])
        .when(baby({ deliveryRecordId: undefined }), { mother })
        .thenThrows('BIRTH_NEEDS_MOTHER_AND_DELIVERY');
    });
  });

  describe('personal data: kept in the vault, only noted in the event', () => {
    const idNumber = syntheticIdNumber('1950-04-01', 'female');
    const hash = { idNumberHash: 'hmac-sha256:' + 'a'.repeat(64) };
    const withIdentity = (identity: Record<string, unknown>) => register({ identity });

    it('notes which fields were given and the keyed hash, never a value', () => {
      given([])
        .when(withIdentity({ name: '王秀英', idNumber, phone: '13800000001' }), hash)
        .then(
          registeredNow({
            personalData: {
              fields: ['name', 'idNumber', 'phone'],
              idNumberHash: hash.idNumberHash,
            },
          }),
        );
    });
    it('near miss: without an ID number there is no hash', () => {
      given([])
        .when(withIdentity({ name: '王秀英', address: '鲸园路1号' }))
        .then(registeredNow({ personalData: { fields: ['name', 'address'] } }));
    });
    it("near miss: a lower-case 'x' check character is accepted as X", () => {
      const withX = '11010519491231002x';
      given([])
        .when(register({ birthDate: '1949-12-31', identity: { idNumber: withX } }), hash)
        .then(
          registeredNow({
            birthDate: '1949-12-31',
            personalData: { fields: ['idNumber'], idNumberHash: hash.idNumberHash },
          }),
        );
    });
    const refusedFor = (id: string, over: Record<string, unknown>, problem: string) =>
      given([])
        .when(register({ ...over, identity: { idNumber: id } }), hash)
        .thenThrows((error) => {
          const e = error as {
            code: string;
            messageZh: string;
            messageEn: string;
            details: { field: string; problems: string[] };
          };
          return (
            e.code === 'ID_NUMBER_INVALID' &&
            e.details.field === 'identity.idNumber' &&
            e.details.problems.includes(problem) &&
            e.messageZh.includes('身份证号') &&
            e.messageEn.includes('identity.idNumber')
          );
        });
    it('refuses a wrong check character', () => {
      const wrong = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
      refusedFor(wrong, {}, 'ID_NUMBER_CHECK_DIGIT');
    });
    it('refuses a number whose birth date is 30 February', () => {
      const first17 = '11010119500230002';
      refusedFor(`${first17}${idCheckCharacter(first17)}`, {}, 'ID_NUMBER_BIRTH_DATE');
    });
    it('refuses a number of another birth date or sex than the registration', () => {
      refusedFor(idNumber, { birthDate: '1950-04-02' }, 'ID_NUMBER_BIRTH_DATE_MISMATCH');
      refusedFor(idNumber, { sex: 'male' }, 'ID_NUMBER_SEX_MISMATCH');
    });
    it('refuses an empty identity', () => {
      given([]).when(withIdentity({})).thenThrows('IDENTITY_EMPTY');
    });
  });

  describe('one person, one registration (重复建档)', () => {
    const idNumber = syntheticIdNumber('1950-04-01', 'female');
    const hash = `hmac-sha256:${'c'.repeat(64)}`;
    const holder = (events: Parameters<typeof evolveResident>[1][]) =>
      events.reduce(evolveResident, initialResidentState());
    const living = holder([registered('1950-04-01', 'r0')]);
    const withId = register({ identity: { name: '王秀英', idNumber } });

    it('refuses an ID number a living resident holds elsewhere, naming that resident', () => {
      given([])
        .when(withId, { idNumberHash: hash, sameIdNumber: { r0: living } })
        .thenThrows((error) => {
          const e = error as { code: string; details: { existingResidentIds: string[] } };
          return e.code === 'DUPLICATE_ID_NUMBER' && e.details.existingResidentIds[0] === 'r0';
        });
    });
    it('near miss: a holder who died or moved away is no clash', () => {
      const died = holder([
        registered('1950-04-01', 'r0'),
        { type: 'ResidentDied', data: { residentId: 'r0', occurredAt: '2023-01-01' } } as never,
      ]);
      given([])
        .when(withId, { idNumberHash: hash, sameIdNumber: { r0: died } })
        .then(
          registeredNow({ personalData: { fields: ['name', 'idNumber'], idNumberHash: hash } }),
        );
    });
    it('a migration keeps the duplicate (the detector shows it)', () => {
      given([])
        .when({ ...withId, migrated: true }, { idNumberHash: hash, sameIdNumber: { r0: living } })
        .then(
          registeredNow({ personalData: { fields: ['name', 'idNumber'], idNumberHash: hash } }),
        );
    });
  });
});
