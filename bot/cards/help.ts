// The welcome (on install) and ヘルプ card: what the bot does in three lines, and the procedure buttons.

import { type ProcedureStartAction, type RequestsListAction, procedureIds, procedureTitles } from './actions';
import { type AdaptiveCard, adaptiveCard, submit, textBlock, trusted, userText } from './adaptive';

export const HELP_LINES = [
  '「USBメモリを家に持ち帰ってもいい？」のように聞いてください。情報セキュリティポリシーの条文を引用して、禁止・許可が必要・報告が必要などをお答えします。',
  '持ち出し申請、ICカード紛失、ウイルス感染の疑いなどの手続きを、順を追ってご案内します。',
  '申請や報告は担当の責任者にお送りし、進み具合を「申請状況」で確認できます。',
] as const;

function procedureButtons() {
  return [
    ...procedureIds.map((procedure) =>
      submit<ProcedureStartAction>(trusted(procedureTitles[procedure]), { action: 'procedure.start', procedure }),
    ),
    submit<RequestsListAction>(trusted('申請状況'), { action: 'requests.list' }),
  ];
}

/** The help card; with a name (from Teams, untrusted), a welcome greeting first. */
export function helpCard(options: { welcomeName?: string } = {}): AdaptiveCard {
  const heading =
    options.welcomeName !== undefined
      ? textBlock(
          trusted(
            options.welcomeName.trim()
              ? `${userText(options.welcomeName, 60)}さん、情報セキュリティポリシー案内ボットです。`
              : '情報セキュリティポリシー案内ボットです。',
          ),
          { weight: 'Bolder', size: 'Medium' },
        )
      : textBlock(trusted('このボットでできること'), { weight: 'Bolder', size: 'Medium' });
  return adaptiveCard(
    [heading, ...HELP_LINES.map((line, i) => textBlock(trusted(line), { spacing: i === 0 ? 'Medium' : 'Small' }))],
    procedureButtons(),
  );
}
