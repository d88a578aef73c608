import type { Role } from '@libs/access';
import { systemClock } from '@libs/ledger';
import { alertId } from '@libs/fabrication/alerts/alert-id';
import { ALERT_ACTIONS_BY_TYPE } from '@libs/fabrication/alerts/alerts-catalog';
import { raiseDraft } from '@libs/fabrication/alerts/raise-draft';
import { type Reply, startApi, type RunningApi } from '../support/api-app';

/**
 * Role × unit scope × every command and endpoint. Each actor is scoped to centre A; every case
 * is tried against a target in A (in scope) and in B (out of scope). The expected outcome is
 * written out here, not derived from the code under test: an allowed request must succeed
 * (2xx) and a refused one must answer 403, nothing else.
 */
type Scope = 'A' | 'B';
interface Case {
  name: string;
  /** Builds fixtures with the root key, then returns the request to try. */
  arrange(u: Units): Promise<{ method: 'GET' | 'POST' | 'STREAM'; path: string; body?: unknown }>;
}
interface Units {
  centre: string;
  doctor: string;
  fresh: string;
}

const ROLES: Role[] = ['recorder', 'supervisor', 'auditor', 'finance', 'admin'];

/** Which roles may do each case, in scope (A) and out of scope (B). */
const ALLOWED: Record<string, { A: Role[]; B: Role[] }> = {
  RegisterOrgUnit: { A: ['admin'], B: [] },
  RenameOrgUnit: { A: ['admin'], B: [] },
  MoveOrgUnit: { A: ['admin'], B: [] },
  CloseOrgUnit: { A: ['admin'], B: [] },
  RegisterDoctor: { A: ['admin'], B: [] },
  AssignTargets: { A: ['supervisor'], B: [] },
  RegisterResident: { A: ['recorder'], B: [] },
  CorrectResidentIdentity: { A: ['recorder'], B: [] },
  EraseResidentIdentity: { A: ['admin'], B: [] },
  UpdateResidentTags: { A: ['recorder'], B: [] },
  ReassignResident: { A: ['recorder'], B: [] },
  RecordResidentMovedOut: { A: ['recorder'], B: [] },
  RecordResidentDeath: { A: ['recorder'], B: [] },
  SignContract: { A: ['recorder'], B: [] },
  RenewContract: { A: ['recorder'], B: [] },
  TerminateContract: { A: ['recorder'], B: [] },
  RecordCheckup: { A: ['recorder'], B: [] },
  RecordTcmAssessment: { A: ['recorder'], B: [] },
  OpenHealthRecord: { A: ['recorder'], B: [] },
  ReviewHealthRecord: { A: ['recorder'], B: [] },
  RegisterMentalDisorderPatient: { A: ['recorder'], B: [] },
  RecordMentalHealthFollowUp: { A: ['recorder'], B: [] },
  RecordChildTcmGuidance: { A: ['recorder'], B: [] },
  RegisterTuberculosisPatient: { A: ['recorder'], B: [] },
  RecordTbFirstVisit: { A: ['recorder'], B: [] },
  RecordTbMedication: { A: ['recorder'], B: [] },
  RecordTbFollowUp: { A: ['recorder'], B: [] },
  RecordTbTreatmentEnd: { A: ['recorder'], B: [] },
  RecordNewbornVisit: { A: ['recorder'], B: [] },
  RecordChildCheckup: { A: ['recorder'], B: [] },
  IssueVaccinationCertificate: { A: ['recorder'], B: [] },
  RecordVaccineDose: { A: ['recorder'], B: [] },
  RegisterPregnancy: { A: ['recorder'], B: [] },
  RecordAntenatalCheck: { A: ['recorder'], B: [] },
  RecordDelivery: { A: ['recorder'], B: [] },
  RecordPostpartumVisit: { A: ['recorder'], B: [] },
  RecordPostpartumCheck: { A: ['recorder'], B: [] },
  RecordHealthEducationActivity: { A: ['recorder'], B: [] },
  RecordInfectiousDiseaseCase: { A: ['recorder'], B: [] },
  RecordHealthSupervisionReport: { A: ['recorder'], B: [] },
  EnrollChronicCare: { A: ['recorder'], B: [] },
  RecordFollowUp: { A: ['recorder'], B: [] },
  CorrectRecord: { A: ['recorder'], B: [] },
  VoidRecord: { A: ['recorder'], B: [] },
  'GET resident timeline': { A: ['recorder', 'supervisor', 'auditor'], B: [] },
  // Auditors see residents by id only (decision 0021).
  'GET resident identity': { A: ['recorder', 'supervisor'], B: [] },
  'GET reads of a resident': { A: ['supervisor', 'auditor'], B: [] },
  'GET all reads': { A: [], B: [] },
  'POST actor': { A: ['admin'], B: [] },
  'POST actor revoke': { A: ['admin'], B: [] },
  'POST actor key rotation': { A: ['admin'], B: [] },
  'GET actors': { A: ['admin'], B: ['admin'] },
  'GET rates': { A: ['recorder', 'supervisor', 'auditor', 'finance', 'admin'], B: [] },
  'GET lineage': { A: ['recorder', 'supervisor', 'auditor'], B: [] },
  'GET progress': { A: ['recorder', 'supervisor', 'auditor', 'finance', 'admin'], B: [] },
  'GET me': { A: ROLES, B: ROLES },
  'GET years': { A: ['recorder', 'supervisor', 'auditor', 'finance', 'admin'], B: [] },
  'GET export': { A: ['recorder', 'supervisor', 'auditor', 'finance', 'admin'], B: [] },
  'GET live': { A: ['recorder', 'supervisor', 'auditor', 'finance', 'admin'], B: [] },
  GrantLockException: { A: ['supervisor'], B: [] },
  SubmitAggregateReport: { A: ['recorder'], B: [] },
  DrawSample: { A: ['supervisor', 'auditor'], B: [] },
  RecordVerificationVisit: { A: ['supervisor', 'auditor'], B: [] },
  'POST seal': { A: ['auditor'], B: [] },
  'GET seal': { A: ['supervisor', 'auditor'], B: [] },
  'GET inclusion proof': { A: ['supervisor', 'auditor'], B: [] },
  'GET consistency proof': { A: ['supervisor', 'auditor'], B: [] },
  'GET public key': { A: ROLES, B: ROLES },
  'GET reconciliation': { A: ['supervisor', 'auditor'], B: [] },
  'POST sample': { A: ['supervisor', 'auditor'], B: [] },
  'GET sample': { A: ['supervisor', 'auditor'], B: [] },
  'GET sample export': { A: ['supervisor', 'auditor'], B: [] },
  AcknowledgeAlert: { A: ['supervisor'], B: [] },
  ConfirmAlert: { A: ['supervisor'], B: [] },
  DismissAlert: { A: ['supervisor'], B: [] },
  'GET alerts': { A: ['supervisor', 'auditor'], B: [] },
  'GET alert': { A: ['supervisor', 'auditor'], B: [] },
  AllocateFunds: { A: ['finance'], B: [] },
  DisburseFunds: { A: ['finance'], B: [] },
  SettleFunds: { A: ['finance'], B: [] },
  RecoverFunds: { A: ['finance'], B: [] },
  'GET funds': { A: ['auditor', 'finance'], B: [] },
  'GET funds trace': { A: ['auditor', 'finance'], B: [] },
  'GET funds export': { A: ['auditor', 'finance'], B: [] },
};

describe('access matrix: role × unit scope × command and endpoint', () => {
  let api: RunningApi;
  let n = 0;
  const id = (p: string) => `${p}-${(n += 1)}`;
  const cmd = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: id('c'),
    occurredAt: '2024-02-01',
    ...fields,
  });
  const root = async (body: Record<string, unknown>) => {
    const r = await api.post('/api/v1/commands', body);
    if (r.status >= 300) throw new Error(`${String(body.type)}: ${JSON.stringify(r.body)}`);
  };
  const resident = async (
    u: Units,
    extra: (rid: string) => Record<string, unknown>[] = () => [],
  ) => {
    const rid = id('r');
    await root(
      cmd('RegisterResident', {
        residentId: rid,
        birthDate: '1950-01-01',
        sex: 'female',
        unitId: u.centre,
        occurredAt: '2020-01-01',
      }),
    );
    for (const c of extra(rid)) await root(c);
    return rid;
  };
  // Notified on 20 January, treated since the 18th: the commands' day is in the treatment.
  const tbPatient = (u: Units) => ({
    doctorId: u.doctor,
    treatmentStart: '2024-01-18',
    regimen: 'initial',
    dosing: 'daily',
    occurredAt: '2024-01-20',
  });
  const tbResident = (u: Units) =>
    resident(u, (rid) => [
      cmd('RegisterTuberculosisPatient', { residentId: rid, ...tbPatient(u) }),
    ]);
  /** A woman of 30, for maternal care. */
  const woman = async (u: Units, extra: (rid: string) => Record<string, unknown>[] = () => []) => {
    const rid = id('r');
    await root(
      cmd('RegisterResident', {
        residentId: rid,
        birthDate: '1994-01-01',
        sex: 'female',
        unitId: u.centre,
        occurredAt: '2020-01-01',
      }),
    );
    for (const c of extra(rid)) await root(c);
    return rid;
  };
  const delivery = (u: Units, residentId: string, on: string) =>
    cmd('RecordDelivery', {
      residentId,
      doctorId: u.doctor,
      place: 'hospital',
      liveBirths: [{ childId: id('b'), sex: 'male', birthWeightGrams: 3300 }],
      occurredAt: on,
    });
  const station = async (u: Units) => {
    const sid = id('s');
    await root(
      cmd('RegisterOrgUnit', {
        unitId: sid,
        name: sid,
        kind: 'station',
        parentId: u.centre,
        occurredAt: '2020-01-01',
      }),
    );
    return sid;
  };
  const post = (body: unknown) => ({ method: 'POST' as const, path: '/api/v1/commands', body });
  const checkup = (rid: string, u: Units, recordId: string) =>
    cmd('RecordCheckup', {
      residentId: rid,
      recordId,
      doctorId: u.doctor,
      kind: 'elderly_annual',
      complete: true,
      vitals: { systolic: 130, diastolic: 80 },
    });
  const contract = (rid: string, u: Units, contractId: string) =>
    cmd('SignContract', {
      residentId: rid,
      contractId,
      doctorId: u.doctor,
      start: '2024-01-01',
      end: '2024-12-31',
    });
  const futureDay = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const sampleOf = (u: Units) => ({
    sampleId: id('sample'),
    indicator: 'elderly_health_management',
    unitId: u.centre,
    period: 2024,
    size: 1,
    population: 'all',
  });
  /** A sample drawn by the root actor over at least one resident of the centre. */
  const drawn = async (u: Units) => {
    await resident(u);
    const body = sampleOf(u);
    const r = await api.post('/api/v1/samples', body);
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    const sample = await api.get(`/api/v1/samples/${body.sampleId}`);
    const first = JSON.stringify(sample.body).match(/"residentId":"([^"]+)"/);
    return { sampleId: body.sampleId, residentId: first![1] };
  };
  /** A seal of 2023 for the centre, taken by the root actor; its id. */
  const sealed = async (u: Units) => {
    const r = await api.post('/api/v1/seals', { period: 2023, unitId: u.centre });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r.body.sealId as string;
  };
  /** An actor of the centre holding what the centre's admin holds, so only the scope decides. */
  const actorIn = async (u: Units) => (await api.keyFor(['admin'], u.centre)).actorId;
  /** An open alert about a new resident of the centre, raised by the operator (as detect does). */
  const alertIn = async (u: Units) => {
    const rid = await resident(u);
    const [registered] = await api.store.readStream(`resident-${rid}`);
    const draft = {
      detector: 'after-death' as const,
      subject: { kind: 'resident' as const, id: rid },
      period: 2024,
      score: 1,
      severity: 'low' as const,
      explanation: { zh: '测试', en: 'test' },
      evidence: [registered.eventId],
    };
    const ctx = {
      store: api.store,
      clock: systemClock,
      actor: 'operator',
      catalog: ALERT_ACTIONS_BY_TYPE,
    };
    if ((await raiseDraft(ctx, draft, u.centre, '2024-02-01')) !== 'raised') throw new Error(rid);
    return alertId(draft);
  };
  /** 2023 funds allocated to the centre by the root actor, and part paid on to a new station. */
  const funded = async (u: Units) => {
    const sid = await station(u);
    await root(
      cmd('AllocateFunds', {
        unitId: u.centre,
        year: 2023,
        sourceLevel: 'district',
        amountFen: 100_000,
      }),
    );
    await root(
      cmd('DisburseFunds', {
        fromUnitId: u.centre,
        toUnitId: sid,
        year: 2023,
        kind: 'pre_disbursement',
        amountFen: 70_000,
        note: '预拨',
      }),
    );
    return sid;
  };
  const handle = (type: string) => async (u: Units) =>
    post(cmd(type, { alertId: await alertIn(u), reason: 'looked at the paper record' }));

  const CASES: Case[] = [
    {
      name: 'RegisterOrgUnit',
      arrange: async (u) =>
        post(
          cmd('RegisterOrgUnit', {
            unitId: id('s'),
            name: 'new station',
            kind: 'station',
            parentId: u.centre,
          }),
        ),
    },
    {
      name: 'RenameOrgUnit',
      arrange: async (u) =>
        post(cmd('RenameOrgUnit', { unitId: await station(u), name: 'renamed' })),
    },
    {
      name: 'MoveOrgUnit',
      arrange: async (u) => {
        const [s1, s2, team] = [await station(u), await station(u), id('t')];
        await root(
          cmd('RegisterOrgUnit', {
            unitId: team,
            name: team,
            kind: 'team',
            parentId: s1,
            occurredAt: '2020-01-01',
          }),
        );
        return post(cmd('MoveOrgUnit', { unitId: team, parentId: s2 }));
      },
    },
    {
      name: 'CloseOrgUnit',
      arrange: async (u) => post(cmd('CloseOrgUnit', { unitId: await station(u) })),
    },
    {
      name: 'RegisterDoctor',
      arrange: async (u) => post(cmd('RegisterDoctor', { doctorId: id('d'), unitId: u.centre })),
    },
    {
      name: 'AssignTargets',
      arrange: async (u) =>
        post(
          cmd('AssignTargets', {
            unitId: u.centre,
            year: 2024,
            targets: [{ indicator: 'population', count: (n += 1) }],
          }),
        ),
    },
    {
      name: 'RegisterResident',
      arrange: async (u) =>
        post(
          cmd('RegisterResident', {
            residentId: id('r'),
            birthDate: '1950-01-01',
            sex: 'male',
            unitId: u.centre,
          }),
        ),
    },
    {
      name: 'CorrectResidentIdentity',
      arrange: async (u) =>
        post(
          cmd('CorrectResidentIdentity', {
            residentId: await resident(u),
            identity: { phone: '13800000009' },
          }),
        ),
    },
    {
      name: 'EraseResidentIdentity',
      arrange: async (u) =>
        post(
          cmd('EraseResidentIdentity', {
            residentId: await resident(u),
            reason: '本人申请删除',
          }),
        ),
    },
    {
      name: 'UpdateResidentTags',
      arrange: async (u) =>
        post(cmd('UpdateResidentTags', { residentId: await resident(u), add: ['disabled'] })),
    },
    {
      name: 'ReassignResident',
      arrange: async (u) =>
        post(cmd('ReassignResident', { residentId: await resident(u), unitId: await station(u) })),
    },
    {
      name: 'RecordResidentMovedOut',
      arrange: async (u) => post(cmd('RecordResidentMovedOut', { residentId: await resident(u) })),
    },
    {
      name: 'RecordResidentDeath',
      arrange: async (u) => post(cmd('RecordResidentDeath', { residentId: await resident(u) })),
    },
    { name: 'SignContract', arrange: async (u) => post(contract(await resident(u), u, id('k'))) },
    {
      name: 'RenewContract',
      arrange: async (u) =>
        post(
          cmd('RenewContract', {
            residentId: await resident(u, (rid) => [contract(rid, u, 'k1')]),
            contractId: 'k1',
            newEnd: '2025-12-31',
          }),
        ),
    },
    {
      name: 'TerminateContract',
      arrange: async (u) =>
        post(
          cmd('TerminateContract', {
            residentId: await resident(u, (rid) => [contract(rid, u, 'k1')]),
            contractId: 'k1',
            reason: 'moved',
          }),
        ),
    },
    { name: 'RecordCheckup', arrange: async (u) => post(checkup(await resident(u), u, 'ck')) },
    {
      name: 'RecordTcmAssessment',
      arrange: async (u) =>
        post(
          cmd('RecordTcmAssessment', {
            residentId: await resident(u),
            doctorId: u.doctor,
            constitution: 'qi_deficiency',
          }),
        ),
    },
    {
      name: 'OpenHealthRecord',
      arrange: async (u) =>
        post(cmd('OpenHealthRecord', { residentId: await resident(u), doctorId: u.doctor })),
    },
    {
      name: 'ReviewHealthRecord',
      arrange: async (u) =>
        post(
          cmd('ReviewHealthRecord', {
            residentId: await resident(u, (rid) => [
              cmd('OpenHealthRecord', { residentId: rid, doctorId: u.doctor }),
            ]),
            doctorId: u.doctor,
            missing: ['health_examination'],
          }),
        ),
    },
    {
      name: 'RegisterMentalDisorderPatient',
      arrange: async (u) =>
        post(
          cmd('RegisterMentalDisorderPatient', {
            residentId: await resident(u),
            doctorId: u.doctor,
            diagnosis: 'bipolar',
            consent: true,
          }),
        ),
    },
    {
      name: 'RecordMentalHealthFollowUp',
      arrange: async (u) =>
        post(
          cmd('RecordMentalHealthFollowUp', {
            residentId: await resident(u, (rid) => [
              cmd('RegisterMentalDisorderPatient', {
                residentId: rid,
                doctorId: u.doctor,
                diagnosis: 'bipolar',
                consent: true,
              }),
            ]),
            doctorId: u.doctor,
            mode: 'phone',
            status: 'stable',
            onMedication: true,
          }),
        ),
    },
    {
      name: 'RecordChildTcmGuidance',
      arrange: async (u) => {
        // Born 1 August 2023: six months old on the commands' day, 1 February 2024.
        const rid = id('r');
        await root(
          cmd('RegisterResident', {
            residentId: rid,
            birthDate: '2023-08-01',
            sex: 'male',
            unitId: u.centre,
            occurredAt: '2023-08-10',
          }),
        );
        return post(
          cmd('RecordChildTcmGuidance', { residentId: rid, doctorId: u.doctor, ageMonths: 6 }),
        );
      },
    },
    ...(['IssueVaccinationCertificate', 'RecordVaccineDose'] as const).map((type) => ({
      name: type,
      arrange: async (u: Units) => {
        // Born 1 August 2023: a child 0–6, and HepB 1 is due from birth.
        const rid = id('r');
        await root(
          cmd('RegisterResident', {
            residentId: rid,
            birthDate: '2023-08-01',
            sex: 'male',
            unitId: u.centre,
            occurredAt: '2023-08-10',
          }),
        );
        const dose = type === 'RecordVaccineDose' ? { vaccine: 'HepB', dose: 1 } : {};
        return post(cmd(type, { residentId: rid, doctorId: u.doctor, ...dose }));
      },
    })),
    {
      name: 'RegisterTuberculosisPatient',
      arrange: async (u) =>
        post(
          cmd('RegisterTuberculosisPatient', { residentId: await resident(u), ...tbPatient(u) }),
        ),
    },
    {
      name: 'RecordTbFirstVisit',
      arrange: async (u) =>
        post(
          cmd('RecordTbFirstVisit', {
            residentId: await tbResident(u),
            doctorId: u.doctor,
            supervisor: 'medical_staff',
          }),
        ),
    },
    {
      name: 'RecordTbMedication',
      arrange: async (u) =>
        post(
          cmd('RecordTbMedication', {
            residentId: await tbResident(u),
            doctorId: u.doctor,
            month: '2024-01',
            dosesDue: 14,
            dosesTaken: 14,
          }),
        ),
    },
    {
      name: 'RecordTbFollowUp',
      arrange: async (u) =>
        post(
          cmd('RecordTbFollowUp', {
            residentId: await tbResident(u),
            doctorId: u.doctor,
            mode: 'face_to_face_clinic',
            phase: 'intensive',
            adverseReaction: false,
          }),
        ),
    },
    {
      name: 'RecordTbTreatmentEnd',
      arrange: async (u) =>
        post(
          cmd('RecordTbTreatmentEnd', {
            residentId: await tbResident(u),
            doctorId: u.doctor,
            outcome: 'lost',
          }),
        ),
    },
    {
      name: 'RecordNewbornVisit',
      arrange: async (u) => {
        // Born 25 January 2024, home on the 27th: the commands' day, 1 February, is day 5.
        const rid = id('r');
        await root(
          cmd('RegisterResident', {
            residentId: rid,
            birthDate: '2024-01-25',
            sex: 'female',
            unitId: u.centre,
            occurredAt: '2024-01-26',
          }),
        );
        return post(
          cmd('RecordNewbornVisit', {
            residentId: rid,
            doctorId: u.doctor,
            dischargedOn: '2024-01-27',
            eyeExamined: true,
          }),
        );
      },
    },
    {
      name: 'RecordChildCheckup',
      arrange: async (u) => {
        // Born 1 August 2023: six months old on the commands' day, 1 February 2024.
        const rid = id('r');
        await root(
          cmd('RegisterResident', {
            residentId: rid,
            birthDate: '2023-08-01',
            sex: 'male',
            unitId: u.centre,
            occurredAt: '2023-08-10',
          }),
        );
        return post(
          cmd('RecordChildCheckup', {
            residentId: rid,
            doctorId: u.doctor,
            ageMonths: 6,
            eyeExamined: true,
          }),
        );
      },
    },
    {
      name: 'RegisterPregnancy',
      arrange: async (u) =>
        post(
          cmd('RegisterPregnancy', {
            residentId: await woman(u),
            doctorId: u.doctor,
            gestationalWeek: 8,
          }),
        ),
    },
    {
      name: 'RecordAntenatalCheck',
      arrange: async (u) =>
        post(
          cmd('RecordAntenatalCheck', {
            residentId: await woman(u, (r) => [
              cmd('RegisterPregnancy', {
                residentId: r,
                doctorId: u.doctor,
                gestationalWeek: 8,
                occurredAt: '2024-01-20',
              }),
            ]),
            doctorId: u.doctor,
            gestationalWeek: 9,
          }),
        ),
    },
    {
      name: 'RecordDelivery',
      arrange: async (u) =>
        post(
          cmd('RecordDelivery', {
            residentId: await woman(u),
            doctorId: u.doctor,
            place: 'hospital',
            liveBirths: [{ childId: id('b'), sex: 'female', birthWeightGrams: 3200 }],
          }),
        ),
    },
    {
      name: 'RecordPostpartumVisit',
      arrange: async (u) =>
        post(
          cmd('RecordPostpartumVisit', {
            residentId: await woman(u, (r) => [delivery(u, r, '2024-01-20')]),
            doctorId: u.doctor,
          }),
        ),
    },
    {
      name: 'RecordPostpartumCheck',
      // Delivered 15 December: the commands' day, 1 February, is day 48.
      arrange: async (u) =>
        post(
          cmd('RecordPostpartumCheck', {
            residentId: await woman(u, (r) => [delivery(u, r, '2023-12-15')]),
            doctorId: u.doctor,
          }),
        ),
    },
    {
      name: 'RecordHealthEducationActivity',
      arrange: async (u) =>
        post(
          cmd('RecordHealthEducationActivity', {
            unitId: u.centre,
            doctorId: u.doctor,
            kind: 'lecture',
            title: '高血压防治',
            audience: 30,
          }),
        ),
    },
    {
      name: 'RecordInfectiousDiseaseCase',
      arrange: async (u) =>
        post(
          cmd('RecordInfectiousDiseaseCase', {
            unitId: u.centre,
            doctorId: u.doctor,
            disease: '手足口病',
            diseaseClass: 'C',
            occurredAt: '2024-02-01T09:00:00+08:00',
            reportedAt: '2024-02-01T11:00:00+08:00',
          }),
        ),
    },
    {
      name: 'RecordHealthSupervisionReport',
      arrange: async (u) =>
        post(
          cmd('RecordHealthSupervisionReport', {
            unitId: u.centre,
            doctorId: u.doctor,
            kind: 'water_safety',
          }),
        ),
    },
    {
      name: 'EnrollChronicCare',
      arrange: async (u) =>
        post(cmd('EnrollChronicCare', { residentId: await resident(u), condition: 'diabetes' })),
    },
    {
      name: 'RecordFollowUp',
      arrange: async (u) => {
        const rid = await resident(u, (r) => [
          cmd('EnrollChronicCare', {
            residentId: r,
            condition: 'hypertension',
            occurredAt: '2024-01-05',
          }),
        ]);
        return post(
          cmd('RecordFollowUp', {
            residentId: rid,
            doctorId: u.doctor,
            condition: 'hypertension',
            mode: 'phone',
            systolic: 128,
            diastolic: 82,
          }),
        );
      },
    },
    {
      name: 'CorrectRecord',
      arrange: async (u) =>
        post(
          cmd('CorrectRecord', {
            residentId: await resident(u, (r) => [checkup(r, u, 'ck')]),
            recordId: 'ck',
            reason: 'typo',
            changes: { complete: false },
          }),
        ),
    },
    {
      name: 'VoidRecord',
      arrange: async (u) =>
        post(
          cmd('VoidRecord', {
            residentId: await resident(u, (r) => [checkup(r, u, 'ck')]),
            recordId: 'ck',
            reason: 'duplicate',
          }),
        ),
    },
    {
      name: 'GET resident timeline',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/residents/${await resident(u)}/timeline`,
      }),
    },
    {
      name: 'GET resident identity',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/residents/${await resident(u)}/identity`,
      }),
    },
    {
      name: 'GET reads of a resident',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/audit/reads?residentId=${await resident(u)}`,
      }),
    },
    {
      name: 'GET all reads',
      arrange: async () => ({ method: 'GET', path: '/api/v1/audit/reads?limit=5' }),
    },
    {
      name: 'POST actor',
      arrange: async (u) => ({
        method: 'POST',
        path: '/api/v1/actors',
        body: { name: 'new admin', roles: ['admin'], unitId: u.centre },
      }),
    },
    {
      name: 'POST actor revoke',
      arrange: async (u) => ({
        method: 'POST',
        path: `/api/v1/actors/${await actorIn(u)}/revoke`,
        body: { reason: 'left' },
      }),
    },
    {
      name: 'POST actor key rotation',
      arrange: async (u) => ({
        method: 'POST',
        path: `/api/v1/actors/${await actorIn(u)}/keys`,
        body: {},
      }),
    },
    { name: 'GET actors', arrange: async () => ({ method: 'GET', path: '/api/v1/actors' }) },
    {
      name: 'GET rates',
      arrange: async (u) => ({ method: 'GET', path: `/api/v1/rates?period=2024&unit=${u.centre}` }),
    },
    {
      name: 'GET lineage',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/rates/elderly_health_management/lineage?period=2024&unit=${u.centre}`,
      }),
    },
    {
      name: 'GET progress',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/progress?period=2024&unit=${u.centre}`,
      }),
    },
    { name: 'GET me', arrange: async () => ({ method: 'GET', path: '/api/v1/me' }) },
    {
      name: 'GET years',
      arrange: async (u) => ({ method: 'GET', path: `/api/v1/years?unit=${u.centre}` }),
    },
    {
      name: 'GET export',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/export?period=2024&format=csv&unit=${u.centre}`,
      }),
    },
    {
      name: 'GET live',
      arrange: async (u) => ({
        method: 'STREAM',
        path: `/api/v1/live?period=2024&unit=${u.centre}`,
      }),
    },
    {
      name: 'GrantLockException',
      arrange: async (u) =>
        post(
          cmd('GrantLockException', {
            unitId: u.centre,
            year: 2023,
            reason: 'late clinic batch',
            expiresAt: futureDay,
          }),
        ),
    },
    {
      name: 'SubmitAggregateReport',
      arrange: async (u) =>
        post(
          cmd('SubmitAggregateReport', {
            unitId: u.centre,
            period: 2024,
            claims: [{ indicator: 'elderly_health_management', numerator: 0, denominator: 1 }],
          }),
        ),
    },
    { name: 'DrawSample', arrange: async (u) => post(cmd('DrawSample', sampleOf(u))) },
    {
      name: 'RecordVerificationVisit',
      arrange: async (u) => {
        const sample = await drawn(u);
        return post(
          cmd('RecordVerificationVisit', {
            sampleId: sample.sampleId,
            residentId: sample.residentId,
            result: 'confirmed',
            occurredAt: new Date().toISOString(),
          }),
        );
      },
    },
    {
      name: 'POST seal',
      arrange: async (u) => ({
        method: 'POST',
        path: '/api/v1/seals',
        body: { period: 2023, unitId: u.centre },
      }),
    },
    {
      name: 'GET seal',
      arrange: async (u) => ({ method: 'GET', path: `/api/v1/seals/${await sealed(u)}` }),
    },
    {
      name: 'GET inclusion proof',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/seals/${await sealed(u)}/inclusion/1`,
      }),
    },
    {
      name: 'GET consistency proof',
      arrange: async (u) => {
        const first = await sealed(u);
        await root(
          cmd('RegisterResident', {
            residentId: id('r'),
            birthDate: '1950-01-01',
            sex: 'male',
            unitId: u.centre,
            occurredAt: '2020-01-01',
          }),
        );
        return { method: 'GET', path: `/api/v1/seals/${first}/consistency/${await sealed(u)}` };
      },
    },
    {
      name: 'GET public key',
      arrange: async () => ({ method: 'GET', path: '/api/v1/ledger/public-key' }),
    },
    {
      name: 'GET reconciliation',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/reconciliation?period=2024&unit=${u.centre}`,
      }),
    },
    {
      name: 'POST sample',
      arrange: async (u) => ({ method: 'POST', path: '/api/v1/samples', body: sampleOf(u) }),
    },
    {
      name: 'GET sample',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/samples/${(await drawn(u)).sampleId}`,
      }),
    },
    {
      name: 'GET sample export',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/samples/${(await drawn(u)).sampleId}/export?format=csv`,
      }),
    },
    {
      name: 'AllocateFunds',
      arrange: async (u) =>
        post(
          cmd('AllocateFunds', {
            unitId: u.centre,
            year: 2024,
            sourceLevel: 'central',
            amountFen: 1000,
          }),
        ),
    },
    {
      name: 'DisburseFunds',
      arrange: async (u) =>
        post(
          cmd('DisburseFunds', {
            fromUnitId: u.centre,
            toUnitId: await funded(u),
            year: 2023,
            kind: 'pre_disbursement',
            amountFen: 1000,
            note: '预拨',
          }),
        ),
    },
    {
      name: 'SettleFunds',
      arrange: async (u) => {
        const sid = await funded(u);
        const sealId = await sealed(u);
        return post(
          cmd('SettleFunds', {
            unitId: u.centre,
            toUnitId: sid,
            year: 2023,
            sealId,
            note: '年度结算',
          }),
        );
      },
    },
    {
      name: 'RecoverFunds',
      arrange: async (u) =>
        post(
          cmd('RecoverFunds', {
            unitId: u.centre,
            fromUnitId: await funded(u),
            year: 2023,
            amountFen: 1000,
            reason: '核查不实',
          }),
        ),
    },
    {
      name: 'GET funds',
      arrange: async (u) => ({ method: 'GET', path: `/api/v1/funds?year=2023&unit=${u.centre}` }),
    },
    {
      name: 'GET funds trace',
      arrange: async (u) => {
        await funded(u);
        const events = await api.store.readStream(`funds-${u.centre}-2023`);
        const last = events.filter((e) => e.type === 'FundsDisbursed').pop()!;
        return { method: 'GET', path: `/api/v1/funds/trace/${last.eventId}` };
      },
    },
    {
      name: 'GET funds export',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/funds/export?year=2023&unit=${u.centre}`,
      }),
    },
    { name: 'AcknowledgeAlert', arrange: handle('AcknowledgeAlert') },
    { name: 'ConfirmAlert', arrange: handle('ConfirmAlert') },
    { name: 'DismissAlert', arrange: handle('DismissAlert') },
    {
      name: 'GET alerts',
      arrange: async (u) => ({
        method: 'GET',
        path: `/api/v1/alerts?period=2024&unit=${u.centre}`,
      }),
    },
    {
      name: 'GET alert',
      arrange: async (u) => ({ method: 'GET', path: `/api/v1/alerts/${await alertIn(u)}` }),
    },
  ];

  const units: Record<Scope, Units> = {
    A: { centre: 'centre-a', doctor: 'doc-a', fresh: 'a' },
    B: { centre: 'centre-b', doctor: 'doc-b', fresh: 'b' },
  };
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startApi();
    await root(
      cmd('RegisterOrgUnit', {
        unitId: 'district',
        name: '环翠区',
        kind: 'district',
        occurredAt: '2020-01-01',
      }),
    );
    for (const u of Object.values(units)) {
      await root(
        cmd('RegisterOrgUnit', {
          unitId: u.centre,
          name: u.centre,
          kind: 'community_centre',
          parentId: 'district',
          occurredAt: '2020-01-01',
        }),
      );
      await root(
        cmd('RegisterDoctor', { doctorId: u.doctor, unitId: u.centre, occurredAt: '2020-01-01' }),
      );
    }
    for (const role of ROLES) keys[role] = (await api.keyFor([role], units.A.centre)).key;
  });
  afterAll(async () => api?.close());

  it('covers every command a sender may submit', async () => {
    const { publicActions } = await import('@libs/commands');
    for (const { type } of publicActions()) expect(Object.keys(ALLOWED)).toContain(type);
    expect(CASES.map((c) => c.name).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  /** An event stream never ends: look at the status (and the error body), then hang up. */
  const openStream = async (path: string, key: string) => {
    const controller = new AbortController();
    const response = await fetch(`${api.base}${path}`, {
      headers: { authorization: `Bearer ${key}` },
      signal: controller.signal,
    });
    const body = response.status < 300 ? undefined : await response.json();
    controller.abort();
    return { status: response.status, body };
  };

  const combos = CASES.flatMap((c) =>
    ROLES.flatMap((role) => (['A', 'B'] as Scope[]).map((scope) => [c.name, role, scope] as const)),
  );
  it.each(combos)('%s as %s in scope %s', async (name, role, scope) => {
    const request = await CASES.find((c) => c.name === name)!.arrange(units[scope]);
    const reply =
      request.method === 'STREAM'
        ? await openStream(request.path, keys[role])
        : request.method === 'GET'
          ? await api.get(request.path, keys[role])
          : await api.post(request.path, request.body, keys[role]);
    const allowed = ALLOWED[name][scope].includes(role);
    if (allowed) {
      expect({ status: reply.status, body: reply.status < 300 ? 'ok' : reply.body }).toEqual({
        status: expect.any(Number),
        body: 'ok',
      });
    } else {
      expect({
        status: reply.status,
        error: reply.body?.error,
        message: reply.body?.message,
      }).toEqual({ status: 403, error: 'FORBIDDEN', message: BILINGUAL });
    }
  });
});

/** Every refusal answers in both languages. */
const BILINGUAL = { zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.stringMatching(/\w/) };

/**
 * Escalation: every actor tries to hand out every role in every scope (a new actor, or a new key
 * for an existing actor, which hands out everything that actor holds), and every actor tries to
 * seal every unit. What may pass is written out below; everything else must be a 403 naming
 * what was refused, in both languages, with nothing appended to the log.
 */
type Place = 'A' | 'A-station' | 'B' | 'district' | 'all';
const PLACES: Record<Place, string | undefined> = {
  A: 'centre-a',
  'A-station': 'station-a',
  B: 'centre-b',
  district: 'district',
  all: undefined,
};
const EVERYWHERE: Place[] = ['A', 'A-station', 'B', 'district', 'all'];
const UNDER_DISTRICT: Place[] = ['A', 'A-station', 'B', 'district'];
const UNDER_A: Place[] = ['A', 'A-station'];

/** Who acts, and the places inside its scope (written out, not computed). */
const ACTING: Record<string, { roles: Role[]; unitId?: string; inside: Place[] }> = {
  'recorder@A': { roles: ['recorder'], unitId: 'centre-a', inside: UNDER_A },
  'supervisor@A': { roles: ['supervisor'], unitId: 'centre-a', inside: UNDER_A },
  'auditor@A': { roles: ['auditor'], unitId: 'centre-a', inside: UNDER_A },
  'finance@A': { roles: ['finance'], unitId: 'centre-a', inside: UNDER_A },
  'admin@A': { roles: ['admin'], unitId: 'centre-a', inside: UNDER_A },
  'admin+recorder@A': { roles: ['admin', 'recorder'], unitId: 'centre-a', inside: UNDER_A },
  'admin@district': { roles: ['admin'], unitId: 'district', inside: UNDER_DISTRICT },
  'admin@all': { roles: ['admin'], inside: EVERYWHERE },
  'auditor@district': { roles: ['auditor'], unitId: 'district', inside: UNDER_DISTRICT },
  'auditor@all': { roles: ['auditor'], inside: EVERYWHERE },
};

/** Which (role, place) each actor may hand out; absent: nothing. */
const MAY_GRANT: Record<string, Partial<Record<Role, Place[]>>> = {
  'recorder@A': {},
  'supervisor@A': {},
  'auditor@A': {},
  'finance@A': {},
  'admin@A': { admin: UNDER_A },
  'admin+recorder@A': { admin: UNDER_A, recorder: UNDER_A },
  'admin@district': { admin: UNDER_DISTRICT },
  'admin@all': { admin: EVERYWHERE },
  'auditor@district': {},
  'auditor@all': {},
};

/** Which units each actor may seal ('all': no unit named, the top of the tree). */
const MAY_SEAL: Record<string, Place[]> = {
  'recorder@A': [],
  'supervisor@A': [],
  'auditor@A': UNDER_A,
  'finance@A': [],
  'admin@A': [],
  'admin+recorder@A': [],
  'admin@district': [],
  'admin@all': [],
  'auditor@district': UNDER_DISTRICT,
  'auditor@all': EVERYWHERE,
};

describe('escalation matrix: nobody grants more than they hold, nobody seals outside scope', () => {
  let api: RunningApi;
  let n = 0;
  const keys: Record<string, string> = {};
  const root = async (body: Record<string, unknown>) => {
    const r = await api.post('/api/v1/commands', {
      commandId: `e-${(n += 1)}`,
      occurredAt: '2020-01-01',
      ...body,
    });
    if (r.status >= 300) throw new Error(`${String(body.type)}: ${JSON.stringify(r.body)}`);
  };

  beforeAll(async () => {
    api = await startApi();
    await root({ type: 'RegisterOrgUnit', unitId: 'district', name: '环翠区', kind: 'district' });
    for (const [unitId, parentId, kind] of [
      ['centre-a', 'district', 'community_centre'],
      ['centre-b', 'district', 'community_centre'],
      ['station-a', 'centre-a', 'station'],
    ])
      await root({ type: 'RegisterOrgUnit', unitId, name: unitId, kind, parentId });
    for (const [who, { roles, unitId }] of Object.entries(ACTING))
      keys[who] = (await api.keyFor(roles, unitId)).key;
  });
  afterAll(async () => api?.close());

  /**
   * The refusal in both languages names something that was refused: the permission or role
   * missing, a role not held, or a unit (or all units) outside the scope.
   */
  const expectRefusal = async (
    reply: Reply,
    before: number,
    named: { en: string[]; zh: string[] },
  ) => {
    expect({
      status: reply.status,
      error: reply.body?.error,
      message: reply.body?.message,
    }).toEqual({ status: 403, error: 'FORBIDDEN', message: BILINGUAL });
    const { zh, en } = reply.body.message as { zh: string; en: string };
    expect({
      en: named.en.some((x) => en.includes(x)),
      zh: named.zh.some((x) => zh.includes(x)),
    }).toEqual({ en: true, zh: true });
    expect(await api.store.headPosition()).toBe(before);
  };
  const unitNamed = (place: Place) => ({
    en: [PLACES[place] ?? 'all units'],
    zh: [PLACES[place] ?? '全部机构'],
  });
  /** What the answer must name: no right to manage actors, else the scope, else the role. */
  const refusedGrant = (who: string, role: Role, place: Place) =>
    !ACTING[who].roles.includes('admin')
      ? { en: ['actors:manage'], zh: ['actors:manage'] }
      : !ACTING[who].inside.includes(place)
        ? unitNamed(place)
        : { en: [role], zh: [role] };
  /** Not an auditor, else the unit (or the whole tree) outside its scope. */
  const refusedSeal = (who: string, place: Place) =>
    !ACTING[who].roles.includes('auditor')
      ? { en: ['not an auditor'], zh: ['不是审计员'] }
      : unitNamed(place);
  /** A key the ledger still accepts: any authenticated route answers other than 401. */
  const accepted = async (key: string) => (await api.get('/api/v1/actors', key)).status !== 401;

  const grants = Object.keys(ACTING).flatMap((who) =>
    ROLES.flatMap((role) => EVERYWHERE.map((place) => [who, role, place] as const)),
  );

  it.each(grants)('%s adds an actor: %s in %s', async (who, role, place) => {
    const before = await api.store.headPosition();
    const reply = await api.post(
      '/api/v1/actors',
      { name: `${role} by ${who}`, roles: [role], unitId: PLACES[place] },
      keys[who],
    );
    if (MAY_GRANT[who][role]?.includes(place)) {
      expect({ status: reply.status, key: typeof reply.body?.key }).toEqual({
        status: 201,
        key: 'string',
      });
      // The new actor holds exactly what was granted, where it was granted.
      const listed = (await api.get('/api/v1/actors')).body as { actorId: string }[];
      expect(listed.find((a) => a.actorId === reply.body.actorId)).toMatchObject({
        roles: [role],
        unitId: PLACES[place] ?? null,
      });
    } else {
      await expectRefusal(reply, before, refusedGrant(who, role, place));
    }
  });

  const rotations = Object.keys(ACTING).flatMap((who) =>
    ROLES.flatMap((role) => (['A', 'B'] as Place[]).map((place) => [who, role, place] as const)),
  );

  it.each(rotations)('%s rotates the key of a %s in %s', async (who, role, place) => {
    const holder = await api.keyFor([role], PLACES[place]);
    const before = await api.store.headPosition();
    const reply = await api.post(`/api/v1/actors/${holder.actorId}/keys`, {}, keys[who]);
    if (MAY_GRANT[who][role]?.includes(place)) {
      expect(reply.status).toBe(201);
      expect({ old: await accepted(holder.key), new: await accepted(reply.body.key) }).toEqual({
        old: false,
        new: true,
      });
    } else {
      await expectRefusal(reply, before, refusedGrant(who, role, place));
      // A refused rotation revoked nothing: the holder's key still works.
      expect(await accepted(holder.key)).toBe(true);
    }
  });

  const seals = Object.keys(ACTING).flatMap((who) =>
    EVERYWHERE.map((place) => [who, place] as const),
  );

  it.each(seals)('%s seals 2022 for %s', async (who, place) => {
    const before = await api.store.headPosition();
    const unitId = PLACES[place];
    const reply = await api.post('/api/v1/seals', { period: 2022, unitId }, keys[who]);
    if (MAY_SEAL[who].includes(place)) {
      expect({ status: reply.status, unitId: reply.body?.unitId ?? null }).toEqual({
        status: 201,
        unitId: unitId ?? expect.any(String),
      });
    } else {
      await expectRefusal(reply, before, refusedSeal(who, place));
    }
  });
});
