// Rules for a workshop activity's timing: the minutes given in its numbered steps add up to the
// activity's stated `minutes`, so a facilitator can run it in the time the session has.
import { Marked, type Tokens } from 'marked';
import type { MarkdownProblem } from './markdown.ts';

const lexer = new Marked({ gfm: true });
/** "(3 minutes)", "(1 minute)", "(3 min)", "（3分钟）", "(3 phút)", "(3 menit)", "(3 នាទី)". */
const STEP_MINUTES = /[(（]\s*(\d+)\s*(?:minutes?|min\.?|phút|menit|分钟|នាទី)\s*[)）]/i;

export type StepTiming = { line: number; minutes: number };

/** The timed steps: top-level numbered list items whose first line gives their minutes. */
export function activitySteps(markdown: string): StepTiming[] {
  const steps: StepTiming[] = [];
  const lineAt = (offset: number) => markdown.slice(0, offset).split('\n').length;
  let cursor = 0;
  for (const token of lexer.lexer(markdown)) {
    const start = markdown.indexOf(token.raw, cursor);
    if (start >= 0) cursor = start + token.raw.length;
    if (token.type !== 'list' || !(token as Tokens.List).ordered) continue;
    let itemCursor = 0;
    for (const item of (token as Tokens.List).items) {
      const at = token.raw.indexOf(item.raw, itemCursor);
      if (at >= 0) itemCursor = at + item.raw.length;
      const match = STEP_MINUTES.exec(item.raw.split('\n')[0]);
      if (match) steps.push({ line: lineAt(Math.max(start, 0) + Math.max(at, 0)), minutes: Number(match[1]) });
    }
  }
  return steps;
}

export function activityTimingProblems(markdown: string, statedMinutes: number): MarkdownProblem[] {
  const steps = activitySteps(markdown);
  if (!steps.length) {
    return [
      {
        line: 1,
        message:
          'the activity has no timed steps: write each numbered step with its time, e.g. "1. **Briefing (3 minutes).**"',
      },
    ];
  }
  const total = steps.reduce((sum, step) => sum + step.minutes, 0);
  if (total === statedMinutes) return [];
  return [
    {
      line: steps[0].line,
      message: `the steps add up to ${total} minutes (${steps.map((s) => s.minutes).join(' + ')}) but "minutes" says ${statedMinutes}: make them equal`,
    },
  ];
}
