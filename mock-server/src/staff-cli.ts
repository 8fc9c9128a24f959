/**
 * `npm run staff:create -- --username <name> --name <姓名> [--post <岗位>]`: adds a staff account
 * of the console (/staff) to the database at DATABASE_PATH (or DATABASE_URL). A real deployment
 * has no demo accounts and no default password: its first account is made here. The password is
 * read from standard input (first line; never an argument, which other users of the machine can
 * see), at least 12 characters.
 */
import { randomUUID } from 'node:crypto';
import { openRegistry } from './bootstrap';
import { ConfigError, loadStoreConfig } from './config';
import { SqlStaffStore } from './adapters/sqlite/staffStore';
import { scryptHasher } from './adapters/staff/password';

const USAGE =
  '用法：npm run staff:create -- --username <登录名> --name <姓名> [--post <岗位>]，口令从标准输入读取（至少 12 个字符）';

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
  const username = arg(argv, '--username');
  const displayName = arg(argv, '--name');
  const post = arg(argv, '--post') ?? '受理审核岗';
  if (!username || !/^[a-z][a-z0-9._-]{2,31}$/.test(username) || !displayName?.trim()) {
    process.stderr.write(`${USAGE}\n登录名：小写字母开头，3–32 个小写字母、数字或 . _ -\n`);
    return 2;
  }
  if (process.stdin.isTTY) process.stderr.write('请输入口令（至少 12 个字符），回车结束：\n');
  const password = await readPassword();
  if (password.length < 12) {
    process.stderr.write('口令至少 12 个字符\n');
    return 2;
  }
  const config = loadStoreConfig(process.env);
  const registry = await openRegistry({ ...config, seedOnEmpty: false });
  try {
    const created = await new SqlStaffStore(registry.sql).createAccount(
      {
        staffId: `S-${randomUUID().slice(0, 8)}`,
        username,
        displayName: displayName.trim(),
        post,
        passwordHash: await scryptHasher.hash(password),
      },
      new Date().toISOString(),
    );
    if (!created) {
      process.stderr.write(`登录名 ${username} 已存在\n`);
      return 1;
    }
    process.stdout.write(`已创建工作人员账号：${username}（${displayName.trim()}，${post}）\n`);
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
