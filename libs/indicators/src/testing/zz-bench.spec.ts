import { SqliteEventStore } from '@libs/ledger';
import { executeCommand, parseCommand } from '@libs/records';
import { buildLedger } from './ledger-fixture';
import { quanxiuCommands } from './quanxiu-2022.fixture';
it('bench', async () => {
  const cmds = quanxiuCommands();
  let t = Date.now();
  cmds.forEach((c, i) => parseCommand({ commandId: `x${i}`, ...c.command }));
  const parse = Date.now() - t;
  t = Date.now();
  const b = await buildLedger(cmds);
  const build = Date.now() - t;
  console.log(cmds.length, b.events.length, 'parse', parse, 'build', build);
  void SqliteEventStore; void executeCommand;
});
