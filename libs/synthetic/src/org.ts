import type { YearCalendar } from './calendar';
import type { SeedCommand } from './command-log';
import { doctorName } from './doctor-names';
import type { CentreRow } from './huancui-2024';
import type { Random } from './random';

/** A family doctor team, the unit it sits in, and its doctors (the first one leads it). */
export interface Team {
  teamId: string;
  unitId: string;
  doctorIds: string[];
}

export interface CentreOrg {
  centreId: string;
  teams: Team[];
  /** Registration commands, parents before children, in the order they must be applied. */
  commands: SeedCommand[];
}

const STATION_OPENED = '2010-01-01';
const CENTRE_OPENED = '2005-01-01';
export const DISTRICT_OPENED = '2000-01-01';
/** Day from which residents can have a health record: the stations' opening. */
export const RECORDS_FROM = STATION_OPENED;

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/**
 * A centre with a few stations (community) or village clinics (township), one family doctor team
 * per ~2,500 residents spread over them, and 2–4 doctors per team.
 */
export function planCentreOrg(
  row: CentreRow,
  districtId: string,
  cal: YearCalendar,
  rng: Random,
  prefix: string,
): CentreOrg {
  const centreId = `${districtId}-${row.code}`;
  const short = row.name.replace(/(社区卫生服务中心|镇卫生院|中心卫生院)$/, '');
  const community = row.kind === 'community_centre';
  const outposts = community
    ? clamp(Math.round(row.population / 10_000), 2, 6)
    : clamp(Math.round(row.population / 8_000), 3, 10);
  const commands: SeedCommand[] = [];
  const register = (unitId: string, name: string, kind: string, parentId: string, opened: string) =>
    commands.push({
      type: 'RegisterOrgUnit',
      commandId: `${prefix}unit-${unitId}`,
      occurredAt: opened,
      unitId,
      name,
      kind,
      parentId,
    });

  register(centreId, row.name, row.kind, districtId, CENTRE_OPENED);
  const units = [centreId];
  for (let s = 1; s <= outposts; s += 1) {
    const unitId = `${centreId}-${community ? 's' : 'v'}${s}`;
    const name = community ? `${short}第${s}社区卫生服务站` : `${short}第${s}村卫生室`;
    register(unitId, name, community ? 'station' : 'village_clinic', centreId, STATION_OPENED);
    units.push(unitId);
  }
  const teamsOpened = `${cal.year - 4}-01-01`;
  const teamCount = Math.max(2, Math.round(row.population / 2_500));
  const teams: Team[] = [];
  for (let t = 1; t <= teamCount; t += 1) {
    const team: Team = {
      teamId: `${centreId}-t${t}`,
      unitId: units[(t - 1) % units.length],
      doctorIds: [],
    };
    register(team.teamId, `${short}家庭医生团队${t}`, 'team', team.unitId, teamsOpened);
    teams.push(team);
  }
  // Doctors joined between the teams' start and the middle of the year before last.
  const firstDay = cal.dayOf(cal.year - 4, 0, 1);
  const lastDay = cal.dayOf(cal.year - 2, 5, 30);
  let d = 0;
  for (const team of teams) {
    const size = rng.int(2, 4);
    for (let k = 0; k < size; k += 1) {
      d += 1;
      const doctorId = `${centreId}-d${d}`;
      team.doctorIds.push(doctorId);
      commands.push({
        type: 'RegisterDoctor',
        commandId: `${prefix}doctor-${doctorId}`,
        occurredAt: cal.date(rng.int(firstDay, lastDay)),
        doctorId,
        unitId: team.unitId,
        teamId: team.teamId,
        name: doctorName(prefix, doctorId),
      });
    }
  }
  return { centreId, teams, commands };
}

export function registerDistrict(districtId: string, name: string, prefix: string): SeedCommand {
  return {
    type: 'RegisterOrgUnit',
    commandId: `${prefix}unit-${districtId}`,
    occurredAt: DISTRICT_OPENED,
    unitId: districtId,
    name,
    kind: 'district',
  };
}
