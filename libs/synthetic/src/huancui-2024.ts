/** One row of the Huancui district 2024 target sheet (domain.md, attachment 2 of the plan). */
export interface CentreRow {
  /** Short pinyin code used in every id of the centre: units, doctors, residents. */
  code: string;
  name: string;
  kind: 'community_centre' | 'township_centre';
  population: number;
  elderly: number;
  elderlyManagement: number;
  elderlyTcm: number;
  hypertension: number;
  hypertensionStandardised: number;
  diabetes: number;
  diabetesStandardised: number;
}

export const HUANCUI_DISTRICT = { unitId: 'hc', name: '环翠区' } as const;

const row = (
  code: string,
  name: string,
  kind: CentreRow['kind'],
  ...n: [number, number, number, number, number, number, number, number]
): CentreRow => ({
  code,
  name,
  kind,
  population: n[0],
  elderly: n[1],
  elderlyManagement: n[2],
  elderlyTcm: n[3],
  hypertension: n[4],
  hypertensionStandardised: n[5],
  diabetes: n[6],
  diabetesStandardised: n[7],
});

/** 蓝卡 is listed without a kind; it is treated as a community centre. */
export const HUANCUI_2024: readonly CentreRow[] = [
  row(
    'jy',
    '鲸园社区卫生服务中心',
    'community_centre',
    56000,
    10396,
    6654,
    7694,
    4966,
    3178,
    1977,
    1265,
  ),
  row(
    'hcl',
    '环翠楼社区卫生服务中心',
    'community_centre',
    37500,
    6812,
    4360,
    5041,
    3286,
    2103,
    1308,
    837,
  ),
  row(
    'zd',
    '竹岛社区卫生服务中心',
    'community_centre',
    63500,
    8199,
    5248,
    6068,
    5546,
    3549,
    2208,
    1413,
  ),
  row(
    'ss',
    '嵩山社区卫生服务中心',
    'community_centre',
    35500,
    3615,
    2314,
    2676,
    3140,
    2010,
    1250,
    800,
  ),
  row(
    'sjt',
    '孙家疃社区卫生服务中心',
    'community_centre',
    28000,
    4502,
    2882,
    3332,
    2483,
    1589,
    988,
    633,
  ),
  row('zc', '张村镇卫生院', 'township_centre', 100000, 8329, 5331, 6163, 8810, 5638, 3508, 2245),
  row('yt', '羊亭中心卫生院', 'township_centre', 30800, 6335, 4055, 4688, 2668, 1708, 1062, 680),
  row('wq', '温泉镇卫生院', 'township_centre', 61000, 6919, 4429, 5120, 5327, 3409, 2120, 1357),
  row('qt', '桥头镇卫生院', 'township_centre', 21500, 7096, 4542, 5251, 1931, 1236, 769, 492),
  row('lk', '蓝卡', 'community_centre', 44800, 5466, 3499, 4045, 4043, 2588, 1610, 1030),
];

export const SCALES = { small: 0.01, district: 1 } as const;
export type Scale = keyof typeof SCALES;

/** The sheet at a scale: every count multiplied and rounded, so `district` is the table itself. */
export function scaledRows(scale: Scale): CentreRow[] {
  const f = SCALES[scale];
  const s = (n: number) => Math.round(n * f);
  return HUANCUI_2024.map((r) => ({
    ...r,
    population: s(r.population),
    elderly: s(r.elderly),
    elderlyManagement: s(r.elderlyManagement),
    elderlyTcm: s(r.elderlyTcm),
    hypertension: s(r.hypertension),
    hypertensionStandardised: s(r.hypertensionStandardised),
    diabetes: s(r.diabetes),
    diabetesStandardised: s(r.diabetesStandardised),
  }));
}

/** The target sheet an AssignTargets command carries for a row. */
export function targetLines(r: CentreRow): { indicator: string; count: number }[] {
  return [
    { indicator: 'population', count: r.population },
    { indicator: 'elderly_population', count: r.elderly },
    { indicator: 'elderly_health_management', count: r.elderlyManagement },
    { indicator: 'elderly_tcm', count: r.elderlyTcm },
    { indicator: 'hypertension_target', count: r.hypertension },
    { indicator: 'hypertension_standardised', count: r.hypertensionStandardised },
    { indicator: 'diabetes_target', count: r.diabetes },
    { indicator: 'diabetes_standardised', count: r.diabetesStandardised },
  ];
}

/** The district's own sheet: the sum of its centres' rows. */
export function districtTotal(rows: readonly CentreRow[]): CentreRow {
  const sum = (k: keyof CentreRow) => rows.reduce((n, r) => n + (r[k] as number), 0);
  return {
    code: HUANCUI_DISTRICT.unitId,
    name: HUANCUI_DISTRICT.name,
    kind: 'community_centre',
    population: sum('population'),
    elderly: sum('elderly'),
    elderlyManagement: sum('elderlyManagement'),
    elderlyTcm: sum('elderlyTcm'),
    hypertension: sum('hypertension'),
    hypertensionStandardised: sum('hypertensionStandardised'),
    diabetes: sum('diabetes'),
    diabetesStandardised: sum('diabetesStandardised'),
  };
}
