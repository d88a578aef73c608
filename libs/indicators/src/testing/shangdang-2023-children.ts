import { CHILD_CHECKUP_AGES, CHILD_TCM_AGES, monthAgeDay } from '@libs/records';
import { addDays, type SyntheticLedger } from './synthetic-events';

/**
 * Shangdang's children 0–6 in 2023 (0～6岁儿童健康管理 and children's TCM), kept apart from the
 * rest of the fixture. The bulletin prints children under 7 managed, 17,176 of 18,770 (91.51%),
 * eye and vision checks 91.51%, and children's TCM 6,527 served (87.72%, so 7,441 children
 * reached a TCM month age in 2023). Births per year follow the national decline (17.23 million
 * in 2017 … 9.02 million in 2023), scaled to 18,770 and fitted so that exactly 7,441 children
 * were born from January 2020 to June 2023 (they reach 6–36 months in 2023), and that 2,072 were
 * born in the maternal year, October 2022 to September 2023: the live births the early-registration
 * rate implies (1,915 / 92.42%), each delivered by a mother of the maternal block.
 */
export const SHANGDANG_2023_BIRTHS: readonly (readonly [year: number, count: number])[] = [
  [2017, 3_734],
  [2018, 3_325],
  [2019, 3_198],
  [2020, 2_392],
  [2021, 2_088],
  [2022, 1_905],
  [2023, 2_128],
];

export const SHANGDANG_2023_CHILDREN = {
  /** Children checked up (or, newborns, visited) in 2023, with the eyes examined each time. */
  managed: 17_176,
  /** Born 2020-01-01 … 2023-06-30: 2,392 + 2,088 + 1,905 + 1,056 born in the first half of 2023. */
  tcmDue: 7_441,
  /** Guided at every TCM month age reached in 2023: chosen among the managed ones. */
  tcmServed: 6_527,
} as const;

const TOTAL = SHANGDANG_2023_BIRTHS.reduce((n, [, c]) => n + c, 0);
const daysIn = (year: number) => (year % 4 === 0 ? 366 : 365);

/** The k-th child's birth (oldest first): each year's births spread evenly over its days. */
export function childBirthDate(k: number): string {
  let i = k;
  for (const [year, count] of SHANGDANG_2023_BIRTHS) {
    if (i < count) return addDays(`${year}-01-01`, Math.floor((i * daysIn(year)) / count));
    i -= count;
  }
  throw new Error(`child ${k} of ${TOTAL}`);
}

/** Whether the i-th of `total` is among `chosen` spread evenly through them (exactly `chosen`). */
const spreadPick = (i: number, chosen: number, total: number): boolean =>
  Math.floor(((i + 1) * chosen) / total) > Math.floor((i * chosen) / total);

const isManaged = (k: number) => spreadPick(k, SHANGDANG_2023_CHILDREN.managed, TOTAL);
const in2023 = (day: string) => day >= '2023-01-01' && day <= '2023-12-31';
const tcmDue = (birth: string) => CHILD_TCM_AGES.some((m) => in2023(monthAgeDay(birth, m)));

/** The managed children among those due TCM guidance, in order: the TCM served are spread over them. */
let managedTcmDue: Map<number, number> | undefined;
function tcmServed(k: number): boolean {
  if (!managedTcmDue) {
    managedTcmDue = new Map();
    for (let j = 0; j < TOTAL; j += 1)
      if (isManaged(j) && tcmDue(childBirthDate(j))) managedTcmDue.set(j, managedTcmDue.size);
  }
  const at = managedTcmDue.get(k);
  return at !== undefined && spreadPick(at, SHANGDANG_2023_CHILDREN.tcmServed, managedTcmDue.size);
}

export interface ChildSchedule {
  log: SyntheticLedger;
  uploaded(day: string, n: number): string;
  doctorOf(n: number): string;
}

/**
 * A managed child's 2023: the newborn visit (born in 2023: home two days after the birth, visited
 * three days later, within the year), a checkup on the day of each due age reached in 2023 with
 * the eyes examined and, from 4 years, the vision of both eyes; TCM guidance at the same visits
 * for the served. An unmanaged child has nothing in 2023.
 */
export function scheduleChild(x: ChildSchedule, residentId: string, k: number, birth: string) {
  if (!isManaged(k)) return;
  const doctorId = x.doctorOf(k);
  if (birth >= '2023-01-01') {
    const dischargedOn = birth >= '2023-12-30' ? birth : addDays(birth, 2);
    const on = dischargedOn >= '2023-12-29' ? dischargedOn : addDays(dischargedOn, 3);
    x.log.resident(x.uploaded(on, k), 'NewbornVisitRecorded', {
      residentId,
      recordId: 'nv',
      doctorId,
      dischargedOn,
      eyeExamined: true,
      occurredAt: on,
    });
  }
  for (const ageMonths of CHILD_CHECKUP_AGES) {
    const on = monthAgeDay(birth, ageMonths);
    if (!in2023(on)) continue;
    x.log.resident(x.uploaded(on, k), 'ChildCheckupRecorded', {
      residentId,
      recordId: `cc-${ageMonths}`,
      doctorId,
      ageMonths,
      eyeExamined: true,
      ...(ageMonths >= 48 ? { visionLeft: 4.9 + (k % 3) / 10, visionRight: 5 } : {}),
      occurredAt: on,
    });
  }
  if (!tcmServed(k)) return;
  for (const ageMonths of CHILD_TCM_AGES) {
    const on = monthAgeDay(birth, ageMonths);
    if (!in2023(on)) continue;
    x.log.resident(x.uploaded(on, k), 'ChildTcmGuidanceRecorded', {
      residentId,
      recordId: `ctcm-${ageMonths}`,
      doctorId,
      ageMonths,
      occurredAt: on,
    });
  }
}
