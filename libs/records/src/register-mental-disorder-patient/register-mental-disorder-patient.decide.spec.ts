import {
  died,
  movedOut,
  recordVoided,
  registered,
  servingDoctor,
  specFor,
} from '../testing/fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { registerMentalDisorderPatient } from './register-mental-disorder-patient.action';

const given = specFor(registerMentalDisorderPatient, servingDoctor());
const register = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterMentalDisorderPatient',
  residentId: 'r1',
  recordId: 'smd-1',
  doctorId: 'd1',
  diagnosis: 'schizophrenia',
  consent: true,
  occurredAt: '2024-03-05',
  ...over,
});
const registeredPatient = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'MentalDisorderPatientRegistered',
    data: {
      residentId: 'r1',
      recordId: 'smd-1',
      doctorId: 'd1',
      diagnosis: 'schizophrenia',
      consent: true,
      livingAt: 'home',
      occurredAt: '2024-03-05',
      ...over,
    },
  } as ResidentEvent,
];

describe('RegisterMentalDisorderPatient', () => {
  it('registers a diagnosed patient living at home', () => {
    given([registered()]).when(register()).then(registeredPatient());
  });

  it('near miss: without consent the patient is registered all the same, as such', () => {
    given([registered()])
      .when(register({ consent: false, livingAt: 'hospital' }))
      .then(registeredPatient({ consent: false, livingAt: 'hospital' }));
  });

  it('refuses a second registration (PATIENT_ALREADY_REGISTERED)', () => {
    given([registered(), ...registeredPatient()])
      .when(register({ recordId: 'smd-2' }))
      .thenThrows('PATIENT_ALREADY_REGISTERED');
  });

  it('near miss: a voided registration may be made again', () => {
    given([
      registered(),
      ...registeredPatient(),
      recordVoided('smd-1', 'mental_health_registration'),
    ])
      .when(register({ recordId: 'smd-2' }))
      .then(registeredPatient({ recordId: 'smd-2' }));
  });

  it('refuses a registration after the death or the move-out', () => {
    given([registered(), died('2024-03-04')])
      .when(register())
      .thenThrows('SERVICE_AFTER_DEATH');
    given([registered(), movedOut('2024-03-04')])
      .when(register())
      .thenThrows('SERVICE_AFTER_MOVE_OUT');
  });
});
