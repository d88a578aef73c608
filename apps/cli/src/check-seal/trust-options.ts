import type { Command } from 'commander';
import { messages } from '../text/lang';

/** The auditor's own anchor, for check-seal and verify --witness alike. */
export function withTrustOptions(command: Command): Command {
  const T = messages({
    zh: {
      publicKey: '你自己保存的账本公钥（PEM，或 raw/SPKI base64）：封存和检查点必须由它签名',
      trust:
        '你自己保存的信任文件：每行一个固定的密钥指纹（"sha256:<64 位十六进制>"，与 seal 和 checkpoint 打印的一致），# 开头为注释',
    },
    en: {
      publicKey:
        'the ledger public key you keep (PEM, or raw/SPKI base64): seals and checkpoints must be signed by it',
      trust:
        'a trust file you keep: one pinned key fingerprint a line ("sha256:<64 hex>", as seal and checkpoint print it), # comments',
    },
  });
  return command.option('--public-key <file>', T.publicKey).option('--trust <file>', T.trust);
}

/** Why a key found beside the store is never trusted, for the help of check-seal and verify. */
export const trustHelp = (): string =>
  messages({
    zh: `
信任：账本旁找到的密钥从不使用，因为能改账本的人也能替换密钥并重新签名。请用 --public-key 或
--trust 自己固定密钥；两者都不给时结果为"未锚定"（退出码 5），并打印文件所指密钥的指纹供你比对。
`,
    en: `
Trust: a key found beside the store is never used, since whoever can change the store can replace
it and sign again. Pin the key yourself with --public-key or --trust; without either the result is
unanchored (exit 5) and the fingerprint of the key the file names is printed for you to compare.
`,
  });
