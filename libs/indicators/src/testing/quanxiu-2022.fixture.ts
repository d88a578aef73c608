/**
 * Quanxiu street (泉秀街道, Fengze district, Quanzhou), Q4 2022 catch-up plan (domain.md, "A
 * street's catch-up plan"). The hand-made table is kept here as literal data, and a ledger is
 * built, through the real commands and deciders, whose numbers on 1 November 2022 give the same
 * task and open counts, so a test can show which of the table's cells a ledger-derived pace
 * would have stated differently.
 */

/** One row of the hand-made table, as published (HTN: hypertension; 65+: elderly management). */
export interface QuanxiuRow {
  community: string;
  htnTask: number;
  htnOpen: number;
  htnPerDay: number;
  residents65: number;
  elderlyTask: number;
  elderlyOpen: number;
  elderlyPerDay: number;
  tcmTask: number;
  tcmOpen: number;
  tcmPerDay: number;
}

const row = (community: string, ...n: number[]): QuanxiuRow => ({
  community,
  htnTask: n[0],
  htnOpen: n[1],
  htnPerDay: n[2],
  residents65: n[3],
  elderlyTask: n[4],
  elderlyOpen: n[5],
  elderlyPerDay: n[6],
  tcmTask: n[7],
  tcmOpen: n[8],
  tcmPerDay: n[9],
});

/** The table exactly as domain.md gives it, total row included. */
export const QUANXIU_HAND_TABLE: { rows: QuanxiuRow[]; total: QuanxiuRow } = {
  rows: [
    row('华丰', 542, 120, 4, 707, 509, 239, 8, 495, 254, 8),
    row('新秀', 568, 62, 2, 535, 385, 219, 7, 375, 237, 7),
    row('泉淮', 643, 201, 7, 885, 637, 357, 12, 620, 434, 12),
    row('灯洲', 739, 59, 2, 1139, 820, 465, 16, 797, 570, 16),
    row('灯星', 612, 85, 3, 850, 612, 353, 12, 595, 396, 12),
    row('沉洲', 298, 58, 4, 452, 325, 151, 5, 316, 133, 5),
    row('成洲', 341, 58, 4, 335, 242, 100, 3, 235, 100, 3),
  ],
  total: row('合计', 3743, 643, 26, 4903, 3530, 1884, 63, 3433, 2124, 63),
};

/** Ids are ASCII (the command id pattern); names are the communities'. */
export const QUANXIU_CODES: Record<string, string> = {
  华丰: 'huafeng',
  新秀: 'xinxiu',
  泉淮: 'quanhuai',
  灯洲: 'dengzhou',
  灯星: 'dengxing',
  沉洲: 'chenzhou',
  成洲: 'chengzhou',
};

export const QUANXIU = {
  district: 'fengze',
  street: 'quanxiu',
  centre: 'quanxiu-chc',
  station: (community: string) => `qx-${QUANXIU_CODES[community]}`,
  doctor: (community: string) => `dr-${QUANXIU_CODES[community]}`,
  /** The day the plan was drawn up; the deadline is 30 November, 30 days inclusive. */
  asOfDay: '2022-11-01',
  deadline: '2022-11-30',
};

type Command = { at: string; command: Record<string, unknown> };

/** Recorded the evening of the day it happened (18:00 China time), so it is known by the next morning. */
const on = (day: string, command: Record<string, unknown>): Command => ({
  at: `${day}T10:00:00.000Z`,
  command: { occurredAt: day, ...command },
});
const pad = (n: number) => String(n).padStart(2, '0');
/** A working-looking day of a month in 2022, spread by index (1st–28th, so every month has it). */
const day2022 = (month: number, i: number) => `2022-${pad(month)}-${pad((i % 28) + 1)}`;

/**
 * The commands for the whole street. Per community, with done = task − open from the table:
 *  - residents 65+ (born 1925–1957), as many as the table's 65+ column;
 *  - the first `done(65+)` of them have a complete elderly annual checkup in 2022 (Jan–Oct),
 *    the next three an incomplete one (which does not count);
 *  - the first `done(TCM)` of them a TCM constitution identification (Mar–Oct);
 *  - every other one of those with a complete checkup is hypertensive (about half, as among
 *    the elderly), enrolled in 2021 and managed to standard: a face-to-face follow-up in each
 *    quarter of 2022 (the fourth in October), the checkup being their elderly one;
 *  - the rest of `done(HTN)` are patients aged 47–64 (outside the 65+ cohort), managed the same
 *    way with a general checkup; three more patients fall short in one way each (no Q4
 *    follow-up yet, Q4 only by phone, no checkup). The other open patients of the task have not
 *    been found yet: the task (应管人数) is an estimate, not a list.
 * Everything happened and was recorded before 1 November 2022.
 */
export function quanxiuCommands(table = QUANXIU_HAND_TABLE.rows): Command[] {
  const commands: Command[] = [
    on('2020-01-01', {
      type: 'RegisterOrgUnit',
      unitId: QUANXIU.district,
      name: '丰泽区',
      kind: 'district',
    }),
    on('2020-01-01', {
      type: 'RegisterOrgUnit',
      unitId: QUANXIU.street,
      name: '泉秀街道',
      kind: 'street',
      parentId: QUANXIU.district,
    }),
    on('2020-01-01', {
      type: 'RegisterOrgUnit',
      unitId: QUANXIU.centre,
      name: '泉秀街道社区卫生服务中心',
      kind: 'community_centre',
      parentId: QUANXIU.street,
    }),
  ];
  for (const r of table) {
    const code = QUANXIU_CODES[r.community];
    const unitId = QUANXIU.station(r.community);
    const doctorId = QUANXIU.doctor(r.community);
    commands.push(
      on('2020-01-01', {
        type: 'RegisterOrgUnit',
        unitId,
        name: `${r.community}社区卫生服务站`,
        kind: 'station',
        parentId: QUANXIU.centre,
      }),
      on('2020-01-02', { type: 'RegisterDoctor', doctorId, unitId }),
      on('2022-01-04', {
        type: 'AssignTargets',
        unitId,
        year: 2022,
        targets: [
          { indicator: 'elderly_population', count: r.residents65 },
          { indicator: 'elderly_health_management', count: r.elderlyTask },
          { indicator: 'elderly_tcm', count: r.tcmTask },
          { indicator: 'hypertension_target', count: r.htnTask },
        ],
      }),
    );
    /** Enrolled in 2021; `shortfall` null: managed to standard by 1 November 2022. */
    const hypertension = (
      residentId: string,
      i: number,
      shortfall: 0 | 1 | 2 | null,
      checkup: boolean,
    ) => {
      commands.push(
        on(`2021-${pad(4 + (i % 8))}-${pad((i % 28) + 1)}`, {
          type: 'EnrollChronicCare',
          residentId,
          condition: 'hypertension',
          doctorId,
        }),
      );
      const visits = shortfall === 0 ? [2, 5, 8] : [2, 5, 8, 10];
      visits.forEach((month, q) => {
        const mode =
          shortfall === 1 && month === 10
            ? 'phone'
            : q % 2
              ? 'face_to_face_home'
              : 'face_to_face_clinic';
        commands.push(
          on(day2022(month, i + q), {
            type: 'RecordFollowUp',
            residentId,
            doctorId,
            condition: 'hypertension',
            mode,
            systolic: 126 + ((i + q) % 27),
            diastolic: 76 + ((i + 3 * q) % 16),
          }),
        );
      });
      if (checkup && shortfall !== 2)
        commands.push(
          on(day2022(3 + (i % 7), i + 11), {
            type: 'RecordCheckup',
            residentId,
            doctorId,
            kind: 'other',
            complete: true,
          }),
        );
    };
    const elderlyDone = r.elderlyTask - r.elderlyOpen;
    const tcmDone = r.tcmTask - r.tcmOpen;
    let htnManaged = 0;
    for (let i = 0; i < r.residents65; i += 1) {
      const residentId = `${code}-e${i}`;
      const birthDate = `${1957 - (i % 33)}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`;
      const hypertensive = i % 2 === 0 && i < elderlyDone;
      commands.push(
        on('2021-03-01', {
          type: 'RegisterResident',
          residentId,
          birthDate,
          sex: i % 2 ? 'male' : 'female',
          unitId,
          tags: hypertensive ? ['hypertension'] : [],
        }),
      );
      if (i < elderlyDone + 3) {
        const vitals = {
          systolic: 118 + (i % 30),
          diastolic: 70 + (i % 15),
          weightKg: 52 + (i % 25),
        };
        commands.push(
          on(day2022(1 + (i % 10), i), {
            type: 'RecordCheckup',
            residentId,
            doctorId,
            kind: 'elderly_annual',
            complete: i < elderlyDone,
            vitals,
          }),
        );
      }
      if (i < tcmDone)
        commands.push(
          on(day2022(3 + (i % 8), i + 7), {
            type: 'RecordTcmAssessment',
            residentId,
            doctorId,
            constitution: i % 3 ? 'balanced' : 'qi_deficiency',
          }),
        );
      if (hypertensive) {
        hypertension(residentId, i, null, false);
        htnManaged += 1;
      }
    }
    const younger = r.htnTask - r.htnOpen - htnManaged;
    for (let i = 0; i < younger + 3; i += 1) {
      const residentId = `${code}-h${i}`;
      const birthDate = `${1958 + (i % 18)}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`;
      commands.push(
        on('2021-03-01', {
          type: 'RegisterResident',
          residentId,
          birthDate,
          sex: i % 2 ? 'female' : 'male',
          unitId,
          tags: ['hypertension'],
        }),
      );
      hypertension(residentId, i, i < younger ? null : ((i - younger) as 0 | 1 | 2), true);
    }
  }
  return commands;
}
