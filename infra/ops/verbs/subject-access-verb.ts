import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type OpsInvocation } from '../ops-arguments';
import { auditedRead } from '../audited-action';
import { SubjectAccessClient, type ReceivedExport } from '../subject-access-client';
import { renderSubjectAccessReport } from '../subject-access-report';
import { type VerbContext } from '../run-ops';

/**
 * `subject-access <personId>`: asks the casework API for everything held on the person (it records the request in
 * the consultation log, S3), then writes the JSON document and a Markdown report to --out and prints their paths,
 * sizes and the time taken. An auditor who is also an SRE has the action in the operations log as well.
 */
export async function runSubjectAccess(invocation: Extract<OpsInvocation, { verb: 'subject-access' }>, context: VerbContext): Promise<number> {
  const started = performance.now();
  const client = new SubjectAccessClient(context.caseworkUrl, context.caller.token);
  const body = { personId: invocation.personId, purpose: invocation.purpose, ...(invocation.reference ? { reference: invocation.reference } : {}) };
  context.output.progress(`subject-access: gathering what identity, legal-review, transport and the case histories hold on ${invocation.personId} ...`);
  const request = (): Promise<ReceivedExport> => client.request(body);
  // The purpose is free text and stays in the consultation log; the operations log gets opaque ids only.
  const received = context.caller.person.roles.includes('sre')
    ? await auditedRead(context.log, { verb: 'subject-access', arguments: { person: invocation.personId }, targets: [invocation.personId] }, async () => {
        const value = await request();
        return { value, targets: [invocation.personId], detail: `request ${value.document.request.id}: ${value.document.sources.cases.length} case(s), ${value.document.exemptions.length} exemption(s)` };
      })
    : await request();
  const { document } = received;
  context.output.progress(`subject-access: request ${document.request.id} answered with ${document.sources.cases.length} case(s); writing the export ...`);

  const directory = resolve(invocation.out);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const stem = `${document.request.id}-${document.request.personId}`;
  const jsonPath = join(directory, `${stem}.json`);
  const reportPath = join(directory, `${stem}.md`);
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const report = renderSubjectAccessReport(document, basename(jsonPath));
  // Personal data: readable by the auditor's account only.
  await writeFile(jsonPath, json, { mode: 0o600 });
  await writeFile(reportPath, report, { mode: 0o600 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  context.output.line(`request   ${document.request.id} for ${document.request.personId}: ${document.sources.cases.length} case(s), ${document.exemptions.length} exemption(s) applied`);
  context.output.line(`json      ${jsonPath} (${Buffer.byteLength(json)} bytes)`);
  context.output.line(`report    ${reportPath} (${Buffer.byteLength(report)} bytes)`);
  context.output.line(`time      ${seconds} s`);
  return 0;
}
