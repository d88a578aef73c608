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

function readTruth(file: string) {
  try {
    return parsePlanted(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StoreConfigError(`cannot read the truth file ${file}: ${(error as Error).message}`);
  }
}

function printTable(scores: DetectorScore[]): void {
  const head = [
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
  ];
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
    s.planted === 0 && s.decoys === 0 ? '' : scorePasses(s, SCORE_THRESHOLD) ? 'ok' : 'BELOW',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head).trimEnd()}\n`);
  for (const r of rows) process.stdout.write(`${line(r).trimEnd()}\n`);
  for (const s of scores) {
    const show = (label: string, subjects: string[]) => {
      if (subjects.length === 0) return;
      const more = subjects.length > 10 ? ` … ${subjects.length - 10} more` : '';
      process.stdout.write(
        `  ${s.detector} ${label}: ${subjects.slice(0, 10).join(', ')}${more}\n`,
      );
    };
    show('false positives', s.falsePositiveSubjects);
    show('missed', s.falseNegativeSubjects);
    show('decoys named (honest work taken for the pattern)', s.decoyHits);
  }
}

/**
 * Scores the detectors against the ground truth a planted seed wrote (`seed --inject`): reads
 * the log, runs every detector over the period, and compares alerts with planted cases.
 */
export function detectScoreCommand(): Command {
  return withStoreOption(new Command('detect-score'))
    .description(
      `precision and recall of each fabrication detector against a seed's planted cases (seed --inject), and the decoys (honest look-alikes) it named; exits 1 when a detector with planted cases is below ${SCORE_THRESHOLD} or names a decoy`,
    )
    .requiredOption('--period <year>', 'evaluation year', yearArg)
    .requiredOption('--truth <file>', 'the planted cases written by seed --inject (JSON lines)')
    .option('--json', 'print the scores as JSON')
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
            `detect-score ${o.period}: ${reply.events} event(s), ${planted.length} planted case(s), ${alerts.length} alert(s), ${ms} ms\n`,
          );
          printTable(scores);
          process.stdout.write(
            pass
              ? `detect-score: every detector with planted cases reaches ${SCORE_THRESHOLD} precision and recall, and none names a decoy\n`
              : `detect-score: BELOW ${SCORE_THRESHOLD} for ${scores
                  .filter((s) => !scorePasses(s, SCORE_THRESHOLD))
                  .map((s) => s.detector)
                  .join(', ')}\n`,
          );
        }
        if (!pass) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
