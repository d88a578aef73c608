import { CommandValidationError, type FieldError, parseCommand } from './parse-command';

/** What a clerk reads in Chinese carries the facts of the English, with the field's label. */
const errorsOf = (raw: Record<string, unknown>): FieldError[] => {
  try {
    parseCommand(raw);
  } catch (error) {
    if (error instanceof CommandValidationError) return error.errors;
    throw error;
  }
  return [];
};

const followUp = (over: Record<string, unknown>) => ({
  type: 'RecordFollowUp',
  commandId: 'fu-1',
  occurredAt: '2024-03-05',
  residentId: 'r1',
  doctorId: 'd1',
  condition: 'hypertension',
  mode: 'face_to_face_clinic',
  systolic: 132,
  diastolic: 84,
  ...over,
});

describe('validation messages in both languages', () => {
  it('a missing field is 必填 / required, with its label, not a complaint about its type', () => {
    const errors = errorsOf(followUp({ residentId: undefined, systolic: null }));
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          field: 'residentId',
          constraint: 'isDefined',
          en: 'residentId is required',
          zh: '居民编号 residentId：必填',
        },
        {
          field: 'systolic',
          constraint: 'isDefined',
          en: 'systolic is required',
          zh: '收缩压 systolic：必填',
        },
      ]),
    );
  });

  it('a bad value names its field with the label and what is wrong, present but wrong', () => {
    const [error] = errorsOf(followUp({ systolic: 'abc' }));
    expect(error).toMatchObject({ field: 'systolic', constraint: 'isNumber' });
    expect(error.zh).toBe('收缩压 systolic：须为数字');
  });

  it('a value outside a closed list gives the allowed values in both languages', () => {
    const [error] = errorsOf(followUp({ mode: 'fax' }));
    expect(error.en).toContain('face_to_face_clinic, face_to_face_home, phone');
    expect(error.zh).toBe(
      '随访方式 mode：须为以下之一：face_to_face_clinic（门诊）、face_to_face_home（家庭）、phone（电话）',
    );
  });

  it('an unknown command type lists the commands in both languages', () => {
    const [error] = errorsOf({ type: 'RecordHaircut', commandId: 'x' });
    for (const text of [error.en, error.zh]) {
      expect(text).toContain('RecordFollowUp');
      expect(text).toContain('RegisterResident');
      expect(text).toContain('SignContract');
    }
    expect(error.zh).toMatch(/^命令类型 type：未知的命令类型/);
  });

  it('a nested field gets the label of its own name', () => {
    const errors = errorsOf({
      type: 'RecordCheckup',
      commandId: 'ck-1',
      occurredAt: '2024-03-05',
      residentId: 'r1',
      doctorId: 'd1',
      kind: 'elderly_annual',
      complete: true,
      vitals: { systolic: 'high' },
    });
    expect(errors.map((e) => e.zh)).toEqual(['收缩压 vitals.systolic：须为数字']);
  });
});
