import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_HEAP_MB, draftsOnWorker, heapHelp, heapMbArg } from '../detect/drafts-task';
import {
  type DetectorScore,
  parsePlanted,
  scoreDetections,
  scorePasses,
} from '@libs/fabrication/scoring/score';
import { StoreConfigError, parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { yearArg } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';
import { renderTable } from '../text/table';

/** Precision and recall each detector must reach where cases were planted. */
export const SCORE_THRESHOLD = 0.9;

interface DetectScoreOptions {
  period: number;
  truth: string;
  json?: boolean;
  store?: string;
  heapMb: number;
}

const ratio = (r: number | null) => (r === null ? '—' : r.toFixed(3));

const texts = () =>
  messages({
    zh: {
      description: `各项造假检测对照种子预置案例（seed --inject）的精确率和召回率，以及它误指的诱饵（形似的正常工作）；有预置案例的检测项低于 ${SCORE_THRESHOLD} 或指出诱饵时退出码为 1`,
      period: '考核年度',
      truth: '由 seed --inject 写出的预置案例（JSON lines）',
      json: '以 JSON 输出得分',
      cannotRead: (file: string, why: string) => `无法读取真值文件 ${file}：${why}`,
      head: [
        '检测项',
        '预置',
        '预警',
        'TP',
        'FP',
        'FN',
        '精确率',
        '召回率',
        '找到隐蔽的',
        '误指诱饵',
        '',
      ],
      ok: '达标',
      below: '低于',
      more: (n: number) => ` … 另有 ${n} 个`,
      falsePositives: '误报',
      missed: '漏报',
      decoys: '误指的诱饵（正常工作被当成该模式）',
      run: (period: number, events: number, planted: number, alerts: number, ms: number) =>
        `detect-score ${period}：${events} 条事件，${planted} 个预置案例，${alerts} 条预警，${ms} 毫秒`,
      pass: `detect-score：每个有预置案例的检测项精确率和召回率都达到 ${SCORE_THRESHOLD}，且没有指出诱饵`,
      fail: (detectors: string) => `detect-score：低于 ${SCORE_THRESHOLD}：${detectors}`,
    },
    en: {
      description: `precision and recall of each fabrication detector against a seed's planted cases (seed --inject), and the decoys (honest look-alikes) it named; exits 1 when a detector with planted cases is below ${SCORE_THRESHOLD} or names a decoy`,
      period: 'evaluation year',
      truth: 'the planted cases written by seed --inject (JSON lines)',
      json: 'print the scores as JSON',
      cannotRead: (file: string, why: string) => `cannot read the truth file ${file}: ${why}`,
      head: [
        'detector',
        'planted',
        'alerts',
        'TP',
        'FP',
        'FN',
        'precision',
        'recall',
        'subtle found',
        'decoys hit',
        '',
      ],
      ok: 'ok',
      below: 'BELOW',
      more: (n: number) => ` … ${n} more`,
      falsePositives: 'false positives',
      missed: 'missed',
      decoys: 'decoys named (honest work taken for the pattern)',
      run: (period: number, events: number, planted: number, alerts: number, ms: number) =>
        `detect-score ${period}: ${events} event(s), ${planted} planted case(s), ${alerts} alert(s), ${ms} ms`,
      pass: `detect-score: every detector with planted cases reaches ${SCORE_THRESHOLD} precision and recall, and none names a decoy`,
      fail: (detectors: string) => `detect-score: BELOW ${SCORE_THRESHOLD} for ${detectors}`,
    },
  });

function readTruth(file: string) {
  try {
    return parsePlanted(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StoreConfigError(texts().cannotRead(file, (error as Error).message));
  }
}

function printTable(scores: DetectorScore[]): void {
  const T = texts();
  const rows = scores.map((s) => [
    s.detector,
    String(s.planted),
    String(s.alerts),
    String(s.truePositives),
    String(s.falsePositives),
    String(s.falseNegatives),
    ratio(s.precision),
    ratio(s.recall),
    s.subtle.planted === 0 ? '—' : `${s.subtle.found}/${s.subtle.planted}`,
    s.decoys === 0 ? '—' : `${s.decoyHits.length}/${s.decoys}`,
    s.planted === 0 && s.decoys === 0 ? '' : scorePasses(s, SCORE_THRESHOLD) ? T.ok : T.below,
  ]);
  const align = T.head.map((_, i) => (i === 0 ? 'left' : 'right') as 'left' | 'right');
  for (const line of renderTable([T.head, ...rows], { align }))
    process.stdout.write(`${line.trimEnd()}\n`);
  for (const s of scores) {
    const show = (label: string, subjects: string[]) => {
      if (subjects.length === 0) return;
      const more = subjects.length > 10 ? T.more(subjects.length - 10) : '';
      process.stdout.write(
        `  ${s.detector} ${label}: ${subjects.slice(0, 10).join(', ')}${more}\n`,
      );
    };
    show(T.falsePositives, s.falsePositiveSubjects);
    show(T.missed, s.falseNegativeSubjects);
    show(T.decoys, s.decoyHits);
  }
}

/**
 * Scores the detectors against the ground truth a planted seed wrote (`seed --inject`): reads
 * the log, runs every detector over the period, and compares alerts with planted cases.
 */
export function detectScoreCommand(): Command {
  const T = texts();
  return withStoreOption(new Command('detect-score'))
    .description(T.description)
    .requiredOption('--period <year>', T.period, yearArg)
    .requiredOption('--truth <file>', T.truth)
    .option('--json', T.json)
    .option('--heap-mb <mb>', heapHelp(), heapMbArg, DEFAULT_HEAP_MB)
    .action(async (o: DetectScoreOptions) => {
      const planted = readTruth(o.truth).filter((c) => c.period === o.period);
      const store = await openStoreFrom(o);
      try {
        const started = performance.now();
        const today = chinaDay(systemClock().toISOString());
        // The same thread and pipeline as `detect`. Only the planted subjects' commands are
        // looked up: a map of every command in a district's log would hold a million ids.
        const reply = await draftsOnWorker(
          {
            store: parseStoreLocation(o.store ?? process.env.LEDGER_STORE),
            period: o.period,
            today,
            commands: [...new Set(planted.map((c) => c.subject.id))],
          },
          o.heapMb,
        );
        const alerts = reply.found.map((f) => f.draft);
        const scores = scoreDetections(alerts, planted, new Map(reply.commandEvents));
        const pass = scores.every((s) => scorePasses(s, SCORE_THRESHOLD));
        const ms = Math.round(performance.now() - started);
        if (o.json) {
          process.stdout.write(
            `${JSON.stringify({ period: o.period, events: reply.events, planted: planted.length, alerts: alerts.length, threshold: SCORE_THRESHOLD, pass, scores }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(
            `${T.run(o.period, reply.events, planted.length, alerts.length, ms)}\n`,
          );
          printTable(scores);
          const below = scores.filter((s) => !scorePasses(s, SCORE_THRESHOLD));
          process.stdout.write(
            `${pass ? T.pass : T.fail(below.map((s) => s.detector).join(', '))}\n`,
          );
        }
        if (!pass) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
