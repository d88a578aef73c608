import type { WitnessReport } from '@libs/audit/checkpoint/check-witness';
import type { VerifyReport } from '@libs/ledger';

export function renderWalk(report: VerifyReport): string {
  if (report.intact)
    return `verify: intact — ${report.eventsChecked} events in ${report.streamsChecked} streams, head position ${report.headPosition}\n`;
  const p = report.problem!;
  return (
    `verify: NOT INTACT — first mismatch in stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}\n` +
    `(${report.eventsChecked} events before it matched)\n`
  );
}

/** One line per checkpoint: what it covered, whether the log still extends it, whose key signed it. */
export function renderWitness(w: WitnessReport): string {
  const lines = [
    `witness: ${w.checkpoints.length} checkpoint(s) against today's log of ${w.logSize} events (root ${w.logRoot})`,
  ];
  for (const c of w.checkpoints) {
    const key = !c.signatureValid
      ? 'signature FAILED'
      : !c.key.anchored
        ? `key NOT PINNED ${c.key.fingerprint}`
        : c.key.pinned
          ? 'key pinned'
          : `key NOT TRUSTED ${c.key.fingerprint}`;
    const extended = c.extended
      ? `extended (consistency proof ${c.treeSize} → ${w.logSize}, ${c.proof?.length ?? 0} hashes)`
      : 'NOT EXTENDED';
    lines.push(
      `  ${c.file}: ${c.treeSize} events to position ${c.position} at ${c.time} — ${extended}; ${key}`,
    );
    if (c.problem) lines.push(`    ${c.problem}`);
  }
  if (!w.anchored) {
    const fingerprints = [
      ...new Set(w.checkpoints.map((c) => c.key.fingerprint ?? '(unreadable)')),
    ];
    lines.push(
      `witness: UNANCHORED — no key was pinned; the checkpoints name ${fingerprints.join(', ')}. Compare with the fingerprint you keep and pass --public-key FILE or --trust FILE.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
