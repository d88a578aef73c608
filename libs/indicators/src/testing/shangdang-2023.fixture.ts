import { LedgerModel } from '../model/ledger-model';
import { addDays, SyntheticLedger } from './synthetic-events';
import { childBirthDate, scheduleChild } from './shangdang-2023-children';

/**
 * Shangdang district (上党区, Changzhi), 2023 year-end evaluation as reported (domain.md, "A
 * district's year-end evaluation"); percentages as printed, with the number of decimals printed.
 */
export const SHANGDANG_2023_REPORTED = {
  healthRecords: 313_503,
  /** Severe mental disorder patients managed (92% printed, no decimals): of 1,477 registered at home. */
  severeMentalDisorderPatients: 1_477,
  standardisedRecords: { count: 209_937, percent: 65.74, decimals: 2 },
  childrenUnder7: 18_770,
  childrenManaged: { count: 17_176, percent: 91.51, decimals: 2 },
  /** Children 0–6 with an eye and vision check (no count printed: the managed children's rate). */
  childrenEyeVision: { percent: 91.51, decimals: 2 },
  earlyPregnancyRegistration: { count: 1_915, percent: 92.42, decimals: 2 },
  elderlyManaged: { count: 34_150, percent: 67.38, decimals: 2 },
  hypertensionStandardised: { count: 39_042, percent: 72.86, decimals: 2 },
  diabetesStandardised: { count: 8_257, percent: 71.9, decimals: 1 },
  severeMentalDisorders: { count: 1_359, percent: 92, decimals: 0 },
  elderlyTcm: { count: 35_959, percent: 78.72, decimals: 2 },
  childrenTcm: { count: 6_527, percent: 87.72, decimals: 2 },
  contracts: { count: 285_388, percent: 89.37, decimals: 2 },
  satisfaction: { answers: 187, satisfied: 152 },
} as const;

/** A percentage to `decimals` places, in whole numbers so no binary fraction decides a rounding. */
export const percentOf = (count: number, denominator: number, decimals = 2): number =>
  Math.round((count * 100 * 10 ** decimals) / denominator) / 10 ** decimals;

/**
 * Every whole denominator that, with the reported count, gives the reported percentage at the
 * printed precision; `nearest` is the one closest to count / rate.
 */
export function impliedDenominators(
  count: number,
  percent: number,
  decimals: number,
): { from: number; to: number; nearest: number } {
  const half = 0.5 / 10 ** decimals;
  const candidates: number[] = [];
  for (
    let d = Math.floor((count * 100) / (percent + half));
    d <= Math.ceil((count * 100) / (percent - half));
    d += 1
  ) {
    if (percentOf(count, d, decimals) === percent) candidates.push(d);
  }
  const exact = (count * 100) / percent;
  const nearest = candidates.reduce((a, b) => (Math.abs(b - exact) < Math.abs(a - exact) ? b : a));
  return { from: candidates[0], to: candidates[candidates.length - 1], nearest };
}

/**
 * The district the fixture builds. Denominators (see docs/notes/shangdang-2023-denominators.md):
 * residents 319,333 (contracts 89.37%, also fits records coverage 65.74%); residents 65+ 50,683
 * (elderly managed 67.38%: chosen over the 45,680 implied by TCM 78.72%, which cannot hold at the
 * same time); hypertension task 53,585 (72.86%); diabetes task 11,484 (71.9%, the one whole number
 * that also gives 71.90). The rest are fixture choices, not reported figures.
 */
export const SHANGDANG_2023 = {
  residents: 319_333,
  elderly: 50_683,
  /** Children 0–6, the reported "children under 7". */
  children: 18_770,
  adults: 319_333 - 50_683 - 18_770,
  hypertensionTarget: 53_585,
  diabetesTarget: 11_484,
  elderlyCheckedComplete: 34_150,
  /** Elderly with an incomplete checkup (some parts missing): not counted. */
  elderlyCheckedIncomplete: 1_500,
  elderlyTcm: 35_959,
  /** Elderly 46,000 signed, children 16,000, adults 223,388: 285,388. */
  elderlySigned: 46_000,
  childrenSigned: 16_000,
  adultsSigned: 223_388,
  /** Adults (40–64) with hypertension: managed to standard, then short of it (3 follow-ups). */
  adultHypertensionManaged: 21_967,
  adultHypertensionShort: 2_000,
  /** Adults with diabetes start at index 30,000: managed, then short (3 follow-ups, no checkup). */
  adultDiabetesFrom: 30_000,
  adultDiabetesManaged: 2_565,
  adultDiabetesShort: 1_543,
  /** Residents no longer present at the end of 2023, in no denominator: died (65+), moved out. */
  died: 1_800,
  movedOut: 1_200,
  units: 8,
} as const;

const S = SHANGDANG_2023;
const R = SHANGDANG_2023_REPORTED;
const IMPORT_DAY = '2020-01-06';
const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** Days come from one calendar table, so a million events share a few thousand day strings. */
const ymd = (y: number, m: number, d: number) => addDays(`${y}-${pad(m)}-${pad(d)}`, 0);
const in2023 = (month: number, n: number) => ymd(2023, month, (n % 28) + 1);
const UNIT_IDS = Array.from({ length: S.units }, (_, k) => `sd-u${k + 1}`);
const DOCTOR_IDS = Array.from({ length: S.units }, (_, k) => `sd-dr${k + 1}`);
const unitOf = (n: number) => UNIT_IDS[n % S.units];
const doctorOf = (n: number) => DOCTOR_IDS[n % S.units];
/** Clinic systems upload within two days; anything before the ledger existed came in one import. */
const uploaded = (day: string, n: number) => (day < IMPORT_DAY ? IMPORT_DAY : addDays(day, n % 3));
const split = (total: number, k: number) =>
  Math.floor(total / S.units) + (k < total % S.units ? 1 : 0);

/**
 * Schedules the whole district:
 *  - 50,683 residents 65+ (e0…): complete elderly checkup for the first 34,150, incomplete for the
 *    next 1,500, TCM identification for the first 35,959, contract for the first 46,000; every
 *    other one (even index) hypertensive — managed to standard (4 quarterly face-to-face visits,
 *    the elderly checkup) when among the first 34,150, else only Q1 and Q2 visits; every sixth
 *    (index ≡ 1 mod 6) among the first 34,150 diabetic and managed;
 *  - 18,770 children 0–6 (c0…, oldest first, births per year as shangdang-2023-children.ts
 *    says), the first 16,000 signed (newborns not yet); 17,176 managed in 2023 (checkups at the
 *    due ages, eyes, newborn visits) and 6,527 given TCM guidance at every month age due;
 *  - 249,880 residents 7–64 (a0…): hypertension managed a0–a21966, short a21967–a23966;
 *    diabetes managed a30000–a32564, short a32565–a34107; the first 223,388 signed;
 *  - 1,800 residents 65+ signed and checked in January 2023 who died later in the year, and
 *    1,200 adults signed in January who moved away: present in no denominator.
 * Hypertension 39,042 = 17,075 elderly + 21,967 adults; diabetes 8,257 = 5,692 + 2,565.
 */
export function shangdangLedger(): SyntheticLedger {
  const log = new SyntheticLedger();
  log.orgUnit(IMPORT_DAY, 'OrgUnitRegistered', {
    unitId: 'changzhi',
    name: '长治市',
    kind: 'city',
    parentId: null,
    occurredAt: '2015-01-01',
  });
  log.orgUnit(IMPORT_DAY, 'OrgUnitRegistered', {
    unitId: 'shangdang',
    name: '上党区',
    kind: 'district',
    parentId: 'changzhi',
    occurredAt: '2015-01-01',
  });
  for (let k = 0; k < S.units; k += 1) {
    const unitId = unitOf(k);
    log.orgUnit(IMPORT_DAY, 'OrgUnitRegistered', {
      unitId,
      name: `上党区乡镇卫生院${k + 1}`,
      kind: 'township_centre',
      parentId: 'shangdang',
      occurredAt: '2015-01-01',
    });
    log.doctor(IMPORT_DAY, 'DoctorRegistered', {
      doctorId: doctorOf(k),
      unitId,
      teamId: null,
      occurredAt: '2015-01-01',
    });
    log.targets('2023-01-05', {
      unitId,
      year: 2023,
      targets: {
        population: split(S.residents, k),
        elderly_population: split(S.elderly, k),
        hypertension_target: split(S.hypertensionTarget, k),
        diabetes_target: split(S.diabetesTarget, k),
      },
      occurredAt: '2023-01-05',
    });
  }

  const register = (
    residentId: string,
    n: number,
    birthDate: string,
    tags: ('hypertension' | 'diabetes')[],
    occurredAt?: string,
  ) => {
    const on = occurredAt ?? ymd(2015 + (n % 5), (n % 12) + 1, (n % 28) + 1);
    log.resident(uploaded(on, n), 'ResidentRegistered', {
      residentId,
      birthDate,
      sex: n % 2 ? 'male' : 'female',
      unitId: unitOf(n),
      householdId: null,
      tags,
      ...healthRecordOf(residentId, on),
      occurredAt: on,
    });
  };
  // The reported e-records (313,503) and standardised ones (209,937) among the residents
  // present at year end, in registration order; those who died or moved away had none.
  let present = 0;
  const healthRecordOf = (residentId: string, openedOn: string) => {
    if (residentId.startsWith('sd-x')) return {};
    const i = present;
    present += 1;
    if (i >= R.healthRecords) return {};
    return {
      healthRecord: {
        form: 'electronic' as const,
        complete: i < R.standardisedRecords.count,
        openedOn,
      },
    };
  };
  const sign = (residentId: string, n: number, start = addDays('2023-01-02', n % 363)) => {
    const data = {
      residentId,
      contractId: `k-${residentId}-2023`,
      doctorId: doctorOf(n),
      teamId: null,
      start,
      end: addDays(start, 364),
      household: n % 4 === 0,
      servicePackage: 'basic',
      occurredAt: start,
    };
    log.resident(uploaded(start, n), 'ContractSigned', data);
  };
  // Record ids are the clinic system's, unique within a resident (all the ledger asks), so the
  // same few strings serve every resident.
  const checkup = (
    residentId: string,
    n: number,
    day: string,
    kind: 'elderly_annual' | 'other',
    complete: boolean,
  ) =>
    log.resident(uploaded(day, n), 'CheckupRecorded', {
      residentId,
      recordId: 'ck-2023',
      doctorId: doctorOf(n),
      kind,
      complete,
      vitals: { systolic: 118 + (n % 30), diastolic: 70 + (n % 15) },
      occurredAt: day,
    });
  const tcm = (residentId: string, n: number, day: string) =>
    log.resident(uploaded(day, n), 'TcmAssessmentRecorded', {
      residentId,
      recordId: 'tcm-2023',
      doctorId: doctorOf(n),
      constitution: n % 3 ? 'balanced' : 'qi_deficiency',
      guidanceGiven: true,
      occurredAt: day,
    });
  const mentalHealth = (residentId: string, n: number, followedUp: boolean) => {
    const registered = ymd(2018 + (n % 4), (n % 12) + 1, (n % 28) + 1);
    log.resident(uploaded(registered, n), 'MentalDisorderPatientRegistered', {
      residentId,
      recordId: 'smd',
      doctorId: doctorOf(n),
      diagnosis: n % 2 ? 'schizophrenia' : 'bipolar',
      consent: true,
      livingAt: 'home',
      occurredAt: registered,
    });
    if (!followedUp) return;
    for (const q of [1, 2, 3, 4]) {
      const day = in2023(3 * q - 1, n + q);
      log.resident(uploaded(day, n), 'MentalHealthFollowUpRecorded', {
        residentId,
        recordId: `smd-f${q}`,
        doctorId: doctorOf(n),
        mode: 'face_to_face_home',
        status: 'stable',
        onMedication: true,
        occurredAt: day,
      });
    }
  };
  const chronic = (
    residentId: string,
    n: number,
    condition: 'hypertension' | 'diabetes',
    quarters: number[],
  ) => {
    const enrolled = ymd(2019 + (n % 4), (n % 12) + 1, (n % 28) + 1);
    log.resident(uploaded(enrolled, n), 'ChronicCareEnrolled', {
      residentId,
      recordId: `enr-${condition}`,
      condition,
      doctorId: doctorOf(n),
      occurredAt: enrolled,
    });
    for (const q of quarters) {
      const day = in2023(3 * q - 1, n + q);
      const measured =
        condition === 'hypertension'
          ? { systolic: 124 + ((n + q) % 30), diastolic: 74 + ((n + 2 * q) % 20) }
          : { fastingGlucose: 5.6 + ((n + q) % 30) / 10 };
      const mode = q % 2 ? 'face_to_face_clinic' : 'face_to_face_home';
      log.resident(uploaded(day, n), 'FollowUpRecorded', {
        residentId,
        recordId: `fu-${condition}-2023q${q}`,
        doctorId: doctorOf(n),
        condition,
        mode,
        ...measured,
        referral: false,
        occurredAt: day,
      });
    }
  };
  const ALL = [1, 2, 3, 4];

  for (let i = 0; i < S.elderly; i += 1) {
    const id = `sd-e${i}`;
    const hypertensive = i % 2 === 0;
    const diabetic = i % 6 === 1 && i < S.elderlyCheckedComplete;
    register(id, i, ymd(1958 - (i % 35), ((i * 7) % 12) + 1, (i % 28) + 1), [
      ...(hypertensive ? ['hypertension' as const] : []),
      ...(diabetic ? ['diabetes' as const] : []),
    ]);
    if (hypertensive) chronic(id, i, 'hypertension', i < S.elderlyCheckedComplete ? ALL : [1, 2]);
    if (diabetic) chronic(id, i, 'diabetes', ALL);
    if (i < S.elderlySigned) sign(id, i);
    const checkedOn = in2023(3 + (i % 8), i);
    if (i < S.elderlyCheckedComplete + S.elderlyCheckedIncomplete)
      checkup(id, i, checkedOn, 'elderly_annual', i < S.elderlyCheckedComplete);
    if (i < S.elderlyTcm) tcm(id, i, checkedOn);
  }
  for (let k = 0; k < S.children; k += 1) {
    const birth = childBirthDate(k);
    register(`sd-c${k}`, k, birth, [], birth);
    if (k < S.childrenSigned) sign(`sd-c${k}`, k);
    scheduleChild({ log, uploaded, doctorOf }, `sd-c${k}`, k, birth);
  }
  for (let j = 0; j < S.adults; j += 1) {
    const id = `sd-a${j}`;
    const htn =
      j < S.adultHypertensionManaged
        ? ALL
        : j < S.adultHypertensionManaged + S.adultHypertensionShort
          ? [1, 2, 3]
          : null;
    const dmAt = j - S.adultDiabetesFrom;
    const dm =
      dmAt >= 0 && dmAt < S.adultDiabetesManaged
        ? ALL
        : dmAt >= S.adultDiabetesManaged && dmAt < S.adultDiabetesManaged + S.adultDiabetesShort
          ? [1, 2, 3]
          : null;
    const patient = htn !== null || dm !== null;
    register(
      id,
      j,
      ymd(1959 + (j % (patient ? 25 : 57)), ((j * 5) % 12) + 1, (j % 28) + 1),
      htn ? ['hypertension'] : dm ? ['diabetes'] : [],
    );
    if (htn) chronic(id, j, 'hypertension', htn);
    if (dm) chronic(id, j, 'diabetes', dm);
    if (htn || (dm && dmAt < S.adultDiabetesManaged))
      checkup(id, j, in2023(3 + (j % 9), j + 5), 'other', true);
    if (j < S.adultsSigned) sign(id, j);
    // The last 1,477 adults are the registered severe mental disorder patients, all at home and
    // consenting; the first 1,359 of them were followed up every quarter (92% managed).
    const smd = j - (S.adults - R.severeMentalDisorderPatients);
    if (smd >= 0) mentalHealth(id, j, smd < R.severeMentalDisorders.count);
  }
  for (let g = 0; g < S.died + S.movedOut; g += 1) {
    const id = `sd-x${g}`;
    const elderly = g < S.died;
    register(
      id,
      g,
      elderly
        ? ymd(1930 + (g % 28), (g % 12) + 1, (g % 28) + 1)
        : ymd(1970 + (g % 30), (g % 12) + 1, (g % 28) + 1),
      [],
    );
    sign(id, g, in2023(1, g));
    if (elderly) {
      checkup(id, g, in2023(1, g + 3), 'elderly_annual', true);
      tcm(id, g, in2023(1, g + 3));
      const died = addDays('2023-02-01', g % 300);
      log.resident(uploaded(died, g), 'ResidentDied', { residentId: id, occurredAt: died });
    } else {
      const left = addDays('2023-03-01', g % 250);
      log.resident(uploaded(left, g), 'ResidentMovedOut', {
        residentId: id,
        destination: null,
        occurredAt: left,
      });
    }
  }
  maternalCare(log);
  return log;
}

// ---- Maternal care (孕产妇健康管理): its own block -----------------------------------------

/**
 * The bulletin's maternal figures: early pregnancy registration 1,915 = 92.42% (so 2,072 live
 * births, the one whole denominator that prints so) and system management 91.65%, which over the
 * same 2,072 births is 1,899. Postpartum visits are not printed: the fixture's are a choice.
 */
export const SHANGDANG_2023_MATERNAL = {
  liveBirths: 2_072,
  early: 1_915,
  systemManagement: { count: 1_899, percent: 91.65, decimals: 2 },
  /** Early and otherwise managed but for one part: 4 checks (6), visit on day 29 (5), check on day 57 (5). */
  fourChecks: 6,
  lateVisit: 5,
  lateCheck: 5,
  /** Not early: registered in week 13 (85), in weeks 16–20 (50), never registered (22). */
  week13: 85,
  midTerm: 50,
  /** The last 32 births (of those not early) had no postpartum visit. */
  notVisited: 32,
} as const;

const M = SHANGDANG_2023_MATERNAL;

/**
 * Mothers are women 20–40 among the adults (even index from 40,000, born 1983–2003); each
 * delivered one of the children born in the maternal year 2023 (1 October 2022 to 30 September
 * 2023), in index order, 39 weeks after her last period. In order: 1,899 managed throughout
 * (registered in weeks 8–12 with the first check that day, checks at 16, 22, 30 and 37 weeks, a
 * visit 3–12 days after discharge, the 42-day check on days 42–51); then the 16 early ones short
 * of one part; then the 157 not early.
 */
function maternalCare(log: SyntheticLedger): void {
  const mothers: string[] = [];
  for (let j = 40_000; mothers.length < M.liveBirths; j += 2)
    if (j % 57 >= 24 && j % 57 <= 44) mothers.push(`sd-a${j}`);
  const births: { childId: string; sex: 'male' | 'female'; day: string }[] = [];
  for (let k = 0; k < S.children && births.length < M.liveBirths; k += 1) {
    const day = childBirthDate(k);
    if (day >= '2022-10-01')
      births.push({ childId: `sd-c${k}`, sex: k % 2 ? 'male' : 'female', day });
  }
  const doctorId = doctorOf(0);
  births.forEach((b, i) => {
    const residentId = mothers[i];
    const lmp = addDays(b.day, -273);
    const early = i < M.early;
    const rest = i - M.early;
    const week = early ? 8 + (i % 5) : rest < M.week13 ? 13 : 16 + (i % 5);
    const registered = rest < M.week13 + M.midTerm;
    const shortOfChecks =
      i >= M.systemManagement.count && i < M.systemManagement.count + M.fourChecks;
    if (registered) {
      const on = addDays(lmp, 7 * week);
      const recordId = 'preg-2023';
      log.resident(uploaded(on, i), 'PregnancyRegistered', {
        residentId,
        recordId,
        doctorId,
        gestationalWeek: week,
        expectedDeliveryDate: addDays(lmp, 280),
        occurredAt: on,
      });
      const weeks = [week, 22, 30, 37, ...(shortOfChecks ? [] : [week < 16 ? 16 : 26])];
      weeks.forEach((wk, n) => {
        const day = addDays(lmp, 7 * wk);
        log.resident(uploaded(day, i), 'AntenatalCheckRecorded', {
          residentId,
          recordId: `anc-${n + 1}`,
          doctorId,
          gestationalWeek: wk,
          pregnancyRecordId: recordId,
          occurredAt: day,
        });
      });
    }
    const discharge = addDays(b.day, 2 + (i % 3));
    log.resident(uploaded(discharge, i), 'DeliveryRecorded', {
      residentId,
      recordId: 'del-2023',
      doctorId,
      place: 'hospital',
      liveBirths: [{ childId: b.childId, sex: b.sex, birthWeightGrams: 2900 + (i % 12) * 50 }],
      stillbirths: 0,
      dischargeDate: discharge,
      pregnancyRecordId: registered ? 'preg-2023' : null,
      occurredAt: b.day,
    });
    const afterShort = i - M.systemManagement.count - M.fourChecks;
    const lateVisit = afterShort >= 0 && afterShort < M.lateVisit;
    const lateCheck = afterShort >= M.lateVisit && afterShort < M.lateVisit + M.lateCheck;
    if (i < M.liveBirths - M.notVisited) {
      const day = addDays(discharge, lateVisit ? 29 : 3 + (i % 10));
      log.resident(uploaded(day, i), 'PostpartumVisitRecorded', {
        residentId,
        recordId: 'ppv-2023',
        doctorId,
        deliveryRecordId: 'del-2023',
        occurredAt: day,
      });
    }
    const checkDay = addDays(b.day, lateCheck ? 57 : 42 + (i % 10));
    log.resident(uploaded(checkDay, i), 'PostpartumCheckRecorded', {
      residentId,
      recordId: 'pp42-2023',
      doctorId,
      deliveryRecordId: 'del-2023',
      occurredAt: checkDay,
    });
  });
}

/** The model of the district, built by applying every synthetic envelope once, in log order. */
export function buildShangdangModel(): { model: LedgerModel; events: number } {
  const model = new LedgerModel();
  const events = shangdangLedger().replay((e) => model.apply(e));
  return { model, events };
}
