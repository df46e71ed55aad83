import { createLogger, errorFields, redact } from '../../bot/log';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: Array<{ level: string; line: Record<string, unknown> }> = [];
  const log = createLogger({ level, write: (line, at) => lines.push({ level: at, line: JSON.parse(line) }), now: () => new Date('2026-04-01T00:00:00Z') });
  return { log, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with time, level and event', () => {
    const { log, lines } = capture();
    log.info('answer.sent', { activityId: 'a1', verdict: 'prohibited' });
    expect(lines).toEqual([
      { level: 'info', line: { time: '2026-04-01T00:00:00.000Z', level: 'info', event: 'answer.sent', activityId: 'a1', verdict: 'prohibited' } },
    ]);
  });

  it('drops lines below its level', () => {
    const { log, lines } = capture('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => l.line.event)).toEqual(['w', 'e']);
  });

  it('redacts text, names and secrets whatever the level, keeping ids and counts', () => {
    const { log, lines } = capture('debug');
    log.debug('x', {
      text: 'USBメモリ',
      userName: '大分 花子',
      question: 'q',
      clientSecret: 's3cret',
      authorization: 'Bearer abc',
      messageId: 'm1',
      textLength: 12,
      citationCount: 2,
    });
    expect(lines[0]!.line).toMatchObject({
      text: '[redacted]',
      userName: '[redacted]',
      question: '[redacted]',
      clientSecret: '[redacted]',
      authorization: '[redacted]',
      messageId: 'm1',
      textLength: 12,
      citationCount: 2,
    });
  });

  it('child loggers add their fields', () => {
    const { log, lines } = capture();
    log.child({ requestId: 'r1' }).info('e', { n: 1 });
    expect(lines[0]!.line).toMatchObject({ requestId: 'r1', n: 1 });
  });

  it('cannot be made to forge lines with control characters', () => {
    const { log, lines } = capture();
    log.info('event\n{"level":"error"}', { activityId: 'a\nb' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.line.event).toBe('event?{"level":"error"}');
    expect(lines[0]!.line.activityId).toBe('a?b');
  });

  it('describes errors by type and code, never by message', () => {
    const err = Object.assign(new TypeError('USBメモリ contains secret'), { code: 'E_X' });
    expect(errorFields(err)).toEqual({ errorType: 'TypeError', errorCode: 'E_X' });
    expect(redact({ a: undefined, b: 1 })).toEqual({ b: 1 });
  });
});
