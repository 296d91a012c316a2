import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiRefusedError } from '../casework/casework-errors';
import { type ConsoleRoute, type SignedInContext } from '../routes/console-route';
import { type CaseView, eoiCaseView, proposalFor, readmissionCaseView } from '../view-models/case-view';
import { humanise } from '../view-models/format';
import { type FormErrors, formErrorsFrom } from './form-errors';
import { answerText, apiBodyOf, parseStepPost } from './step-form-values';
import { STEP_FORMS, type StepForm, stepApiPath } from './step-forms';

/** Where a step's pages live in the console. */
function stepPath(form: StepForm, id?: string): string {
  return form.target === 'ledger' ? `/ledger/steps/${form.step}` : `/cases/${form.target}/${encodeURIComponent(id ?? '')}/steps/${form.step}`;
}

/** Where a person goes back to from a step. */
function backPath(form: StepForm, id?: string): string {
  return form.target === 'ledger' ? '/ledger' : `/cases/${form.target}/${encodeURIComponent(id ?? '')}`;
}

/** What the step's page shows about its case: the summary, whether it waits for this step, and a review's proposal (S1). */
async function caseContext(form: StepForm, id: string | undefined, context: SignedInContext) {
  if (form.target === 'ledger' || !id) return { waiting: true };
  const roles = context.person.roles;
  const { view, caseView }: { view: { state: string; waitingOn?: string; timeline: Parameters<typeof proposalFor>[1] }; caseView: CaseView } =
    form.target === 'readmission'
      ? await context.api.readmissionCase(id).then((read) => ({ view: read, caseView: readmissionCaseView(read, roles) }))
      : await context.api.eoiCase(id).then((read) => ({ view: read, caseView: eoiCaseView(read, roles) }));
  const proposal = proposalFor(form, view.timeline);
  return {
    caseView,
    state: humanise(view.state),
    waiting: view.waitingOn === form.step,
    ...(proposal ? { proposal, ownProposal: proposal.proposerId === context.person.actorId } : {}),
  };
}

/** The form page, blank or with the answers and errors of a post. */
async function renderForm(response: Response, form: StepForm, id: string | undefined, context: SignedInContext, post: { values: Record<string, string>; idempotencyKey: string; errors?: FormErrors; status?: number }) {
  response.status(post.status ?? 200).render('pages/step-form', {
    form,
    ...(await caseContext(form, id, context)),
    values: post.values,
    idempotencyKey: post.idempotencyKey,
    errors: post.errors,
    action: stepPath(form, id),
    back: backPath(form, id),
  });
}

const doneQuery = z.object({ state: z.string().regex(/^[a-z-]{2,60}$/).optional().catch(undefined) });

/** The routes of one step: its form, its post (with "check your answers" when irreversible), and its confirmation. */
function routesOf(form: StepForm): ConsoleRoute[] {
  const idOf = (request: Request) => (form.target === 'ledger' ? undefined : String(request.params['id']));
  const path = form.target === 'ledger' ? `/ledger/steps/${form.step}` : `/cases/${form.target}/:id/steps/${form.step}`;
  return [
    {
      method: 'get',
      path,
      access: { roles: form.roles },
      handle: async (request, response, context) => renderForm(response, form, idOf(request), context!, { values: {}, idempotencyKey: randomUUID() }),
    },
    {
      method: 'post',
      path,
      access: { roles: form.roles },
      handle: async (request, response, context) => {
        const id = idOf(request);
        const post = parseStepPost(form, request.body);
        if (!post) return response.status(400).render('pages/problem', { detail: 'The form could not be read. Go back to the case and start the step again.' });
        if (post.action === 'change') return renderForm(response, form, id, context!, post);
        if (form.irreversible && post.action !== 'confirm') {
          const answers = form.fields.map((field) => ({ key: field.label, value: answerText(form, field.name, post.values[field.name]), name: field.name }));
          return response.render('pages/check-answers', { form, answers, values: post.values, idempotencyKey: post.idempotencyKey, action: stepPath(form, id), back: backPath(form, id) });
        }
        try {
          const result = await context!.api.step(stepApiPath(form, id), apiBodyOf(form, post.values), post.idempotencyKey);
          response.redirect(303, `${stepPath(form, id)}/done${result.state ? `?${new URLSearchParams({ state: result.state })}` : ''}`);
        } catch (error) {
          if (!(error instanceof ApiRefusedError) || error.problem.status === 404 || error.problem.status === 403) throw error;
          await renderForm(response, form, id, context!, { ...post, errors: formErrorsFrom(error.problem, form, post.values), status: error.problem.status });
        }
      },
    },
    {
      method: 'get',
      path: `${path}/done`,
      access: { roles: form.roles },
      handle: async (request, response) => {
        const { state } = doneQuery.parse(request.query);
        response.render('pages/step-done', { form, state: state ? humanise(state) : undefined, back: backPath(form, idOf(request)) });
      },
    },
  ];
}

/** Every step's routes. */
export function stepRoutes(): ConsoleRoute[] {
  return STEP_FORMS.flatMap(routesOf);
}
