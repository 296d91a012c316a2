import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generatedDocs } from './generated-docs';

// Regenerates docs/asyncapi.json and docs/integration-surface.md from the topic catalogue:
// node -r ./infra/scripts/register.cjs infra/docs/write-asyncapi.ts

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

for (const doc of generatedDocs()) {
  const before = readIfPresent(doc.absolutePath);
  mkdirSync(dirname(doc.absolutePath), { recursive: true });
  writeFileSync(doc.absolutePath, doc.content);
  const change = before === undefined ? 'created' : before === doc.content ? 'unchanged' : 'updated';
  console.log(`${change.padEnd(9)} ${doc.path} (${Buffer.byteLength(doc.content, 'utf8')} bytes)`);
}
