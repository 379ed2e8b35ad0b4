/**
 * Where the inline dropdown floats. It sits in the top layer (Popover API) or at least at
 * position: fixed, so no ancestor's overflow or z-index clips it; its place comes from the
 * input's rect, clamped into the visual viewport, full width on a phone.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import type { JSX, RefObject } from 'preact';

/** Margin kept between a floating panel and the edges of the visual viewport. */
const EDGE = 8;
/** Below this viewport width the dropdown spans the screen. */
const PHONE_WIDTH = 600;

/**
 * Shows `panel` as a popover under `input` while `shown` (when `enabled`), and returns its
 * place, kept up to date as the page scrolls or the viewport changes (a phone's keyboard).
 */
export function useFloatPlace(enabled: boolean, shown: boolean, panel: RefObject<HTMLElement>, input: RefObject<HTMLElement>): JSX.CSSProperties {
  const [place, setPlace] = useState<JSX.CSSProperties>({});
  useLayoutEffect(() => {
    if (!enabled) return;
    const el = panel.current;
    if (!el) return;
    const popover = typeof el.showPopover === 'function';
    if (!shown) { if (popover && el.matches(':popover-open')) el.hidePopover(); return; }
    if (popover && !el.matches(':popover-open')) { try { el.showPopover(); } catch { /* already shown or detached */ } }
    const update = () => {
      const rect = input.current?.getBoundingClientRect();
      if (!rect) return;
      const vv = window.visualViewport;
      const vw = vv?.width ?? window.innerWidth;
      const vh = vv?.height ?? window.innerHeight;
      const ox = vv?.offsetLeft ?? 0;
      const oy = vv?.offsetTop ?? 0;
      const width = vw <= PHONE_WIDTH ? vw - 2 * EDGE : Math.min(Math.max(rect.width, 512), vw - 2 * EDGE);
      const left = vw <= PHONE_WIDTH ? ox + EDGE : Math.min(Math.max(rect.left, ox + EDGE), ox + vw - width - EDGE);
      const top = Math.max(rect.bottom + 4, oy + EDGE);
      const height = Math.max(160, oy + vh - top - EDGE);
      setPlace({ top: `${Math.round(top)}px`, left: `${Math.round(left)}px`, width: `${Math.round(width)}px`, maxHeight: `${Math.round(height)}px` });
    };
    update();
    window.addEventListener('scroll', update, true);
    window.addEventListener('resize', update);
    window.visualViewport?.addEventListener('resize', update);
    window.visualViewport?.addEventListener('scroll', update);
    return () => {
      window.removeEventListener('scroll', update, true);
      window.removeEventListener('resize', update);
      window.visualViewport?.removeEventListener('resize', update);
      window.visualViewport?.removeEventListener('scroll', update);
    };
  }, [shown, enabled]);
  return place;
}
