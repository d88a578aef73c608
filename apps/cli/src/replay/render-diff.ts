import type { IndicatorChange } from '@libs/indicators';

/** Human-readable "what changed since", one indicator at a time, each change with its events. */
export function renderDiff(changes: IndicatorChange[], asOf: string): string {
  const lines = ['', `Changes since ${asOf} / 自该时点以来的变化:`];
  if (changes.length === 0) lines.push('  none / 无');
  for (const c of changes) {
    lines.push(
      `  ${c.indicatorId}: ${c.then.numerator}/${c.then.denominator} → ${c.now.numerator}/${c.now.denominator}`,
    );
    for (const r of c.residents) {
      const why = r.reasonThen
        ? ` (then: ${r.reasonThen.en})`
        : r.reasonNow
          ? ` (now: ${r.reasonNow.en})`
          : '';
      lines.push(
        `    ${r.change.padEnd(18)} ${r.residentId}${r.contractId ? ` contract ${r.contractId}` : ''}${r.recordId ? ` record ${r.recordId}` : ''}${why}`,
      );
      for (const e of r.events)
        lines.push(
          `      #${e.position} ${e.type} occurred ${e.occurredAt.slice(0, 10)} recorded ${e.recordedAt}${e.sourceRecordedAt ? ` (source ${e.sourceRecordedAt})` : ''} by ${e.actor} ${e.hash.slice(0, 12)}…`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}
