import { type SubjectAccessExport } from '@oioo/contracts';

type Row = Record<string, unknown>;

/** A cell: text as it is, anything else as compact JSON, pipes and newlines escaped for a Markdown table. */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table of `rows` under a heading, or a line saying nothing is held. */
function section(title: string, rows: readonly Row[]): string[] {
  const first = rows[0];
  if (!first) return [`### ${title}`, '', 'Nothing held.', ''];
  const columns = Object.keys(first);
  return [`### ${title}`, '', `| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(' | ')} |`), ''];
}

/** What an event says in a line: its decoded inputs or result, cut short (the JSON document has it whole). */
function eventDetail(attributes: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ['workflowType', 'signalName', 'activityType', 'acceptedRequest', 'input', 'result', 'outcome', 'failure', 'details']) {
    const value = attributes[key];
    if (value === undefined) continue;
    parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  const text = parts.join('; ');
  return text.length > 400 ? `${text.slice(0, 400)}… (whole in the JSON document)` : text;
}

/** The human-readable report of a subject-access export (Markdown): the request, each source's holdings, each case's history, and the exemptions. */
export function renderSubjectAccessReport(document: SubjectAccessExport, jsonFileName: string): string {
  const { request, sources, exemptions } = document;
  const { identity, legalReview, transport, cases } = sources;
  const lines: string[] = [
    `# Data held on ${request.personId}`,
    '',
    `Subject-access request ${request.id}${request.reference ? ` (reference ${request.reference})` : ''}, made by ${request.requestedBy.name} (${request.requestedBy.actorId}) at ${request.requestedAt} for: ${request.purpose}. Completed at ${request.completedAt}.`,
    `Everything below is in the JSON document ${jsonFileName}, which is the complete export; this report shows the same data in tables and shortens long case-history entries.`,
    '',
    '## Identity',
    '',
    identity.known ? `Known to identity since ${identity.knownSince ?? 'an unknown time'}. Cases: ${[...identity.cases.readmission, ...identity.cases.eoi].join(', ') || 'none'}.` : 'Identity holds no record of this person.',
    '',
    ...section('Biometric enrolments (references; the templates stay in the store)', identity.enrolments),
    ...section('Arrival screenings', identity.arrivalScreenings),
    ...section('Arrival records linked to a case', identity.arrivalRecordsLinked),
    ...section('Register of irregular entries', identity.irregularEntries),
    ...section('Register of returns', identity.returnsRegister),
    ...section('Age assessments', identity.ageAssessments),
    ...section('Expressions of interest (legal route)', identity.eoiApplications),
    ...section('Requests to confirm presence in France', identity.presenceRequests),
    ...section('Visa application centre appointments', identity.vacAppointments),
    ...section('Biometrics captured at the visa application centre', identity.biometricCaptures),
    '## Legal review',
    '',
    ...section('Legal challenges', legalReview.challenges),
    ...section('Readmission requests sent to France', legalReview.readmissionRequests),
    ...section('Disclosures to France (which fields, never their values)', legalReview.disclosures),
    ...section('France\'s replies', legalReview.franceReplies),
    ...section('Security and suitability checks', legalReview.securityChecks),
    '## Transport',
    '',
    ...section('Bookings on movements to France', transport.bookings),
    ...section('Handovers to France', transport.handovers),
    ...section('Journeys to the UK', transport.travel),
    ...section('Arrivals at the UK border', transport.entries),
    '## Case histories',
    '',
  ];
  if (cases.length === 0) lines.push('No case.', '');
  for (const found of cases) {
    lines.push(`### ${found.kind === 'readmission' ? 'Readmission case' : 'EOI'} ${found.caseId} (workflow ${found.workflowId})`, '');
    if (found.runs.length === 0) lines.push('Temporal holds no history of this case.', '');
    for (const run of found.runs) {
      lines.push(`Run ${run.runId}: ${run.status}${run.startedAt ? `, started ${run.startedAt}` : ''}${run.closedAt ? `, closed ${run.closedAt}` : ''}; ${run.events.length} events.`, '');
      for (const event of run.events) lines.push(`- ${event.at} ${event.type}${eventDetail(event.attributes) ? `: ${eventDetail(event.attributes)}` : ''}`);
      lines.push('');
    }
  }
  lines.push('## Exemptions applied', '');
  if (exemptions.length === 0) lines.push('None: everything held is above.', '');
  else lines.push(...section('What was withheld, and why', exemptions.map((item) => ({ source: item.source, what: item.what, items: item.count ?? 1, reason: item.reason }))).slice(2));
  return `${lines.join('\n').trimEnd()}\n`;
}
