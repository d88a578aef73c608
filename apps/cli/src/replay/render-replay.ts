import type { EvaluationTable, IndicatorCatalog, IndicatorChange, RateRow } from '@libs/indicators';
import { type Lang, lang, messages } from '../text/lang';
import { renderTable } from '../text/table';

const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(2)}%`);

const texts = () =>
  messages({
    zh: {
      target: '目标',
      status: {
        met: '达标',
        behind: '未达标',
        no_data: '无数据',
        no_target: '无目标',
      } as Record<RateRow['status'], string>,
      rebuilt: (n: number) => `（由 ${n} 条事件重算）`,
      since: (asOf: string) => `自 ${asOf} 以来的变化（按机构和指标）：`,
      none: '  无',
      head: ['机构', '指标', '当时', '', '现在', '变化居民数'],
      detailHint: '（加 --detail 逐个列出居民及其事件）',
      detail: (unit: string) => `${unit} 的逐个居民变化：`,
      change: {
        now_counted: '现已计入',
        no_longer_counted: '不再计入',
        joined: '新进入分母',
        left: '移出分母',
      } as Record<IndicatorChange['residents'][number]['change'], string>,
      then: (why: string) => `当时：${why}`,
      now: (why: string) => `现在：${why}`,
      contract: '合同',
      record: '记录',
      event: (e: EventLine) =>
        `#${e.position} ${e.type} 发生 ${e.occurredAt.slice(0, 10)} 记录 ${e.recordedAt}${e.sourceRecordedAt ? `（来源系统 ${e.sourceRecordedAt}）` : ''} 由 ${e.actor} ${e.hash.slice(0, 12)}…`,
    },
    en: {
      target: 'target',
      status: {
        met: 'met',
        behind: 'behind',
        no_data: 'no data',
        no_target: 'no target',
      } as Record<RateRow['status'], string>,
      rebuilt: (n: number) => `(rebuilt from ${n} events)`,
      since: (asOf: string) => `Changes since ${asOf}, by unit and indicator:`,
      none: '  none',
      head: ['unit', 'indicator', 'then', '', 'now', 'residents changed'],
      detailHint: '(add --detail for each resident and the events behind the change)',
      detail: (unit: string) => `Resident by resident, ${unit}:`,
      change: {
        now_counted: 'now counted',
        no_longer_counted: 'no longer counted',
        joined: 'joined',
        left: 'left',
      } as Record<IndicatorChange['residents'][number]['change'], string>,
      then: (why: string) => `then: ${why}`,
      now: (why: string) => `now: ${why}`,
      contract: 'contract',
      record: 'record',
      event: (e: EventLine) =>
        `#${e.position} ${e.type} occurred ${e.occurredAt.slice(0, 10)} recorded ${e.recordedAt}${e.sourceRecordedAt ? ` (source ${e.sourceRecordedAt})` : ''} by ${e.actor} ${e.hash.slice(0, 12)}…`,
    },
  });

type EventLine = IndicatorChange['residents'][number]['events'][number];

const nameIn = (l: Lang, d: { nameZh: string; nameEn: string }) =>
  l === 'zh' ? d.nameZh : d.nameEn;

/**
 * The rate table for the terminal: a block per indicator, every block in the same columns so
 * the eye can run down a unit's figures from one indicator to the next.
 */
export function renderEvaluationText(table: EvaluationTable, events: number): string {
  const T = texts();
  const rows = table.indicators.flatMap((d) =>
    table.rows.map((row) => {
      const c = row.cells[d.id];
      return [
        row.unitName,
        String(c.numerator),
        '/',
        String(c.denominator),
        pct(c.rate),
        T.target,
        pct(c.target),
        T.status[c.status],
      ];
    }),
  );
  const rendered = renderTable(rows, {
    indent: '  ',
    align: ['left', 'right', 'left', 'left', 'right', 'left', 'right', 'left'],
  });
  const lines = [table.title, ''];
  table.indicators.forEach((d, i) =>
    lines.push(
      nameIn(lang(), d),
      ...rendered.slice(i * table.rows.length, (i + 1) * table.rows.length),
    ),
  );
  lines.push(T.rebuilt(events));
  return `${lines.join('\n')}\n`;
}

/** One unit's changes since the as-of view, as diffSince gives them. */
export interface UnitChanges {
  unitName: string;
  changes: IndicatorChange[];
}

/**
 * What changed since the as-of view: first a line per unit and indicator (then → now and how
 * many residents changed), which is what a supervisor reads; with `detail`, each resident of the
 * reported unit and the events recorded since that explain it, which is what an auditor traces.
 */
export function renderDiff(
  units: readonly UnitChanges[],
  catalog: IndicatorCatalog,
  asOf: string,
  detail: boolean,
): string {
  const T = texts();
  const name = (id: string) => {
    const d = catalog.indicators.find((x) => x.id === id);
    return d ? nameIn(lang(), d) : id;
  };
  const lines = ['', T.since(asOf)];
  const summary = units.flatMap((u) =>
    u.changes.map((c) => [
      u.unitName,
      name(c.indicatorId),
      `${c.then.numerator}/${c.then.denominator}`,
      '→',
      `${c.now.numerator}/${c.now.denominator}`,
      String(c.residents.length),
    ]),
  );
  if (summary.length === 0) {
    lines.push(T.none);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    ...renderTable([T.head, ...summary], {
      indent: '  ',
      align: ['left', 'left', 'right', 'left', 'left', 'right'],
    }),
  );
  const reported = units[units.length - 1];
  if (!detail) {
    lines.push(T.detailHint);
    return `${lines.join('\n')}\n`;
  }
  lines.push('', T.detail(reported.unitName));
  for (const c of reported.changes) {
    lines.push(
      `  ${name(c.indicatorId)} (${c.indicatorId}): ${c.then.numerator}/${c.then.denominator} → ${c.now.numerator}/${c.now.denominator}`,
    );
    const residents = c.residents.map((r) => {
      const why = r.reasonThen
        ? T.then(r.reasonThen[lang()])
        : r.reasonNow
          ? T.now(r.reasonNow[lang()])
          : '';
      const what = [
        r.residentId,
        r.contractId ? `${T.contract} ${r.contractId}` : '',
        r.recordId ? `${T.record} ${r.recordId}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      return { row: [T.change[r.change], what, why], events: r.events };
    });
    const rendered = renderTable(
      residents.map((r) => r.row),
      { indent: '    ' },
    );
    residents.forEach((r, i) => {
      lines.push(rendered[i].trimEnd());
      for (const e of r.events) lines.push(`      ${T.event(e)}`);
    });
  }
  return `${lines.join('\n')}\n`;
}
