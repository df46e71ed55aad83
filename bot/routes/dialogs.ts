// The guided procedures in Teams. Every message meant for them (see bot/dialogs/input.ts) goes to the runner before
// any route; when the runner did not handle it, the turn goes on to the usual routes (ヘルプ, the question route).
// The procedure buttons (welcome/ヘルプ card, an answer's suggestion) start procedures through `procedure.start`.

import type { TurnContext } from '@microsoft/agents-hosting';
import { PROCEDURES, recognize } from '../../dialogs';
import type { DialogWho, PreloadedState } from '../../dialogs/runner';
import type { DialogInput, Output, ProcedureId } from '../../dialogs/types';
import { procedureStartAction } from '../cards/actions';
import { dialogInput, originOf, whoOf } from '../dialogs/input';
import { preloadedDialog } from '../dialogs/read-ahead';
import { renderOutput, urgentActivity } from '../dialogs/render';
import { type BotDeps, type BotExtension, UNSUPPORTED_ACTION_TEXT, onCardAction, turnIds } from '../routing';
import { sendAnswer } from './question';

/** The urgent first words of a procedure (lost card, infection), if it has them. */
export function urgentWords(procedure: ProcedureId): string | null {
  const urgent = PROCEDURES[procedure].info.intro.filter((m) => m.style === 'urgent').map((m) => m.text);
  return urgent.length > 0 ? urgent.join('\n') : null;
}

/** Drops the first urgent message equal to what was already sent. */
function withoutSent(outputs: Output[], sent: string | null): Output[] {
  if (sent === null) return outputs;
  const i = outputs.findIndex((o) => o.type === 'message' && o.style === 'urgent' && o.text === sent);
  return i < 0 ? outputs : [...outputs.slice(0, i), ...outputs.slice(i + 1)];
}

/** One turn of the procedures: outputs rendered in order. Returns whether the runner handled the input. */
async function runTurn(ctx: TurnContext, deps: BotDeps, who: DialogWho, input: DialogInput, preloaded?: PreloadedState): Promise<boolean> {
  // An explicit start of an urgent procedure: its first words go out before anything is read or stored, so
  // neither storage nor a question can delay them (the runner's copy of them is then not repeated).
  const early = input.type === 'start' ? urgentWords(input.procedure) : null;
  if (early) await ctx.sendActivity(urgentActivity(early));
  let result;
  try {
    result = await deps.dialogs.handle(who, input, originOf(ctx.activity), preloaded);
  } catch (err) {
    // Even when the turn fails, someone who says their PC is infected (or their card is lost) gets the first words.
    const intent = !early && input.type === 'text' ? recognize(input.text) : null;
    const words = intent ? urgentWords(intent.procedure) : null;
    if (words) await ctx.sendActivity(urgentActivity(words));
    throw err;
  }
  const outputs = withoutSent(result.outputs, early);
  for (const o of outputs) {
    if (o.type === 'answer') {
      await sendAnswer(ctx, deps, deps.dialogs.questionOf(o.answer) ?? '', o.answer, { inDialog: true });
      continue;
    }
    const activity = renderOutput(o);
    if (activity) await ctx.sendActivity(activity);
  }
  const prompt = [...outputs].reverse().find((o) => 'procedure' in o && o.procedure);
  // A message the procedures passed on untouched (a question from someone with none going on) is told by the
  // route that answers it; its dialog.turn line, which would say nothing more, is kept for debug.
  const quiet = !result.handled && outputs.length === 0 && result.delivered.length === 0 && result.undelivered.length === 0;
  deps.log[quiet ? 'debug' : 'info']('dialog.turn', {
    ...turnIds(ctx.activity),
    input: input.type,
    procedure: prompt && 'procedure' in prompt ? prompt.procedure : undefined,
    handled: result.handled,
    outputs: outputs.map((o) => (o.type === 'notice' ? `notice:${o.kind}` : o.type)).join(','),
    deliveredCount: result.delivered.length,
    undeliveredCount: result.undelivered.length,
  });
  return result.handled;
}

export const registerDialogs: BotExtension = (app, deps) => {
  app.onTurn('beforeTurn', async (ctx, state) => {
    const who = whoOf(ctx.activity);
    if (!who) return true;
    const preloaded = preloadedDialog(state);
    const input = await dialogInput(ctx.activity, () => deps.dialogs.runner.status(who, preloaded));
    if (!input) return true;
    const handled = await runTurn(ctx, deps, who, input, preloaded);
    // Not for the procedures (e.g. a question with nothing in progress): the usual routes answer it.
    return !handled;
  });

  onCardAction(app, 'procedure.start', procedureStartAction, async (ctx, state, data) => {
    const who = whoOf(ctx.activity);
    if (!who) {
      await ctx.sendActivity(UNSUPPORTED_ACTION_TEXT);
      return;
    }
    await runTurn(ctx, deps, who, { type: 'start', procedure: data.procedure }, preloadedDialog(state));
  });
};
