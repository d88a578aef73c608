import { CommandValidationError, parseCommand } from '../commands/parse-command';

/** Which readings a follow-up must carry: those its condition is judged on, when seen in person. */
const followUp = (over: Record<string, unknown>) => ({
  type: 'RecordFollowUp',
  commandId: 'fu-1',
  occurredAt: '2024-03-05',
  residentId: 'r1',
  doctorId: 'd1',
  ...over,
});

const refusedFields = (raw: Record<string, unknown>): string[] => {
  try {
    parseCommand(raw);
  } catch (error) {
    if (error instanceof CommandValidationError) return error.errors.map((e) => e.field).sort();
    throw error;
  }
  return [];
};

describe('RecordFollowUp readings', () => {
  it.each(['face_to_face_clinic', 'face_to_face_home'])(
    'refuses a hypertension follow-up %s without blood pressure, naming both fields',
    (mode) => {
      expect(refusedFields(followUp({ condition: 'hypertension', mode }))).toEqual([
        'diastolic',
        'systolic',
      ]);
      expect(refusedFields(followUp({ condition: 'hypertension', mode, systolic: 132 }))).toEqual([
        'diastolic',
      ]);
    },
  );

  it.each(['face_to_face_clinic', 'face_to_face_home'])(
    'refuses a diabetes follow-up %s without fasting glucose',
    (mode) => {
      expect(refusedFields(followUp({ condition: 'diabetes', mode }))).toEqual(['fastingGlucose']);
    },
  );

  it('accepts a phone follow-up without readings, for either condition', () => {
    expect(refusedFields(followUp({ condition: 'hypertension', mode: 'phone' }))).toEqual([]);
    expect(refusedFields(followUp({ condition: 'diabetes', mode: 'phone' }))).toEqual([]);
  });

  it('accepts readings reported by phone, but still checks what is sent', () => {
    expect(
      refusedFields(
        followUp({ condition: 'hypertension', mode: 'phone', systolic: 128, diastolic: 82 }),
      ),
    ).toEqual([]);
    expect(
      refusedFields(followUp({ condition: 'diabetes', mode: 'phone', fastingGlucose: 6.2 })),
    ).toEqual([]);
    expect(
      refusedFields(followUp({ condition: 'hypertension', mode: 'phone', systolic: '128' })),
    ).toEqual(['systolic']);
  });

  it('still requires the mode, so a missing one is not read as a phone call', () => {
    expect(refusedFields(followUp({ condition: 'hypertension' }))).toEqual([
      'diastolic',
      'mode',
      'systolic',
    ]);
  });
});
