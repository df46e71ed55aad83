// Text to be matched literally inside a regular expression.

/** A term the policy defines in brackets after what it stands for: 「…（以下「職員等」という。）」; group 1 is the term. */
export const DEFINED_AS = /[(（]以下「([^」]+)」という。?[)）]/;

/** The text with every character that means something in a regular expression escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
