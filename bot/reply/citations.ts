// Teams citations for an answer: one Claim per cited clause, titled with the clause label, the quote as abstract.
// Policy text is escaped like user text in the pop-up card (it holds stray markup).
// Teams rejects empty titles and limits lengths (name 80, abstract 160, keywords 3 × 28).

import type { ClientCitation } from '@microsoft/agents-activity';
import type { Citation } from '../../knowledge/types';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCard, textBlock, userText } from '../cards/adaptive';
import { clip, oneLine } from './markdown';

export const CITATION_NAME_MAX = 80;
export const CITATION_ABSTRACT_MAX = 160;
export const CITATION_KEYWORDS_MAX = 3;
export const CITATION_KEYWORD_MAX = 28;
/** How many clauses one answer cites at most. */
export const MAX_CITATIONS = 3;

const FALLBACK_TITLE = '情報セキュリティポリシー';

export function clientCitation(c: Citation, position: number): ClientCitation {
  const name = clip(oneLine(c.label), CITATION_NAME_MAX) || FALLBACK_TITLE;
  const quote = oneLine(c.quote);
  const headings = c.headings.map(oneLine).filter(Boolean);
  const abstract = clip(quote || headings.join(' / ') || name, CITATION_ABSTRACT_MAX);
  // The full quote, with its headings, in the citation's pop-up (an Adaptive Card, as Teams expects).
  const detail = adaptiveCard([
    ...(headings.length > 0 ? [textBlock(userText(headings.join(' › '), 200), { isSubtle: true, size: 'Small' })] : []),
    textBlock(userText(quote || abstract, 1500)),
    textBlock(userText(`大分県後期高齢者医療広域連合 情報セキュリティポリシー ${name}`, 200), { isSubtle: true, size: 'Small' }),
  ]);
  const keywords = headings
    .slice(-CITATION_KEYWORDS_MAX)
    .map((h) => clip(h, CITATION_KEYWORD_MAX))
    .filter(Boolean);
  return {
    '@type': 'Claim',
    position,
    appearance: {
      '@type': 'DigitalDocument',
      name,
      abstract,
      text: JSON.stringify(detail),
      encodingFormat: ADAPTIVE_CARD_CONTENT_TYPE,
      image: { '@type': 'ImageObject', name: 'Text' },
      ...(keywords.length > 0 ? { keywords } : {}),
    },
  };
}
