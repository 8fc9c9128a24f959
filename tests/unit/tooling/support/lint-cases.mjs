// Lints a batch of { code, filePath } cases with the ESLint Node API and the repository's real
// eslint.config.mjs, printing the messages as JSON. Runs as a child process because ESLint loads
// its flat config with a dynamic import(), which jest's VM does not allow without
// --experimental-vm-modules.
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { cwd, cases } = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const eslint = new ESLint({ cwd });
const out = [];
for (const { code, filePath } of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push(
    result.messages.map(({ ruleId, severity, message, line }) => ({
      ruleId,
      severity,
      message,
      line,
    })),
  );
}
process.stdout.write(JSON.stringify(out));
