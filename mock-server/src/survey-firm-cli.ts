/**
 * `npm run survey:firm -- --name <单位名称> --credit-code <统一社会信用代码> --licence <测绘资质证书编号>
 * --valid-until <YYYY-MM-DD> --username <登录名> --user-name <姓名>`: registers a licensed surveying
 * firm (its 统一社会信用代码 checked by GB 32100) with a user who signs in to the firm's pages
 * (/pages/survey/index) at the database at DATABASE_PATH (or DATABASE_URL). Run again with the
 * same credit code to add another user to the firm. The password is read from standard input
 * (first line; never an argument), at least 12 characters with letters and digits. The firm's
 * e-seal certificate is issued by the signature CA on its first seal.
 */
import { randomUUID } from 'node:crypto';
import { openRegistry } from './bootstrap';
import { ConfigError, loadStoreConfig } from './config';
import { systemClock } from './adapters/clock';
import { SqlSurveyStore } from './adapters/sqlite/surveyStore';
import { scryptHasher } from './adapters/staff/password';
import { FirmAccounts } from './usecases/survey/firmAccounts';

const USAGE =
  '用法：npm run survey:firm -- --name <单位名称> --credit-code <统一社会信用代码> --licence <测绘资质证书编号> --valid-until <YYYY-MM-DD> --username <登录名> --user-name <姓名>，口令从标准输入读取';

function arg(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const values = {
    name: arg(argv, '--name'),
    creditCode: arg(argv, '--credit-code'),
    licenceNumber: arg(argv, '--licence'),
    licenceValidUntil: arg(argv, '--valid-until'),
    username: arg(argv, '--username'),
    displayName: arg(argv, '--user-name'),
  };
  if (Object.values(values).some((v) => !v)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (process.stdin.isTTY)
    process.stderr.write('请输入口令（至少 12 位，含字母和数字），回车结束：\n');
  const password = await readPassword();
  const config = loadStoreConfig(process.env);
  const registry = await openRegistry({ ...config, seedOnEmpty: false });
  try {
    const accounts = new FirmAccounts({
      store: new SqlSurveyStore(registry.sql),
      hasher: scryptHasher,
      clock: systemClock,
      newId: (prefix) => `${prefix}-${randomUUID()}`,
    });
    const out = await accounts.createFirm(
      {
        name: values.name!,
        creditCode: values.creditCode!,
        licenceNumber: values.licenceNumber!,
        licenceValidUntil: values.licenceValidUntil!,
      },
      { username: values.username!, displayName: values.displayName!, password },
    );
    process.stdout.write(
      `${out.created ? '已登记测绘单位' : '测绘单位已存在'}：${out.firm.name}（${out.firm.creditCode}）\n`,
    );
    if (!out.userCreated) {
      process.stderr.write(`登录名 ${values.username} 已存在\n`);
      return 1;
    }
    process.stdout.write(`已创建测绘单位用户：${values.username}\n`);
    return 0;
  } finally {
    await registry.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const prefix = e instanceof ConfigError ? '配置错误' : '创建失败';
    process.stderr.write(`${prefix}：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
