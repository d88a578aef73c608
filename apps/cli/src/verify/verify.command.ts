import { Command } from 'commander';
import { checkWitness } from '@libs/audit/checkpoint/check-witness';
import { readWitnessFolder } from '@libs/audit/checkpoint/witness-folder';
import { AUDIT_EXIT } from '@libs/audit/trust/audit-exit-codes';
import { loadTrustAnchor } from '@libs/audit/trust/load-trust-anchor';
import { TrustAnchorError } from '@libs/audit/trust/trust-anchor';
import { verifyLog, type LogChainReader, type EventStore } from '@libs/ledger';
import { trustHelp, withTrustOptions } from '../check-seal/trust-options';
import { messages } from '../text/lang';
import { openStoreFrom, withStoreOption } from '../store-option';
import { renderWalk, renderWitness } from './render-verify';

export const EXIT_TAMPERED = AUDIT_EXIT.tampered;

interface VerifyOptions {
  store?: string;
  json?: boolean;
  witness?: string;
  publicKey?: string;
  trust?: string;
}

export function verifyCommand(): Command {
  const T = messages({
    zh: {
      description:
        '遍历整本账，重算每个哈希和链；加 --witness 时，用 RFC 6962 一致性证明证明账本延续每个签名的检查点',
      witness:
        '存放检查点的见证文件夹（ledger checkpoint --out DIR，或 API 的 LEDGER_CHECKPOINT_DIR），与账本分开保存',
      json: '以 JSON 输出报告',
      exits: `
退出码：
  0  完好（加 --witness 时：今天的账本延续每个检查点，且每个都由固定的密钥签名）
  2  用法错误：见证文件夹、检查点、密钥或信任文件无法读取，或账本无法打开
  3  篡改：哈希或链不能重算，或今天的账本不延续某个检查点（尾部被删、事件被改写）
  4  某个检查点的签名无效，或它所指的密钥不是你固定的
  5  给了 --witness 却没有 --public-key 或 --trust：打印各检查点的密钥指纹供比对
`,
      keyNeedsWitness: '--public-key 和 --trust 固定的是检查点的密钥：请同时给出 --witness DIR',
    },
    en: {
      description:
        'walk the whole log, recompute every hash and chain; with --witness, prove by RFC 6962 consistency proofs that the log extends every signed checkpoint',
      witness:
        "a witness folder of checkpoints (ledger checkpoint --out DIR, or the API's LEDGER_CHECKPOINT_DIR), kept away from the store",
      json: 'print the report as JSON',
      exits: `
Exit codes:
  0  intact (and, with --witness, today's log extends every checkpoint, each signed by a pinned key)
  2  usage error: unreadable witness folder, checkpoint, key or trust file, or the store could not be opened
  3  tampering: a hash or chain does not recompute, or today's log does not extend a checkpoint (tail removed, events rewritten)
  4  a checkpoint's signature is invalid, or it names a key you did not pin
  5  --witness without --public-key or --trust: the checkpoints' key fingerprints are printed to compare
`,
      keyNeedsWitness:
        '--public-key and --trust pin the key of checkpoints: give --witness DIR too',
    },
  });
  return (
    withTrustOptions(withStoreOption(new Command('verify')))
      .description(T.description)
      .option('--witness <dir>', T.witness)
      .option('--json', T.json)
      .addHelpText('after', T.exits + trustHelp())
      // Usage errors exit 2, as in the table, not commander's 1.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : AUDIT_EXIT.usage))
      .action(async (options: VerifyOptions) => {
        if (!options.witness && (options.publicKey || options.trust))
          throw new TrustAnchorError(T.keyNeedsWitness);
        const anchor = options.witness ? loadTrustAnchor(options) : undefined;
        const witnessed = options.witness ? readWitnessFolder(options.witness) : undefined;
        const store = await openStoreFrom(options);
        try {
          const walk = await verifyLog(store as EventStore & Partial<LogChainReader>);
          const witness = witnessed ? await checkWitness(store, witnessed, anchor) : undefined;
          if (options.json) {
            process.stdout.write(
              `${JSON.stringify(witness ? { ...walk, witness } : walk, null, 2)}\n`,
            );
          } else {
            process.stdout.write(renderWalk(walk) + (witness ? renderWitness(witness) : ''));
          }
          // The order of AUDIT_EXIT: a bad or unpinned checkpoint, then the log's own hashes (no
          // key needed), then no anchor, then what only the checkpoints show.
          process.exitCode = witness?.untrusted
            ? AUDIT_EXIT.untrusted
            : !walk.intact
              ? AUDIT_EXIT.tampered
              : witness && !witness.anchored
                ? AUDIT_EXIT.unanchored
                : witness?.tampered
                  ? AUDIT_EXIT.tampered
                  : AUDIT_EXIT.intact;
        } finally {
          await store.close();
        }
      })
  );
}
