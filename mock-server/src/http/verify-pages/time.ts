/**
 * Times on the public pages, in the browser: the server's time module (Beijing time, dayjs at
 * +08:00) as `window.beijingTime`, bundled by ../browserScript.ts and sent ahead of each page's
 * script, so that a verifier abroad or with a wrong clock zone still reads Beijing time.
 */
import { beijingSecond, dateText } from '../../domain/time';

export interface BeijingTime {
  /** "2026-12-07 15:33:56" */
  second: (iso: string) => string;
  /** "2026年12月7日" */
  date: (iso: string) => string;
}

(window as unknown as { beijingTime: BeijingTime }).beijingTime = {
  second: beijingSecond,
  date: dateText,
};
