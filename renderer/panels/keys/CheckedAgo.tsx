// "checked 2 min ago", kept current by the shared clock (text only; nothing is fetched).
import { formatAgo, formatDateTime } from '../../app/format';
import { useNow } from '../../app/use-now';

export function CheckedAgo({ at, verb = 'checked' }: { at: string | null; verb?: string }) {
  const now = useNow(15_000);
  if (!at) return <span className="muted">never {verb}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {verb} {formatAgo(at, now)}
    </time>
  );
}
