import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { assertMaySeal } from '@libs/access';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import type { Seal } from '@libs/audit/seal/seal';
import { sealPeriod } from '@libs/audit/seal/seal-period';
import { keyFingerprint } from '@libs/audit/trust/key-fingerprint';
import { parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay, storeFactLookup } from '@libs/records';
import { yearArg } from '../period-options';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';

type SealEvent = { position: number; streamId: string };

export function sealCommand(): Command {
  const T = messages({
    zh: {
      description:
        '关闭一个考核期：追加一份签名的封存（该机构的指标、计算时所在的位置、截至该位置全部事件的 RFC 6962 默克尔根、Ed25519 签名），并写入文件',
      period: '要封存的考核年度（按服务发生时间）',
      unit: '封存其指标的机构（默认：机构树的顶层）',
      out: '封存文件写到哪里（自含的 JSON；请存放在账本之外）',
      after:
        '\n签名密钥：$LEDGER_SIGNING_KEY（PKCS#8 PEM 文件），否则为 SQLite 账本旁的 <账本文件>.signing-key.pem，首次使用时创建（权限 0600）。' +
        '请把打印出的密钥指纹记在账本够不着的地方：check-seal --trust 用它比对。',
      done: (seal: Seal, event: SealEvent, out: string, fingerprint: string, source: string) =>
        `已封存 ${seal.unitId} 的 ${seal.period} 年：${seal.treeSize} 条事件，截至位置 ${seal.position}，根 ${seal.rootHash}\n` +
        `封存 ${seal.sealId} 追加于位置 ${event.position}（流 ${event.streamId}）；已写入 ${out}\n` +
        `公钥 ${seal.publicKey}，指纹 ${fingerprint}（${source}）\n`,
    },
    en: {
      description:
        "close a period: append a signed seal (the unit's figures, the position they were computed at, the RFC 6962 Merkle root of every event up to it, Ed25519 signature) and write it to a file",
      period: 'evaluation year to seal (by when services happened)',
      unit: 'the unit whose figures are sealed (default: the top of the tree)',
      out: 'where to write the seal file (self-contained JSON; keep it outside the ledger)',
      after:
        '\nThe signing key: $LEDGER_SIGNING_KEY (a PKCS#8 PEM file), else <store file>.signing-key.pem next to the SQLite store, created (mode 0600) on first use. ' +
        'Record the printed key fingerprint where the store cannot reach: check-seal --trust compares against it.',
      done: (seal: Seal, event: SealEvent, out: string, fingerprint: string, source: string) =>
        `sealed ${seal.period} for ${seal.unitId}: ${seal.treeSize} events up to position ${seal.position}, root ${seal.rootHash}\n` +
        `seal ${seal.sealId} appended at position ${event.position} (stream ${event.streamId}); written to ${out}\n` +
        `public key ${seal.publicKey}, fingerprint ${fingerprint} (${source})\n`,
    },
  });
  return withKeyOption(withStoreOption(new Command('seal')))
    .description(T.description)
    .requiredOption('--period <year>', T.period, yearArg)
    .option('--unit <unitId>', T.unit)
    .requiredOption('--out <file>', T.out)
    .addHelpText('after', T.after)
    .action(
      async (o: { period: number; unit?: string; out: string; store?: string; key?: string }) => {
        const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
        const store = await openStoreFrom(o);
        try {
          const principal = await principalFrom(store, o);
          await assertMaySeal(
            principal,
            o.unit,
            storeFactLookup(store),
            chinaDay(systemClock().toISOString()),
          );
          const key = ledgerSigningKey({ store: location, create: true });
          const { seal, event, file } = await sealPeriod(store, key, {
            year: o.period,
            unitId: o.unit,
            actor: principal.actorId,
          });
          // The file carries the seal event's signed receipt: its deletion then shows in check-seal.
          await writeFile(o.out, `${JSON.stringify(file, null, 2)}\n`);
          process.stdout.write(
            T.done(seal, event, o.out, keyFingerprint(key.publicKey), key.source),
          );
        } finally {
          await store.close();
        }
      },
    );
}
