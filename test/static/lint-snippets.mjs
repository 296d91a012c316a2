// Lints code snippets as if they were given files, with the repository's real ESLint configuration.
// Reads [{ code, filePath }] as JSON on stdin, prints the broken rule ids of each as JSON. A separate
// process because the flat config is ESM, which Jest's module sandbox cannot load.
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const snippets = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { code, filePath } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push((result?.messages ?? []).map((message) => message.ruleId ?? message.message));
}
process.stdout.write(JSON.stringify(results));
