import type { GateProblem } from '../../domain/experiments/gate.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';

export class ExperimentNotFound extends Error {
  constructor(readonly experimentId: string) {
    super(`experiment ${experimentId} not found`);
  }
}

/** A change the experiment's state does not allow; the problems say which rule and why. */
export class ExperimentRefused extends Error {
  constructor(
    readonly status: 403 | 409 | 422,
    readonly code: string,
    readonly problems: readonly GateProblem[],
  ) {
    super(problems.map((p) => p.message.en).join(' '));
  }
}

/** Input that is well-formed but wrong (an unknown organisation, a bad arm design). */
export class ExperimentInputError extends Error {
  constructor(readonly params: ReadonlyArray<{ name: string; reason: string }>) {
    super(params.map((p) => `${p.name}: ${p.reason}`).join('; '));
  }
}

/** A field of a form-like input that is wrong, said in both languages so a screen can show it at the field. */
export class ExperimentFieldErrors extends ExperimentInputError {
  constructor(readonly fields: ReadonlyArray<{ name: string; message: LocalizedText }>) {
    super(fields.map((f) => ({ name: f.name, reason: f.message.en })));
  }
}
