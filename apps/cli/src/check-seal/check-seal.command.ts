import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  CHECK_SEAL_EXIT,
  SealFormatError,
  checkSeal,
  parseSeal,
} from '@libs/audit/check-seal/check-seal';
import { renderCheckSealText } from './render-check-seal';
import { loadTrustAnchor } from '@libs/audit/trust/load-trust-anchor';
import type { EventStore, LogChainReader } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';
import { trustHelp, withTrustOptions } from './trust-options';
import { messages } from '../text/lang';

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SealFormatError(
      messages({
        zh: `无法读取封存文件 ${path}：${(error as Error).message}`,
        en: `cannot read the seal file ${path}: ${(error as Error).message}`,
      }),
    );
  }
}

export function checkSealCommand(): Command {
  const T = messages({
    zh: {
      description:
        '用今天的账本核验一份封存文件：签名和固定的密钥、封存自身的事件、封存位置上的指标、一致性证明；补录与篡改分开列出',
      sealFile: '由 `seal --out` 写出的封存文件',
      json: '以 JSON 输出报告',
      exits: `
退出码：
  0  完好：签名有效且由你固定的密钥签署，封存事件仍在，指标可重现，今天的账本延续封存时的账本
  1  完好，但封存年度的记录（服务、目标、资金）在封存后才添加（补录，单独列出）
  2  用法错误：封存文件、密钥或信任文件无法读取，或账本无法打开
  3  篡改：哈希不能重算，今天的账本不延续封存时的账本，封存自身的事件丢失或被改，或指标不同
  4  不可信：封存（或其事件回执）的签名无效，或它所指的密钥不是你固定的
  5  未锚定：没有给 --public-key 或 --trust；其余检查照常运行并列出，并打印密钥指纹供比对
`,
    },
    en: {
      description:
        "check a seal file against today's log: signature and pinned key, the seal's own event, figures at the sealed position, a consistency proof, late records apart from tampering",
      sealFile: 'a seal written by `seal --out`',
      json: 'print the report as JSON',
      exits: `
Exit codes:
  0  intact: signature valid and signed by a key you pinned, the seal event in place, figures reproduced, today's log extends the sealed one
  1  intact, but records of the sealed year (services, targets, funds) were added after the seal (late records, listed apart)
  2  usage error: unreadable seal, key or trust file, or the store could not be opened
  3  tampering: a hash does not recompute, today's log does not extend the sealed one, the seal's own event is gone or changed, or the figures differ
  4  untrusted: the seal's signature (or its event receipt's) is invalid, or the key it names is not one you pinned
  5  unanchored: no --public-key or --trust given; the other checks ran and are listed, the key's fingerprint is printed to compare
`,
    },
  });
  return (
    withTrustOptions(withStoreOption(new Command('check-seal')))
      .description(T.description)
      .argument('<sealFile>', T.sealFile)
      .option('--json', T.json)
      .addHelpText('after', T.exits + trustHelp())
      // Exit 1 means "late records" here, so a usage error exits 2 like a store error.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : CHECK_SEAL_EXIT.usage))
      .action(
        async (
          sealFile: string,
          o: { store?: string; publicKey?: string; trust?: string; json?: boolean },
        ) => {
          const seal = parseSeal(await readText(sealFile));
          const anchor = loadTrustAnchor(o);
          const store = await openStoreFrom(o);
          try {
            const report = await checkSeal(store as EventStore & Partial<LogChainReader>, seal, {
              anchor,
            });
            process.stdout.write(
              o.json ? `${JSON.stringify(report, null, 2)}\n` : renderCheckSealText(report),
            );
            process.exitCode = report.exitCode;
          } finally {
            await store.close();
          }
        },
      )
  );
}
