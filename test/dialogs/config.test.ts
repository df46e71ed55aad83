import { dialogSettingsFromEnv } from '../../dialogs/config';

describe('dialog settings', () => {
  test('defaults: 24 h idle, 30 min confirmation, 90 days for follow-ups, Asia/Tokyo', () => {
    expect(dialogSettingsFromEnv({})).toEqual({ idleTtlMs: 86_400_000, confirmTtlMs: 1_800_000, parkedTtlMs: 90 * 86_400_000, timeZone: 'Asia/Tokyo' });
  });

  test('values from the environment', () => {
    expect(dialogSettingsFromEnv({ DIALOG_IDLE_HOURS: '2', DIALOG_CONFIRM_MINUTES: ' 5 ', DIALOG_FOLLOWUP_DAYS: '30', DIALOG_TIME_ZONE: 'UTC' })).toEqual({
      idleTtlMs: 7_200_000,
      confirmTtlMs: 300_000,
      parkedTtlMs: 30 * 86_400_000,
      timeZone: 'UTC',
    });
  });

  test.each([
    [{ DIALOG_IDLE_HOURS: 'abc' }, 'DIALOG_IDLE_HOURS'],
    [{ DIALOG_IDLE_HOURS: '-1' }, 'DIALOG_IDLE_HOURS'],
    [{ DIALOG_FOLLOWUP_DAYS: '99999' }, 'DIALOG_FOLLOWUP_DAYS'],
    [{ DIALOG_TIME_ZONE: 'Mars/Olympus' }, 'DIALOG_TIME_ZONE'],
  ])('rejects %j naming the setting', (env, name) => {
    expect(() => dialogSettingsFromEnv(env)).toThrow(name);
  });
});
