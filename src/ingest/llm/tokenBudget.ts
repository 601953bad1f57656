import type { TokenUse } from "../../domain/extraction";
import { TokenBudgetExceeded } from "./modelErrors";

/** The least room for an answer worth asking for: below it, the answer would be cut short anyway. */
export const MIN_COMPLETION_TOKENS = 64;

/**
 * The tokens one episode may spend on the model, over all its calls and retries. Before a call it grants the
 * answer what is left after an estimate of the prompt, and refuses the call when that is too little; after
 * a call it books what the endpoint reported and fails once the total passes the limit. Either way the error
 * is TokenBudgetExceeded, never retried: the same episode would spend the same again.
 */
export class TokenBudget {
  private used: TokenUse = { prompt: 0, completion: 0 };

  constructor(readonly limit: number) {}

  get spent(): TokenUse {
    return { ...this.used };
  }

  get total(): number {
    return this.used.prompt + this.used.completion;
  }

  /** The most completion tokens the next call may ask for, given its prompt's estimated size. */
  allowance(promptEstimate: number, wanted: number): number {
    const room = this.limit - this.total - promptEstimate;
    if (room < Math.min(wanted, MIN_COMPLETION_TOKENS)) {
      throw new TokenBudgetExceeded(
        `the episode's token budget is spent: ${this.total} of ${this.limit} used, and the next prompt needs about ${promptEstimate}`,
      );
    }
    return Math.min(wanted, room);
  }

  record(use: TokenUse): void {
    this.used = { prompt: this.used.prompt + use.prompt, completion: this.used.completion + use.completion };
    if (this.total > this.limit) {
      throw new TokenBudgetExceeded(`the episode used ${this.total} tokens, more than its budget of ${this.limit}`);
    }
  }
}

/**
 * A prompt's size in tokens, guessed high from its characters: about four per token in English, fewer in
 * other scripts, so three keeps the guess on the safe side of the budget.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}
