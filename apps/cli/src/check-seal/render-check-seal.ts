import type { CheckSealReport } from '@libs/audit/check-seal/check-seal';
import { messages } from '../text/lang';
import { renderTable } from '../text/table';

const cell = (v: { numerator: number; denominator: number } | null) =>
  v ? `${v.numerator}/${v.denominator}` : '—';

type Late = CheckSealReport['lateRecords'][number];
type Tampered = CheckSealReport['tamperedEvents'][number];

const texts = () =>
  messages({
    zh: {
      verdict: {
        intact: '完好',
        late_records: '有补录',
        tampered: '被篡改',
        untrusted: '不可信',
        unanchored: '未锚定',
      } as Record<CheckSealReport['verdict'], string>,
      head: (r: CheckSealReport) =>
        `封存 ${r.sealId}（${r.period} 年，机构 ${r.unitId}，截至位置 ${r.position} 的 ${r.treeSize} 条事件，${r.sealedAt} 由 ${r.sealedBy} 封存）`,
      ok: '通过',
      failed: '失败',
      notPinned: (fp: string) => `未固定 — 请比对 ${fp}`,
      unreadableKey: '（无法读取的密钥）',
      pinned: (fp: string, by: string) => `（${fp}，由 ${by} 固定）`,
      eventAt: (position: number, receipt: boolean) =>
        `（位置 ${position}${receipt ? '' : '，按编号找到：较旧的封存文件，没有回执'}）`,
      proof: (from: number, to: number, hashes: number) =>
        `（一致性证明 ${from} → ${to}，${hashes} 个哈希）`,
      head_position: (n: number) => `（头部位置 ${n}）`,
      checks: ['签名', '可信密钥', '封存事件', '账本延续封存', '账本哈希', '指标'],
      figure: (unit: string, indicator: string, sealed: string, now: string) =>
        `${unit} ${indicator}：封存时 ${sealed}，现在 ${now}`,
      tampering: '篡改：',
      tamperedAt: (p: Tampered) =>
        `流 ${p.streamId} 修订号 ${p.revision}，位置 ${p.position}：${p.reason}`,
      problems: '问题：',
      late: (n: number, period: number) =>
        `补录（${n} 条）— 在 ${period} 年封存之后添加，未计入封存的指标：`,
      lateAt: (e: Late) =>
        `${e.type}，流 ${e.streamId}，位置 ${e.position}，发生 ${e.occurredAt}，${e.recordedAt} 由 ${e.actor} 记录`,
    },
    en: {
      verdict: {
        intact: 'INTACT',
        late_records: 'LATE RECORDS',
        tampered: 'TAMPERED',
        untrusted: 'UNTRUSTED',
        unanchored: 'UNANCHORED',
      } as Record<CheckSealReport['verdict'], string>,
      head: (r: CheckSealReport) =>
        `seal ${r.sealId} (period ${r.period}, unit ${r.unitId}, ${r.treeSize} events up to position ${r.position}, sealed ${r.sealedAt} by ${r.sealedBy})`,
      ok: 'ok',
      failed: 'FAILED',
      notPinned: (fp: string) => `NOT PINNED — compare ${fp}`,
      unreadableKey: '(unreadable key)',
      pinned: (fp: string, by: string) => ` (${fp}, pinned by ${by})`,
      eventAt: (position: number, receipt: boolean) =>
        ` (position ${position}${receipt ? '' : ', found by id: an older seal file without receipt'})`,
      proof: (from: number, to: number, hashes: number) =>
        ` (consistency proof ${from} → ${to}, ${hashes} hashes)`,
      head_position: (n: number) => ` (head position ${n})`,
      checks: [
        'signature',
        'trusted key',
        'seal event',
        'log extends seal',
        'log hashes',
        'figures',
      ],
      figure: (unit: string, indicator: string, sealed: string, now: string) =>
        `${unit} ${indicator}: sealed ${sealed}, now ${now}`,
      tampering: 'tampering:',
      tamperedAt: (p: Tampered) =>
        `stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}`,
      problems: 'problems:',
      late: (n: number, period: number) =>
        `late records (${n}) — added after the seal for ${period}, not counted in the sealed figures:`,
      lateAt: (e: Late) =>
        `${e.type} in ${e.streamId} at position ${e.position}, occurred ${e.occurredAt}, recorded ${e.recordedAt} by ${e.actor}`,
    },
  });

/** The report for a terminal: verdict first, then each check, late records apart from tampering. */
export function renderCheckSealText(r: CheckSealReport): string {
  const T = texts();
  const ok = (b: boolean) => (b ? T.ok : T.failed);
  const key = !r.anchored
    ? T.notPinned(r.keyFingerprint ?? T.unreadableKey)
    : `${ok(r.trustedKey)}${T.pinned(r.keyFingerprint ?? T.unreadableKey, String(r.trustedKeySource))}`;
  const event = r.sealEvent.found
    ? `${T.ok}${T.eventAt(r.sealEvent.position!, r.sealEvent.receipt)}`
    : T.failed;
  const consistency = r.consistency
    ? T.proof(r.consistency.firstSize, r.consistency.secondSize, r.consistency.proof.length)
    : '';
  const checks = renderTable(
    [
      [T.checks[0], ok(r.signatureValid)],
      [T.checks[1], key],
      [T.checks[2], event],
      [T.checks[3], `${ok(r.logExtendsSeal)}${consistency}`],
      [T.checks[4], `${ok(r.logIntact)}${T.head_position(r.headPosition)}`],
      [T.checks[5], ok(r.figuresMatch)],
    ],
    { indent: '  ' },
  );
  const lines = [`check-seal: ${T.verdict[r.verdict]} — ${T.head(r)}`, ...checks];
  for (const d of r.figureDifferences.slice(0, 20))
    lines.push(`    ${T.figure(d.unitId, d.indicatorId, cell(d.sealed), cell(d.now))}`);
  if (r.tamperedEvents.length > 0) {
    lines.push(T.tampering);
    for (const p of r.tamperedEvents) lines.push(`  ${T.tamperedAt(p)}`);
  }
  if (r.problems.length > 0) {
    lines.push(T.problems);
    for (const p of r.problems) lines.push(`  - ${p}`);
  }
  if (r.lateRecords.length > 0) {
    lines.push(T.late(r.lateRecords.length, r.period));
    for (const e of r.lateRecords) lines.push(`  ${T.lateAt(e)}`);
  }
  return `${lines.join('\n')}\n`;
}
