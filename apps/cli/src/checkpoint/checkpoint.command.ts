import { Command } from 'commander';
import { takeCheckpoint } from '@libs/audit/checkpoint/take-checkpoint';
import { writeCheckpointFile } from '@libs/audit/checkpoint/witness-folder';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import { keyFingerprint } from '@libs/audit/trust/key-fingerprint';
import { parseStoreLocation } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';

export function checkpointCommand(): Command {
  const T = messages({
    zh: {
      description:
        '把账本的签名检查点（位置、RFC 6962 默克尔根、时间、Ed25519 签名）写入见证文件夹；日后 `verify --witness DIR` 证明今天的账本延续它',
      out: '见证文件夹（不存在则创建）；请把它或其副本放在持有账本的人写不到的地方',
      after:
        '\n用账本密钥签名（$LEDGER_SIGNING_KEY，否则为 <账本文件>.signing-key.pem，首次使用时创建，权限 0600）。请把它的指纹固定在你的信任文件里。',
      done: (size: number, position: number, root: string, time: string) =>
        `检查点：截至位置 ${position} 的 ${size} 条事件，根 ${root}，时间 ${time}`,
      written: (file: string) => `已写入 ${file}`,
      key: (fp: string, source: string) => `密钥 ${fp}（${source}）`,
    },
    en: {
      description:
        "write a signed checkpoint of the log (position, RFC 6962 Merkle root, time, Ed25519 signature) into a witness folder; `verify --witness DIR` later proves today's log extends it",
      out: 'the witness folder (created if missing); keep it, or a copy, where whoever holds the store cannot write',
      after:
        '\nSigned with the ledger key ($LEDGER_SIGNING_KEY, else <store file>.signing-key.pem, created 0600 on first use). Pin its fingerprint in your trust file.',
      done: (size: number, position: number, root: string, time: string) =>
        `checkpoint: ${size} events up to position ${position}, root ${root}, at ${time}`,
      written: (file: string) => `written to ${file}`,
      key: (fp: string, source: string) => `key ${fp} (${source})`,
    },
  });
  return withStoreOption(new Command('checkpoint'))
    .description(T.description)
    .requiredOption('--out <dir>', T.out)
    .addHelpText('after', T.after)
    .action(async (o: { out: string; store?: string }) => {
      const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
      const store = await openStoreFrom(o);
      try {
        const key = ledgerSigningKey({ store: location, create: true });
        const checkpoint = await takeCheckpoint(store, key);
        const file = writeCheckpointFile(o.out, checkpoint);
        process.stdout.write(
          `${T.done(checkpoint.treeSize, checkpoint.position, checkpoint.rootHash, checkpoint.time)}\n` +
            `${T.written(file)}\n${T.key(keyFingerprint(key.publicKey), key.source)}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
