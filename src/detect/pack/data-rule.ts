import type { Observation } from '../../model/observation.js';
import type { Severity } from '../../model/severity.js';
import type { Lists } from '../lists.js';
import type { AdsCard, Hit, Rule, RuleContext } from '../rule.js';
import type { EmitSpec, RuleFile } from './card-schema.js';
import { compileCondition, type Predicate } from './condition.js';
import { anyValue, parsePath } from './fields.js';
import { guardOf } from './guard.js';
import { compileTemplate, type Template } from './template.js';
import { subjectFor, varsOf } from './vars.js';

/**
 * A rule written as data: a condition over one observation at a time and
 * what to report when it holds. Compiled when a run starts, because the
 * lists it names come from that run's configuration.
 */
export function dataRule(file: RuleFile, card: AdsCard): Rule {
  const guard = guardOf(file);
  return {
    card,
    kinds: file.kinds!,
    ...(guard ? { guard } : {}),
    create(ctx) {
      const test = compileCondition(file.when!, ctx.settings.lists);
      const gap = file.requires ? compileRequires(file.requires, ctx) : null;
      const report = compileEmit(file.emit!, ctx.settings.lists);
      return {
        observe(obs, emit) {
          if (gap?.(obs)) return;
          if (test(obs)) emit(report(obs), obs);
        },
      };
    },
  };
}

type Requires = NonNullable<RuleFile['requires']>;

/** True when the observation lacks what the rule needs; it is then counted, not judged. */
function compileRequires(spec: Requires, ctx: RuleContext): (obs: Observation) => boolean {
  const scope = compileCondition(spec.scope, ctx.settings.lists);
  const segments = parsePath(spec.field);
  return (obs) => {
    if (anyValue(obs, segments, isKept) || !scope(obs)) return false;
    ctx.notEvaluable(obs.source.path, spec.reason);
    return true;
  };
}

function isKept(value: unknown): boolean {
  return value !== null;
}

interface Escalation {
  when: Predicate;
  severity: Severity;
  confidence?: number;
}

function compileEmit(spec: EmitSpec, lists: Lists): (obs: Observation) => Hit {
  const summary = compileTemplate(spec.summary);
  const key = spec.key === undefined ? null : compileTemplate(spec.key);
  const extra: [string, Template][] = Object.entries(spec.vars ?? {}).map(([name, text]) => [
    name,
    compileTemplate(text),
  ]);
  const escalations: Escalation[] = (spec.escalate ?? []).map((e) => ({
    when: compileCondition(e.when, lists),
    severity: e.severity,
    ...(e.confidence !== undefined ? { confidence: e.confidence } : {}),
  }));
  const subject = spec.subject ?? 'default';
  return (obs) => {
    const vars = varsOf(obs);
    for (const [name, template] of extra) vars[name] = template(obs, vars);
    const text = summary(obs, vars);
    const hit: Hit = { subject: subjectFor(obs, subject), summary: text, vars };
    hit.key = key ? key(obs, vars) : text;
    const raised = escalations.find((e) => e.when(obs));
    if (raised) {
      hit.severity = raised.severity;
      if (raised.confidence !== undefined) hit.confidence = raised.confidence;
    }
    return hit;
  };
}
