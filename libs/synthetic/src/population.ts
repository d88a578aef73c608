import type { YearCalendar } from './calendar';
import type { CentreRow } from './huancui-2024';
import type { Team } from './org';
import type { Random } from './random';

export interface Person {
  id: string;
  /** Birth as a day counted from 1 January of the simulated year (negative: before it). */
  birthDay: number;
  /** Age in whole years on 31 December of the year. */
  age: number;
  /** 65 or older on 1 January, so 65+ all year: the count the target sheet gives. */
  elderly: boolean;
  sex: 'male' | 'female';
  householdId: string;
  team: Team;
  /** Key-population tags other than the two conditions. */
  tags: string[];
  hypertension: boolean;
  diabetes: boolean;
  /** How reliably the person comes when called: drives follow-ups and checkups of patients. */
  engagement: Engagement;
}

export type Engagement = 'full' | 'partial' | 'minimal';
const ENGAGEMENT: readonly Engagement[] = ['full', 'partial', 'minimal'];
const ENGAGEMENT_WEIGHTS = [0.78, 0.17, 0.05];

// Age bands of five years with their weights: 0–64 (age on 31 Dec) and 65–99 (age on 1 Jan).
const YOUNG_BANDS = [4.0, 5.4, 5.3, 4.8, 5.0, 5.8, 8.0, 6.6, 6.4, 7.7, 8.5, 7.8, 5.2];
const OLD_BANDS = [34, 27, 17, 12, 6, 3, 1];
const HOUSEHOLD_SIZES_OLD = [0.3, 0.62, 0.08];
const HOUSEHOLD_SIZES_YOUNG = [0.18, 0.27, 0.35, 0.2];

const hypertensionWeight = (age: number) =>
  age < 30
    ? 0
    : age < 40
      ? 0.03
      : age < 50
        ? 0.08
        : age < 60
          ? 0.18
          : age < 65
            ? 0.3
            : age < 75
              ? 0.5
              : 0.6;
const diabetesWeight = (age: number) =>
  age < 30 ? 0 : age < 40 ? 0.015 : age < 50 ? 0.04 : age < 60 ? 0.09 : age < 65 ? 0.13 : 0.17;

function birth(
  cal: YearCalendar,
  rng: Random,
  elderly: boolean,
): { birthDay: number; age: number } {
  if (elderly) {
    const onJan1 = 65 + 5 * rng.weighted(OLD_BANDS) + rng.int(0, 4);
    const year = cal.year - onJan1 - 1;
    return { birthDay: cal.dayOf(year, 0, 1 + rng.int(0, 364)), age: onJan1 + 1 };
  }
  const age = 5 * rng.weighted(YOUNG_BANDS) + rng.int(0, 4);
  // Born during the year: late enough in it to be registered before it ends.
  const days = age === 0 ? 318 : 364;
  return { birthDay: cal.dayOf(cal.year - age, 0, 1 + rng.int(0, days)), age };
}

function keyTags(
  rng: Random,
  p: Pick<Person, 'age' | 'elderly' | 'sex'>,
  township: boolean,
): string[] {
  const tags: string[] = [];
  if (p.sex === 'female' && p.age >= 20 && p.age <= 40 && rng.chance(0.06)) tags.push('pregnant');
  if (rng.chance(p.elderly ? 0.03 : 0.012)) tags.push('disabled');
  if (rng.chance(township ? 0.015 : 0.005)) tags.push('poverty_alleviated');
  if (p.age >= 50 && rng.chance(0.005)) tags.push('special_family');
  if (rng.chance(0.01)) tags.push('low_income');
  return tags;
}

/** Weighted sampling without replacement (Efraimidis–Spirakis): the `count` largest keys win. */
function sample(
  rng: Random,
  people: Person[],
  count: number,
  weight: (p: Person) => number,
): Person[] {
  const keyed: { p: Person; key: number }[] = [];
  for (const p of people) {
    const w = weight(p);
    if (w > 0) keyed.push({ p, key: Math.log(1 - rng.float()) / w });
  }
  keyed.sort((a, b) => b.key - a.key);
  return keyed.slice(0, count).map((k) => k.p);
}

/**
 * The residents of one centre: exactly `row.elderly` aged 65+, households of 1–4 sharing a
 * family doctor team, and about as many hypertension and diabetes patients as the targets.
 */
export function planResidents(
  row: CentreRow,
  centreId: string,
  teams: Team[],
  cal: YearCalendar,
  rng: Random,
): Person[] {
  const township = row.kind === 'township_centre';
  const people: Person[] = [];
  for (let n = 0; n < row.population; n += 1) {
    const elderly = n < row.elderly;
    const { birthDay, age } = birth(cal, rng, elderly);
    const female = rng.chance(elderly ? (age >= 80 ? 0.6 : 0.54) : 0.49);
    const sex = female ? 'female' : 'male';
    const person: Person = {
      id: '',
      birthDay,
      age,
      elderly,
      sex,
      householdId: '',
      team: teams[0],
      tags: [],
      hypertension: false,
      diabetes: false,
      engagement: ENGAGEMENT[rng.weighted(ENGAGEMENT_WEIGHTS)],
    };
    person.tags = keyTags(rng, person, township);
    people.push(person);
  }
  rng.shuffle(people);
  people.forEach((p, i) => (p.id = `${centreId}-${i + 1}`));

  let households = 0;
  for (const [group, sizes] of [
    [people.filter((p) => p.elderly), HOUSEHOLD_SIZES_OLD],
    [people.filter((p) => !p.elderly), HOUSEHOLD_SIZES_YOUNG],
  ] as const) {
    for (let i = 0; i < group.length;) {
      const size = 1 + rng.weighted(sizes);
      households += 1;
      const team = rng.pick(teams);
      for (const p of group.slice(i, i + size)) {
        p.householdId = `${centreId}-h${households}`;
        p.team = team;
      }
      i += size;
    }
  }

  const wobble = () => 0.98 + 0.06 * rng.float();
  for (const p of sample(rng, people, Math.round(row.hypertension * wobble()), (p) =>
    hypertensionWeight(p.age),
  ))
    p.hypertension = true;
  for (const p of sample(
    rng,
    people,
    Math.round(row.diabetes * wobble()),
    (p) => diabetesWeight(p.age) * (p.hypertension ? 1.6 : 1),
  )) {
    p.diabetes = true;
  }
  return people;
}
