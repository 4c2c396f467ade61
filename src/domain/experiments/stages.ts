import type { LocalizedText } from '../rules/judgement.ts';

/**
 * The life of an experiment (ministry deck, "Ontwikkelstappen"): initiative → idea → plan →
 * submitted to SZW → approved (possibly after changes) → regulation in force → running →
 * evaluated; or stopped, with a reason, from any stage that is not over. The allowed transitions
 * live here and nowhere else.
 */
export const STAGES = ['initiative', 'idea', 'plan', 'submitted', 'approved', 'regulation_in_force', 'running', 'evaluated', 'stopped'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, LocalizedText> = {
  initiative: { nl: 'Initiatief', en: 'Initiative' },
  idea: { nl: 'Idee', en: 'Idea' },
  plan: { nl: 'Plan', en: 'Plan' },
  submitted: { nl: 'Ingediend bij SZW', en: 'Submitted to SZW' },
  approved: { nl: 'Akkoord SZW', en: 'Approved by SZW' },
  regulation_in_force: { nl: 'Regeling in werking', en: 'Regulation in force' },
  running: { nl: 'Loopt', en: 'Running' },
  evaluated: { nl: 'Geëvalueerd', en: 'Evaluated' },
  stopped: { nl: 'Gestopt', en: 'Stopped' },
};

/** Who may make a transition: the experiment's participants, the ministry, or either. */
export type Mover = 'participant' | 'ministry' | 'either';

/** from → to → who may move it. Going back from 'submitted' to 'plan' is SZW asking for changes. */
export const TRANSITIONS: Readonly<Record<Stage, Partial<Record<Stage, Mover>>>> = {
  initiative: { idea: 'either', stopped: 'either' },
  idea: { plan: 'either', stopped: 'either' },
  plan: { submitted: 'either', stopped: 'either' },
  submitted: { approved: 'ministry', plan: 'ministry', stopped: 'either' },
  approved: { regulation_in_force: 'ministry', stopped: 'either' },
  regulation_in_force: { running: 'either', stopped: 'either' },
  running: { evaluated: 'ministry', stopped: 'either' },
  evaluated: {},
  stopped: {},
};

export function isStage(s: string): s is Stage {
  return (STAGES as readonly string[]).includes(s);
}

export function allowedNext(from: Stage): Stage[] {
  return Object.keys(TRANSITIONS[from]) as Stage[];
}

export function moverOf(from: Stage, to: Stage): Mover | undefined {
  return TRANSITIONS[from][to];
}

/** Stages in which the design (arms, pre-selection rules) may still change: not once households are assigned. */
export function designEditable(stage: Stage): boolean {
  return !['running', 'evaluated', 'stopped'].includes(stage);
}
