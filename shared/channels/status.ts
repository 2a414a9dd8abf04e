// The one app status the tray, the window header and `nome-settings status` show, plus the notification
// and preference channels that go with it. Vocabulary: DESIGN.md "Headless face" (`status --json`).
import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel';
import { providerIdSchema } from '../providers';

export const appStatuses = ['ok', 'attention', 'failing', 'low_credits'] as const;
export const appStatusSchema = z.enum(appStatuses);
export type AppStatus = z.infer<typeof appStatusSchema>;

/** How bad one line is, so a menu or badge can mark it; the same scale as the app status, minus credits. */
export const lineLevelSchema = z.enum(['ok', 'attention', 'failing']);
export type LineLevel = z.infer<typeof lineLevelSchema>;

export const providerStatusLineSchema = z.object({
  provider: providerIdSchema,
  level: lineLevelSchema,
  /** e.g. "Anthropic: key ok · partial outage". */
  line: z.string(),
});
export type ProviderStatusLine = z.infer<typeof providerStatusLineSchema>;

export const statusReportSchema = z.object({
  status: appStatusSchema,
  /** One line for the tray tooltip. */
  tooltip: z.string(),
  /** Every menu line in order: the headline, one per provider, then the credits line when there is one. */
  lines: z.array(z.string()),
  headline: z.string(),
  providers: z.array(providerStatusLineSchema),
  creditsLine: z.string().nullable(),
});
export type StatusReport = z.infer<typeof statusReportSchema>;

/** An OS notification core asks the host to show; the text never holds a secret (it is scrubbed too). */
export const notificationSchema = z.object({
  /** Stable per episode, e.g. `key:<id>` or `credits:low`; key episodes announced together, space-separated. */
  episode: z.string(),
  title: z.string(),
  body: z.string(),
});
export type AppNotification = z.infer<typeof notificationSchema>;

export const defaultOpenSettingsShortcut = 'CmdOrCtrl+Shift+Comma';

export const statusPreferencesSchema = z.object({
  /** False silences every failure notification; episodes are still tracked, so nothing old pops up later. */
  notificationsEnabled: z.boolean(),
  /** Electron accelerator that opens the settings window from anywhere; empty disables it. */
  openSettingsShortcut: z.string().max(100),
});
export type StatusPreferences = z.infer<typeof statusPreferencesSchema>;

export const statusChannels = {
  'app:status': defineChannel({
    summary: 'The app status (ok, attention, failing, low_credits) with its tooltip and menu lines',
    input: z.void(),
    output: statusReportSchema,
  }),
  'app:preferences': defineChannel({
    summary: 'Notification and shortcut preferences',
    input: z.void(),
    output: statusPreferencesSchema,
  }),
  'app:set-preferences': defineChannel({
    summary: 'Change notification or shortcut preferences',
    input: statusPreferencesSchema.partial().strict(),
    output: statusPreferencesSchema,
  }),
};

export const statusEvents = {
  'app:status-changed': defineEvent({ summary: 'The app status or one of its lines changed', payload: statusReportSchema }),
  'app:notification': defineEvent({ summary: 'A failure episode began: show one OS notification', payload: notificationSchema }),
  'app:preferences-changed': defineEvent({ summary: 'Notification or shortcut preferences changed', payload: statusPreferencesSchema }),
};
