import type { LocalizedText } from '../rules/judgement.ts';
import { designatedOn, type Designation } from './designation.ts';
import { unmetGroundRules, type GroundRuleStatus } from './ground-rules.ts';
import { moverOf, STAGE_LABELS, type Stage } from './stages.ts';
import type { DocumentKind } from './documents.ts';

/**
 * Whether an experiment may move to a stage: the transition must be allowed, made by the right
 * party, with a reason, and the stage's own conditions must hold (ground rules before submitting,
 * the designation in the rule book before "regulation in force", AP advice and publication before
 * the start — each with its date and its document, since ground rules 7 and 8 ask for both "in
 * advance"). Returns every problem, so the refusal can list them all at once.
 */
export interface GateInput {
  stage: Stage;
  signalType: string | null;
  ruleIds: readonly string[];
  researchQuestions: number;
  participantRoles: readonly string[];
  groundRules: readonly GroundRuleStatus[];
  designation: Designation;
  apAdviceOn: string | null;
  publishedOn: string | null;
  arms: number;
  assignmentMethod: string;
  assignmentSeed: string | null;
  /** A pre-registered analysis plan is recorded (it freezes at the start). */
  analysisPlan: boolean;
  /** The kinds of the ground rules' documents uploaded (AP advice, DPIA, publication). */
  documents: readonly DocumentKind[];
}

export interface GateProblem {
  code: string;
  message: LocalizedText;
  /** For GROUND_RULES_UNMET: the codes of the unmet ground rules. */
  groundRules?: string[];
}

export interface TransitionRequest {
  to: Stage;
  reason: string;
  /** Who asks: the ministry, a participant of this experiment, or neither. */
  actorIs: 'ministry' | 'participant' | 'other';
  /** The day of the transition (YYYY-MM-DD). */
  on: string;
}

export const MIN_REASON_LENGTH = 3;

function p(code: string, nl: string, en: string, extra: Partial<GateProblem> = {}): GateProblem {
  return { code, message: { nl, en }, ...extra };
}

function submissionProblems(x: GateInput): GateProblem[] {
  const out: GateProblem[] = [];
  const unmet = unmetGroundRules(x.groundRules);
  if (unmet.length > 0)
    out.push(
      p(
        'GROUND_RULES_UNMET',
        `Niet aan alle randvoorwaarden voldaan: ${unmet.map((g) => g.label.nl).join('; ')}.`,
        `Not every ground rule is met: ${unmet.map((g) => g.label.en).join('; ')}.`,
        { groundRules: unmet.map((g) => g.code) },
      ),
    );
  if (!x.signalType) out.push(p('SIGNAL_TYPE_MISSING', 'Het plan noemt geen signaal.', 'The plan names no signal.'));
  if (x.researchQuestions === 0) out.push(p('RESEARCH_QUESTION_MISSING', 'Het plan heeft geen onderzoeksvraag.', 'The plan has no research question.'));
  if (!x.participantRoles.includes('municipality')) out.push(p('NO_MUNICIPALITY', 'Er neemt geen gemeente deel.', 'No municipality takes part.'));
  if (!x.participantRoles.includes('creditor')) out.push(p('NO_CREDITOR', 'Er neemt geen schuldeiser deel (randvoorwaarde 1).', 'No creditor takes part (ground rule 1).'));
  return out;
}

function startProblems(x: GateInput, on: string): GateProblem[] {
  const out: GateProblem[] = [];
  if (!designatedOn(x.designation, x.ruleIds, on))
    out.push(
      p(
        'DESIGNATION_NOT_IN_FORCE',
        `Het signaal is op ${on} niet aangewezen in de regelgeving (rules/): er mag nog niets worden verstrekt.`,
        `The signal is not designated by the rules (rules/) on ${on}: nothing may be provided yet.`,
      ),
    );
  if (!x.apAdviceOn || x.apAdviceOn > on)
    out.push(p('AP_ADVICE_MISSING', 'Het advies van de Autoriteit Persoonsgegevens moet vóór de start zijn ontvangen.', 'The advice of the Autoriteit Persoonsgegevens must be received before the start.'));
  if (!x.publishedOn || x.publishedOn > on)
    out.push(p('PUBLICATION_MISSING', 'Het experiment moet vóór de start op internet zijn gepubliceerd.', 'The experiment must be published on the internet before the start.'));
  // Ground rules 7 and 8: the advice and the publication themselves are kept with the register, not only their dates.
  if (!x.documents.includes('ap_advice'))
    out.push(p('AP_ADVICE_DOCUMENT_MISSING', 'Voeg vóór de start het advies van de Autoriteit Persoonsgegevens toe als document (randvoorwaarde 7).', 'Upload the advice of the Autoriteit Persoonsgegevens as a document before the start (ground rule 7).'));
  if (!x.documents.includes('publication'))
    out.push(p('PUBLICATION_DOCUMENT_MISSING', 'Voeg vóór de start de publicatie op internet toe als document (randvoorwaarde 8).', 'Upload the internet publication as a document before the start (ground rule 8).'));
  if (x.arms > 0 && (x.assignmentMethod === 'none' || (x.assignmentMethod !== 'by_municipality' && !x.assignmentSeed)))
    out.push(
      p('ASSIGNMENT_UNDEFINED', 'Er zijn experimentgroepen maar geen toewijzingsmethode met vastgelegde seed.', 'There are experiment groups but no assignment method with a recorded seed.'),
    );
  if (!x.analysisPlan)
    out.push(p('ANALYSIS_PLAN_MISSING', 'Leg vóór de start het analyseplan vast (uitkomstmaten, groepen, kleinste relevante effect, benodigde aantallen).', 'Record the analysis plan before the start (outcomes, groups, smallest effect that matters, numbers needed).'));
  return out;
}

export function checkTransition(x: GateInput, req: TransitionRequest): GateProblem[] {
  const mover = moverOf(x.stage, req.to);
  if (mover === undefined)
    return [
      p(
        'TRANSITION_NOT_ALLOWED',
        `Van '${STAGE_LABELS[x.stage].nl}' kan een experiment niet naar '${STAGE_LABELS[req.to].nl}'.`,
        `An experiment cannot move from '${STAGE_LABELS[x.stage].en}' to '${STAGE_LABELS[req.to].en}'.`,
      ),
    ];
  const out: GateProblem[] = [];
  if (req.actorIs === 'other' || (mover === 'ministry' && req.actorIs !== 'ministry'))
    out.push(
      p(
        'NOT_YOUR_TRANSITION',
        mover === 'ministry' ? 'Alleen het ministerie (SZW) kan deze stap zetten.' : 'Alleen het ministerie of een deelnemer kan deze stap zetten.',
        mover === 'ministry' ? 'Only the ministry (SZW) can take this step.' : 'Only the ministry or a participant can take this step.',
      ),
    );
  if (req.reason.trim().length < MIN_REASON_LENGTH) out.push(p('REASON_REQUIRED', 'Geef een reden voor deze stap.', 'Give a reason for this step.'));
  if (req.to === 'stopped' || req.to === 'plan') return out;
  // Checked again at approval: a ground rule unticked after submission blocks the decision.
  if (req.to === 'submitted' || req.to === 'approved') out.push(...submissionProblems(x));
  if (req.to === 'regulation_in_force') {
    if (x.ruleIds.length === 0)
      out.push(p('DESIGNATION_MISSING', 'Het experiment noemt geen regel-id van zijn aanwijzing in rules/.', 'The experiment names no rule id of its designation in rules/.'));
    else if (x.designation.missingRuleIds.length > 0)
      out.push(
        p(
          'DESIGNATION_MISSING',
          `De aanwijzing staat niet in de regelgeving (rules/): ${x.designation.missingRuleIds.join(', ')}. Voeg eerst het gedateerde regelingsbestand toe.`,
          `The designation is not in the rule data (rules/): ${x.designation.missingRuleIds.join(', ')}. Add the dated regulation file first.`,
        ),
      );
    else if (x.signalType && !x.designation.versions.some((v) => v.signalType === x.signalType))
      out.push(p('DESIGNATION_OTHER_SIGNAL', 'De genoemde regels wijzen het signaal van het experiment niet aan.', "The named rules do not designate the experiment's signal."));
  }
  if (req.to === 'running') out.push(...startProblems(x, req.on));
  return out;
}

/**
 * The checklist shown before a step: per stage the experiment may move to next, what still stands
 * in the way — the gate's own problems, without the reason (asked for when the step is taken).
 */
export function gateChecklist(x: GateInput, next: readonly Stage[], actorIs: TransitionRequest['actorIs'], on: string): Array<{ to: Stage; problems: GateProblem[] }> {
  return next
    .filter((to) => to !== 'stopped' && !(x.stage === 'submitted' && to === 'plan'))
    .map((to) => ({ to, problems: checkTransition(x, { to, reason: 'checklist', actorIs, on }).filter((q) => q.code !== 'NOT_YOUR_TRANSITION') }));
}
