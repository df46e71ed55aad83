// Maps whatever went wrong with a model call to a short reason code for the log and the result.
// Only class names and status codes are used: error messages can echo request content.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  OpenAIError,
} from 'openai/error';
import { ZodError } from 'zod';

export type CallFailure =
  | 'timeout'
  | 'aborted'
  | 'rate_limited'
  | 'server_error'
  | 'api_error'
  | 'connection_error'
  | 'refusal'
  | 'content_filter'
  | 'truncated'
  | 'malformed'
  | 'internal_error';

export interface CallState {
  /** Our deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  callerAborted: boolean;
}

/** The streaming helper wraps foreign errors (zod, JSON) in a plain OpenAIError with a cause. */
function unwrap(err: unknown): unknown {
  if (err instanceof OpenAIError && err.constructor === OpenAIError && err.cause instanceof Error) return err.cause;
  return err;
}

export function classifyError(error: unknown, state: CallState): { reason: CallFailure; status?: number } {
  const err = unwrap(error);
  if (state.timedOut) return { reason: 'timeout' };
  if (state.callerAborted) return { reason: 'aborted' };
  if (err instanceof APIConnectionTimeoutError) return { reason: 'timeout' };
  if (err instanceof APIUserAbortError) return { reason: 'aborted' };
  if (err instanceof APIConnectionError) return { reason: 'connection_error' };
  if (err instanceof APIError) {
    const status = typeof err.status === 'number' ? err.status : undefined;
    if (status === 429) return { reason: 'rate_limited', status };
    if (status !== undefined && status >= 500) return { reason: 'server_error', status };
    return { reason: 'api_error', ...(status !== undefined ? { status } : {}) };
  }
  if (err instanceof LengthFinishReasonError) return { reason: 'truncated' };
  if (err instanceof ContentFilterFinishReasonError) return { reason: 'content_filter' };
  if (err instanceof ZodError || err instanceof SyntaxError) return { reason: 'malformed' };
  // The partial-JSON parser of the streaming helper throws its own classes.
  const name = err instanceof Error ? err.constructor.name : '';
  if (name === 'MalformedJSON' || name === 'PartialJSON') return { reason: 'malformed' };
  return { reason: 'internal_error' };
}

export function errorName(error: unknown): string {
  const err = unwrap(error);
  return err instanceof Error ? err.constructor.name : typeof err;
}
