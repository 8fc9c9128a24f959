import type { ToastKind } from './types';

/**
 * A small toast for H5 (plain browser and 浙里办) so the first load does not carry Taro's H5
 * toast. Announced to screen readers (role="status"); the text carries the meaning, not colour.
 */
export function createDomToast(doc: Document): (message: string, kind?: ToastKind) => void {
  let el: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (message, kind = 'info') => {
    if (!el || !el.isConnected) {
      el = doc.createElement('div');
      el.className = 'he-toast';
      el.setAttribute('role', 'status');
      el.setAttribute('aria-live', 'polite');
      el.style.cssText =
        'position:fixed;left:50%;top:40%;transform:translate(-50%,-50%);z-index:9999;' +
        'max-width:80%;padding:12px 20px;border-radius:8px;background:#1f1f1f;color:#fff;' +
        'font-size:18px;line-height:1.5;text-align:center;pointer-events:none';
      doc.body.appendChild(el);
    }
    el.textContent = message;
    el.dataset.kind = kind;
    el.style.display = 'block';
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        if (el) el.style.display = 'none';
      },
      kind === 'error' ? 3000 : 2000,
    );
  };
}
