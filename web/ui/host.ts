/**
 * What the widget reads from the page it sits in: light or dark by the host's real background
 * (not only the visitor's preference), the host's link colour as accent, the platform's shortcut
 * label, and whether the visitor has a touch screen without a keyboard. DOM only; never throws.
 */

/** How the widget should look on this host. */
export type HostTheme = { dark: boolean; accent?: string };

type Rgba = [number, number, number, number];

/** Parses `rgb()`/`rgba()` as getComputedStyle reports it; undefined for anything else. */
export function parseRgb(value: string): Rgba | undefined {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!m) return undefined;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** WCAG relative luminance of an sRGB colour (0 black … 1 white). */
export function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** The first mostly opaque background behind `el`, crossing shadow roots; undefined when none is set. */
function backgroundBehind(el: Element): Rgba | undefined {
  let node: Element | null = el;
  while (node) {
    const colour = parseRgb(getComputedStyle(node).backgroundColor);
    if (colour && colour[3] >= 0.5) return colour;
    const root: Node = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return undefined;
}

const LIGHT_BG: Rgba = [255, 255, 255, 1];
const DARK_BG: Rgba = [30, 30, 36, 1];

/**
 * The colour of the host's links: the first of the page's links (content first) coloured unlike
 * the text around it, so a home link styled as plain text (a site title) is not taken for one.
 */
function linkColour(): Rgba | undefined {
  const links = [...document.querySelectorAll('main a[href], article a[href]'), ...document.querySelectorAll('a[href]')].slice(0, 60);
  for (const link of links) {
    const own = getComputedStyle(link).color;
    if (link.parentElement && own !== getComputedStyle(link.parentElement).color) return parseRgb(own);
  }
  return undefined;
}

/** Reads the host's theme around `el` (the custom element). */
export function readHostTheme(el: Element): HostTheme {
  try {
    const bg = backgroundBehind(el);
    // No background anywhere: the canvas, which is dark only when the page opts into dark and the visitor prefers it.
    const dark = bg ? luminance(bg) < 0.2 : /dark/.test(getComputedStyle(document.documentElement).colorScheme) && matchMedia('(prefers-color-scheme: dark)').matches;
    let accent: string | undefined;
    const colour = linkColour();
    // A link colour that would be unreadable on the panel is not used.
    if (colour && colour[3] === 1 && contrast(colour, dark ? DARK_BG : LIGHT_BG) >= 3) accent = `rgb(${colour[0]} ${colour[1]} ${colour[2]})`;
    return { dark, accent };
  } catch {
    return { dark: false };
  }
}

/** True on a touch screen without a fine pointer (a phone or tablet): no key hints there. */
export function isTouchOnly(): boolean {
  try {
    return matchMedia('(hover: none) and (pointer: coarse)').matches;
  } catch {
    return false;
  }
}

/** The shortcut label for this platform: ⌘K on Apple devices, Ctrl K elsewhere, none on touch. */
export function shortcutLabel(): string {
  if (isTouchOnly()) return '';
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform ?? '';
  return /mac|iphone|ipad/i.test(platform) ? '⌘K' : 'Ctrl K';
}
