// The app's user-facing strings: Japanese (the manifest's default language) and English (en.json).
// Plain sentences without symbols or emoji, so screen readers read them as written.

export interface AppStrings {
  nameShort: string;
  nameFull: string;
  descriptionShort: string;
  descriptionFull: string;
  requestsTabName: string;
}

export const JAPANESE: AppStrings = {
  nameShort: '情報セキュリティ相談',
  nameFull: '情報セキュリティポリシー相談（大分県後期高齢者医療広域連合）',
  descriptionShort: '情報セキュリティポリシーの条文を示して質問に答え、申請や事故の報告を手伝います。',
  descriptionFull: [
    '大分県後期高齢者医療広域連合の職員向けのアプリです。情報セキュリティポリシーの本文だけを根拠に、次のことを手伝います。',
    '',
    '・「USBメモリを家に持ち帰ってもいいですか」のような質問に、できるかどうか（禁止、許可が必要、報告が必要、義務、可、規定なし）、許可や報告の相手、根拠となる条文を示して答えます。',
    '・持ち出し申請、ICカードの紛失、ウイルス感染の疑いの手続きを、順を追って案内します。',
    '・申請を承認者へ届け、結果と経過を記録します。「申請」タブで自分の申請の状況と履歴を確認できます。承認者は、承認待ちの申請をそこで承認または却下できます。',
    '',
    '使い方：個人チャットで質問を入力するか、メニューからコマンド（ヘルプ、持ち出し申請、ICカード紛失、感染の疑い、申請状況）を選んでください。チームやグループチャットでは、アプリ名をメンションして質問できます。',
    '',
    '回答はポリシーの案内です。不明な点や守ることが難しい点は、ポリシーが定めるとおり、データ取扱責任者に相談してください。',
  ].join('\n'),
  requestsTabName: '申請',
};

export const ENGLISH: AppStrings = {
  nameShort: 'Security Policy Help',
  nameFull: 'Information Security Policy Assistant',
  descriptionShort: 'Answers security policy questions with quoted clauses and helps file requests.',
  descriptionFull: [
    'An app for the staff of 大分県後期高齢者医療広域連合 (Oita Prefecture). Based only on the text of the information security policy, it:',
    '',
    '- answers questions such as "may I take a USB memory stick home?" with a verdict (prohibited, needs permission, must be reported, required, allowed, not covered), who approves or is told, and the quoted clause;',
    '- guides you step by step through carry-out permission, a lost IC card, and a suspected virus infection;',
    '- sends requests to the approvers and records the outcome. The Requests tab shows your requests and their history; approvers approve or reject waiting requests there.',
    '',
    'The bot replies in Japanese, and its commands are in Japanese: ヘルプ (help), 持ち出し申請 (carry-out request), ICカード紛失 (lost IC card), 感染の疑い (suspected infection), 申請状況 (request status).',
    '',
    'Answers explain the policy. As the policy requires, take anything unclear or hard to comply with to your データ取扱責任者 (data handling officer).',
  ].join('\n'),
  requestsTabName: 'Requests',
};
