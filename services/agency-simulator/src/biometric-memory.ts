import { BoundedList, BoundedMap } from './bounded-memory';

/** How many arrivals', returns' and applicants' templates the simulation remembers. */
const TEMPLATES_KEPT = 2_000;
const APPLICANTS_KEPT = 20_000;

/**
 * The simulated people's bodies, as far as biometrics go. Border Force's arrivals and France's handovers
 * are remembered, so that a few legal-route applicants can be people who crossed, or were returned, before
 * (E4, R11): the portal decides at submission that an applicant is such a person, and the visa application
 * centre later captures that person's earlier template. Anyone else gets a template of their own.
 * Templates are opaque strings; nothing here is personal data of a real person.
 */
export class BiometricMemory {
  private readonly arrivals = new BoundedList<string>(TEMPLATES_KEPT);
  private readonly returns = new BoundedList<string>(TEMPLATES_KEPT);
  private readonly earlierTemplates = new BoundedMap<string, string>(APPLICANTS_KEPT);

  /** Border Force recorded a small-boat arrival with this template (E4's irregular entries). */
  rememberArrival(template: string): void {
    this.arrivals.push(template);
  }

  /** France confirmed the handover of the person with this template (R11's register of returns). */
  rememberReturn(template: string): void {
    this.returns.push(template);
  }

  /** True when some earlier crossing is known, so an applicant can be someone who came before. */
  hasEarlierEntries(): boolean {
    return this.arrivals.length > 0 || this.returns.length > 0;
  }

  /**
   * Makes the applicant someone who came before: a returned person when any are known, else anyone who
   * crossed (both barred by E4). `pick` in [0, 1) chooses who. Returns the template, or undefined when
   * nobody is known yet.
   */
  assignEarlierEntry(personId: string, pick: number): string | undefined {
    const pool = this.returns.length > 0 ? this.returns : this.arrivals;
    if (pool.length === 0) return undefined;
    const template = pool.at(Math.min(Math.floor(pick * pool.length), pool.length - 1));
    if (template !== undefined) this.earlierTemplates.set(personId, template);
    return template;
  }

  /** The template of an earlier crossing, when the applicant is someone who came before. */
  earlierTemplateOf(personId: string): string | undefined {
    return this.earlierTemplates.get(personId);
  }
}
