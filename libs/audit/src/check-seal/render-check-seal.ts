import type { CheckSealReport } from './check-seal';

const cell = (v: { numerator: number; denominator: number } | null) =>
  v ? `${v.numerator}/${v.denominator}` : '—';

/** The report for a terminal: verdict first, then each check, late records apart from tampering. */
export function renderCheckSealText(r: CheckSealReport): string {
  const ok = (b: boolean) => (b ? 'ok' : 'FAILED');
  const key = !r.anchored
    ? `NOT PINNED — compare ${r.keyFingerprint ?? '(unreadable key)'}`
    : `${ok(r.trustedKey)} (${r.keyFingerprint ?? 'unreadable key'}, pinned by ${r.trustedKeySource})`;
  const event = r.sealEvent.found
    ? `ok (position ${r.sealEvent.position}${r.sealEvent.receipt ? '' : ', found by id: an older seal file without receipt'})`
    : 'FAILED';
  const lines = [
    `check-seal: ${r.verdict.toUpperCase().replace('_', ' ')} — seal ${r.sealId} (period ${r.period}, unit ${r.unitId}, ${r.treeSize} events up to position ${r.position}, sealed ${r.sealedAt} by ${r.sealedBy})`,
    `  signature        ${ok(r.signatureValid)}`,
    `  trusted key      ${key}`,
    `  seal event       ${event}`,
    `  log extends seal ${ok(r.logExtendsSeal)}${r.consistency ? ` (consistency proof ${r.consistency.firstSize} → ${r.consistency.secondSize}, ${r.consistency.proof.length} hashes)` : ''}`,
    `  log hashes       ${ok(r.logIntact)} (head position ${r.headPosition})`,
    `  figures          ${ok(r.figuresMatch)}`,
  ];
  for (const d of r.figureDifferences.slice(0, 20))
    lines.push(`    ${d.unitId} ${d.indicatorId}: sealed ${cell(d.sealed)}, now ${cell(d.now)}`);
  if (r.tamperedEvents.length > 0) {
    lines.push('tampering:');
    for (const p of r.tamperedEvents)
      lines.push(
        `  stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}`,
      );
  }
  if (r.problems.length > 0) {
    lines.push('problems:');
    for (const p of r.problems) lines.push(`  - ${p}`);
  }
  if (r.lateRecords.length > 0) {
    lines.push(
      `late records (${r.lateRecords.length}) — added after the seal for ${r.period}, not counted in the sealed figures:`,
    );
    for (const e of r.lateRecords)
      lines.push(
        `  ${e.type} in ${e.streamId} at position ${e.position}, occurred ${e.occurredAt}, recorded ${e.recordedAt} by ${e.actor}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
