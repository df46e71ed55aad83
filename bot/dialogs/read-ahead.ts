// The SDK reads conversation and user state at the start of every turn. The person's dialog state is read in that
// same storage read (one statement; one round trip on PostgreSQL) and handed to the runner, which uses it instead of
// reading again while it still stands (see PreloadedState in dialogs/runner.ts). Only messages (text and card
// submissions) go to the procedures, so only they read it.

import { ActivityTypes } from '@microsoft/agents-activity';
import { type TurnContext, TurnState } from '@microsoft/agents-hosting';
import type { DialogRunner, PreloadedState } from '../../dialogs/runner';
import type { KvItem } from '../../storage/types';
import { whoOf } from './input';

/** The turn state scope holding the person's dialog state (never changed through the turn state). */
export const DIALOG_SCOPE = 'dialog';

export class BotTurnState extends TurnState {
  private ahead: { key: string; mark: string } | undefined;

  /** runner: read its state ahead (it must use the same storage as the application). */
  constructor(private readonly runner?: DialogRunner) {
    super();
  }

  protected override async onComputeStorageKeys(context: TurnContext): Promise<Record<string, string>> {
    const keys = await super.onComputeStorageKeys(context);
    const who = this.runner && context.activity.type === ActivityTypes.Message ? whoOf(context.activity) : null;
    if (this.runner && who) {
      const key = this.runner.keyOf(who);
      // Taken before the read: a write by this runner from now on makes what is read stale.
      this.ahead = { key, mark: this.runner.mark(key) };
      keys[DIALOG_SCOPE] = key;
    }
    return keys;
  }

  /** The person's dialog state as read with the turn state, or undefined when it was not read. */
  get preloadedDialog(): PreloadedState | undefined {
    const scope = this.ahead ? this.getScope(DIALOG_SCOPE) : undefined;
    if (!this.ahead || !scope) return undefined;
    const value = scope.value as KvItem;
    // A missing item reads as {}; a stored one always has its eTag.
    return { ...this.ahead, item: value.eTag === undefined ? undefined : value };
  }
}

/** The read-ahead dialog state of a turn, if the turn state has one. */
export function preloadedDialog(state: TurnState): PreloadedState | undefined {
  return state instanceof BotTurnState ? state.preloadedDialog : undefined;
}
