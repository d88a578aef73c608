import type { WitnessReport } from '@libs/audit/checkpoint/check-witness';
import type { VerifyReport } from '@libs/ledger';
import { messages } from '../text/lang';

type Checkpoint = WitnessReport['checkpoints'][number];
type Problem = NonNullable<VerifyReport['problem']>;

const texts = () =>
  messages({
    zh: {
      intact: (r: VerifyReport) =>
        `verify: 完好 — ${r.streamsChecked} 个流中的 ${r.eventsChecked} 条事件，头部位置 ${r.headPosition}`,
      notIntact: (p: Problem, before: number) =>
        `verify: 不完好 — 第一处不符在流 ${p.streamId} 修订号 ${p.revision}，位置 ${p.position}：${p.reason}\n` +
        `（在它之前的 ${before} 条事件相符）`,
      witness: (w: WitnessReport) =>
        `witness: ${w.checkpoints.length} 个检查点，对照今天 ${w.logSize} 条事件的账本（根 ${w.logRoot}）`,
      signatureFailed: '签名失败',
      keyNotPinned: (fp: string | null) => `密钥未固定 ${fp}`,
      keyPinned: '密钥已固定',
      keyNotTrusted: (fp: string | null) => `密钥不可信 ${fp}`,
      extended: (c: Checkpoint, size: number) =>
        `已延续（一致性证明 ${c.treeSize} → ${size}，${c.proof?.length ?? 0} 个哈希）`,
      notExtended: '未延续',
      line: (c: Checkpoint, extended: string, key: string) =>
        `${c.file}：截至位置 ${c.position} 的 ${c.treeSize} 条事件，${c.time} — ${extended}；${key}`,
      unreadable: '（无法读取）',
      unanchored: (fps: string) =>
        `witness: 未锚定 — 没有固定密钥；各检查点所指的密钥为 ${fps}。请与你保存的指纹比对，再给出 --public-key FILE 或 --trust FILE。`,
    },
    en: {
      intact: (r: VerifyReport) =>
        `verify: intact — ${r.eventsChecked} events in ${r.streamsChecked} streams, head position ${r.headPosition}`,
      notIntact: (p: Problem, before: number) =>
        `verify: NOT INTACT — first mismatch in stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}\n` +
        `(${before} events before it matched)`,
      witness: (w: WitnessReport) =>
        `witness: ${w.checkpoints.length} checkpoint(s) against today's log of ${w.logSize} events (root ${w.logRoot})`,
      signatureFailed: 'signature FAILED',
      keyNotPinned: (fp: string | null) => `key NOT PINNED ${fp}`,
      keyPinned: 'key pinned',
      keyNotTrusted: (fp: string | null) => `key NOT TRUSTED ${fp}`,
      extended: (c: Checkpoint, size: number) =>
        `extended (consistency proof ${c.treeSize} → ${size}, ${c.proof?.length ?? 0} hashes)`,
      notExtended: 'NOT EXTENDED',
      line: (c: Checkpoint, extended: string, key: string) =>
        `${c.file}: ${c.treeSize} events to position ${c.position} at ${c.time} — ${extended}; ${key}`,
      unreadable: '(unreadable)',
      unanchored: (fps: string) =>
        `witness: UNANCHORED — no key was pinned; the checkpoints name ${fps}. Compare with the fingerprint you keep and pass --public-key FILE or --trust FILE.`,
    },
  });

export function renderWalk(report: VerifyReport): string {
  const T = texts();
  return `${report.intact ? T.intact(report) : T.notIntact(report.problem!, report.eventsChecked)}\n`;
}

/** One line per checkpoint: what it covered, whether the log still extends it, whose key signed it. */
export function renderWitness(w: WitnessReport): string {
  const T = texts();
  const lines = [T.witness(w)];
  for (const c of w.checkpoints) {
    const key = !c.signatureValid
      ? T.signatureFailed
      : !c.key.anchored
        ? T.keyNotPinned(c.key.fingerprint)
        : c.key.pinned
          ? T.keyPinned
          : T.keyNotTrusted(c.key.fingerprint);
    lines.push(`  ${T.line(c, c.extended ? T.extended(c, w.logSize) : T.notExtended, key)}`);
    if (c.problem) lines.push(`    ${c.problem}`);
  }
  if (!w.anchored) {
    const fingerprints = [...new Set(w.checkpoints.map((c) => c.key.fingerprint ?? T.unreadable))];
    lines.push(T.unanchored(fingerprints.join(', ')));
  }
  return `${lines.join('\n')}\n`;
}
