import type { RunningApi } from '../support/api-app';

/** The evaluation year of the fixture: last year, China time, so every service date is in the past. */
export const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;

export const DISTRICT = { unitId: 'hc', name: '环翠区' };
export const CENTRE_A = { unitId: 'jy', name: '鲸园街道社区卫生服务中心' };
export const CENTRE_B = { unitId: 'zd', name: '竹岛街道社区卫生服务中心' };
/** Each centre's doctor (d-<centre>) by the name registered. */
export const DOCTOR_NAMES: Record<string, string> = { jy: '王医生', zd: '李医生' };

/** Posts commands as the root key; any refusal fails the arrangement loudly. */
export function commandSender(api: RunningApi, prefix: string) {
  let n = 0;
  return async (type: string, fields: Record<string, unknown>): Promise<void> => {
    const r = await api.post('/api/v1/commands', {
      type,
      commandId: `${prefix}-${(n += 1)}`,
      occurredAt: `${YEAR}-03-01`,
      ...fields,
    });
    if (r.status >= 300) throw new Error(`${type} refused: ${JSON.stringify(r.body)}`);
  };
}

/**
 * A small district: two centres with four elderly residents and two younger ones each.
 * Elderly health management: centre A 2/4 = 50.0% (one checkup incomplete, one missing; behind
 * the 64% target), centre B 3/4 = 75.0% (met), the district 5/8 = 62.5%. Centre A also has TCM,
 * a contract, and a hypertension patient enrolled with a follow-up every quarter.
 */
export async function arrangeDistrict(api: RunningApi): Promise<void> {
  const send = commandSender(api, 'arrange');
  const opened = { occurredAt: '2020-01-01' };
  await send('RegisterOrgUnit', { ...DISTRICT, kind: 'district', ...opened });
  for (const centre of [CENTRE_A, CENTRE_B]) {
    const c = centre.unitId;
    await send('RegisterOrgUnit', {
      ...centre,
      kind: 'community_centre',
      parentId: DISTRICT.unitId,
      ...opened,
    });
    await send('RegisterDoctor', {
      doctorId: `d-${c}`,
      unitId: c,
      name: DOCTOR_NAMES[c],
      ...opened,
    });
    for (let i = 1; i <= 4; i += 1) {
      const tags = i === 3 ? ['hypertension'] : [];
      await send('RegisterResident', {
        residentId: `${c}-e${i}`,
        birthDate: '1950-05-01',
        sex: i % 2 ? 'male' : 'female',
        unitId: c,
        tags,
        ...opened,
      });
    }
    for (let i = 1; i <= 2; i += 1) {
      await send('RegisterResident', {
        residentId: `${c}-y${i}`,
        birthDate: '1990-05-01',
        sex: 'female',
        unitId: c,
        ...opened,
      });
    }
    await send('AssignTargets', {
      unitId: c,
      year: YEAR,
      targets: [{ indicator: 'hypertension_target', count: 1 }],
      occurredAt: `${YEAR}-01-05`,
    });
  }

  const checkup = (residentId: string, complete: boolean, day: string) =>
    send('RecordCheckup', {
      residentId,
      doctorId: `d-${residentId.split('-')[0]}`,
      kind: 'elderly_annual',
      complete,
      occurredAt: `${YEAR}-${day}`,
    });
  const tcm = (residentId: string, day: string) =>
    send('RecordTcmAssessment', {
      residentId,
      doctorId: `d-${residentId.split('-')[0]}`,
      constitution: 'qi_deficiency',
      occurredAt: `${YEAR}-${day}`,
    });

  await checkup('jy-e1', true, '03-12');
  await checkup('jy-e2', false, '04-08');
  await tcm('jy-e1', '03-12');
  await tcm('jy-e2', '04-08');
  await send('SignContract', {
    residentId: 'jy-e1',
    contractId: 'k-jy-e1',
    doctorId: 'd-jy',
    start: `${YEAR}-01-15`,
    end: `${YEAR + 1}-01-14`,
    occurredAt: `${YEAR}-01-15`,
  });
  await send('EnrollChronicCare', {
    residentId: 'jy-e3',
    condition: 'hypertension',
    doctorId: 'd-jy',
    occurredAt: `${YEAR}-02-01`,
  });
  for (const day of ['02-10', '05-10', '08-10', '11-10']) {
    await send('RecordFollowUp', {
      residentId: 'jy-e3',
      doctorId: 'd-jy',
      condition: 'hypertension',
      mode: 'face_to_face_clinic',
      systolic: 132,
      diastolic: 84,
      occurredAt: `${YEAR}-${day}`,
    });
  }
  await checkup('jy-e3', true, '06-15');
  for (const [i, day] of [
    [1, '05-20'],
    [2, '06-02'],
    [3, '09-18'],
  ] as const)
    await checkup(`zd-e${i}`, true, day);
  await tcm('zd-e1', '05-20');
}
