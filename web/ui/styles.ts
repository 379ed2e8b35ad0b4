/**
 * The widget's stylesheet, adopted by its shadow root (no <style> element, so a strict
 * `style-src 'self'` CSP allows it). Themable from the host page through the custom properties
 * below and `::part(input|button|panel|group|option|mark|status|filters)`. Every class is
 * prefixed `sg-`, so no rule for one element can match another (the `.page` leak of issue 11).
 */
// .sg-heading: width 0 + min-width 100% keeps a one-line (nowrap) heading out of the widget's
// min-content width, so a host that sizes it by content (a flex row) cannot be pushed off screen.
export const STYLES = `
:host{all:initial;display:block;position:relative;min-width:10rem;box-sizing:border-box;
font-family:var(--sagasu-font,inherit);font-size:16px;line-height:1.5;color:inherit;text-align:start;
white-space:normal;text-transform:none;letter-spacing:normal;word-spacing:normal;font-weight:400;font-style:normal;direction:ltr}
:host([mode=modal]){display:inline-block;min-width:0}
*,*::before,*::after{box-sizing:border-box}
.sg{--fg:var(--sagasu-fg,#1b1b1f);--bg:var(--sagasu-bg,#fff);--muted:var(--sagasu-muted,#5b5b66);--border:var(--sagasu-border,#c4c4cc);
--accent:var(--sagasu-accent,var(--sg-host-accent,#0b57d0));--active:var(--sagasu-active,color-mix(in srgb,var(--accent) 12%,var(--bg)));
--mark:var(--sagasu-mark,#ffe58a);--radius:var(--sagasu-radius,8px);--panel-h:var(--sagasu-panel-height,70vh);
position:relative;font-family:var(--sagasu-font,inherit);color:var(--fg);
font-size:16px;line-height:1.5;font-weight:400;font-style:normal;text-transform:none;letter-spacing:normal;word-spacing:normal;
white-space:normal;text-align:start;text-indent:0;display:block}
.sg.sg-dark{--fg:var(--sagasu-fg,#e6e6ea);--bg:var(--sagasu-bg,#1e1e24);--muted:var(--sagasu-muted,#a8a8b3);--border:var(--sagasu-border,#4a4a55);
--accent:var(--sagasu-accent,var(--sg-host-accent,#8ab4f8));--mark:var(--sagasu-mark,#6b5a00)}
.sg-input{display:block;width:100%;font:inherit;font-size:1rem;padding:.5rem .75rem;border:1px solid var(--border);border-radius:var(--radius);
background:var(--bg);color:var(--fg);min-width:0;margin:0}
.sg-input:focus{outline:2px solid var(--accent);outline-offset:1px}
.sg-input::-webkit-search-cancel-button{cursor:pointer}
button,select{font:inherit;font-size:.85rem;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:var(--radius);padding:.25rem .5rem;margin:0;text-transform:none;letter-spacing:normal}
button{cursor:pointer}
button:focus-visible,select:focus-visible,a:focus-visible{outline:2px solid var(--accent)}
.sg-open{display:inline-flex;gap:.5rem;align-items:center;white-space:nowrap;font-size:1rem;padding:.35rem .75rem}
kbd{font:inherit;font-size:.75rem;color:var(--muted);border:1px solid var(--border);border-radius:4px;padding:0 .3rem;white-space:nowrap}
.sg-panel{background:var(--bg);color:var(--fg);text-align:start}
.sg-float{position:fixed;inset:auto;margin:0;padding:0;z-index:2147483000;max-height:var(--panel-h);overflow:auto;overscroll-behavior:contain;
border:1px solid var(--border);border-radius:var(--radius);box-shadow:0 8px 24px rgb(0 0 0 / .22)}
.sg-panel[hidden]{display:none}
.sg-filters{display:flex;flex-wrap:wrap;gap:.3rem;padding:.4rem .75rem;align-items:center}
.sg-filters label{display:inline-flex;gap:.25rem;align-items:center;font-size:.8rem;color:var(--muted)}
.sg-compact .sg-filters{padding:.3rem .6rem;border-bottom:1px solid var(--border)}
.sg-compact .sg-filters select{font-size:.75rem;padding:.1rem .25rem;max-width:11rem}
.sg-status{display:flex;flex-wrap:wrap;gap:.2rem .75rem;padding:.3rem .75rem;font-size:.8rem;color:var(--muted)}
.sg-status a{color:var(--accent)}
.sg-progress{height:3px;margin:0 .75rem .3rem;border-radius:2px;background:color-mix(in srgb,var(--accent) 20%,transparent);overflow:hidden}
.sg-progress>span{display:block;height:100%;width:35%;background:var(--accent);animation:sg-slide 1.1s ease-in-out infinite}
@keyframes sg-slide{0%{transform:translateX(-100%)}100%{transform:translateX(290%)}}
@media (prefers-reduced-motion:reduce){.sg-progress>span{animation:none;width:100%;opacity:.5}}
.sg-empty{padding:.4rem .75rem;font-size:.9rem}
.sg-empty p{margin:.2rem 0}
.sg-empty a,.sg-link{color:var(--accent)}
.sg-list{padding:0 0 .4rem;margin:0}
.sg-group{padding:.2rem 0;border-top:1px solid var(--border);content-visibility:auto;contain-intrinsic-size:auto 10rem}
.sg-title{padding:.3rem .75rem 0;font-weight:700;font-size:.95rem;display:flex;flex-wrap:wrap;gap:.1rem .6rem;align-items:baseline;overflow-wrap:anywhere}
.sg-title small{font-weight:400;font-size:.75rem;color:var(--muted)}
.sg-option{display:block;padding:.3rem .75rem .3rem 1.1rem;color:inherit;text-decoration:none;border-left:3px solid transparent;min-width:0}
.sg-option[aria-selected=true]{background:var(--active);border-left-color:var(--accent)}
.sg-option:hover{background:var(--active)}
.sg-heading{display:block;color:var(--accent);font-size:.9rem;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;width:0;min-width:100%}
.sg-heading .sg-path{color:var(--muted);font-weight:400}
.sg-snippet{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;font-size:.85rem;line-height:1.5;color:var(--fg);
font-weight:400;text-transform:none;white-space:normal;overflow-wrap:anywhere}
.sg-page .sg-snippet{-webkit-line-clamp:3}
mark{background:var(--mark);color:inherit;border-radius:2px;padding:0 1px;font-weight:inherit}
.sg-foot{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.35rem .75rem .5rem;border-top:1px solid var(--border);font-size:.85rem}
.sg-hint{font-size:.75rem;color:var(--muted)}
.sg-more{margin:.25rem .75rem}
.sg-recent{padding:.3rem 0}
.sg-recent-head{display:flex;justify-content:space-between;padding:.2rem .75rem;font-size:.8rem;color:var(--muted)}
.sg-recent-head button{font-size:.75rem;padding:0 .4rem}
dialog.sg-dialog{width:min(42rem,100vw - 1rem);max-width:none;height:auto;max-height:min(80vh,48rem);padding:0;border:1px solid var(--border);border-radius:var(--radius);
background:var(--bg);color:var(--fg);margin:8vh auto auto;overflow:hidden;flex-direction:column}
dialog.sg-dialog[open]{display:flex}
dialog.sg-dialog::backdrop{background:rgb(0 0 0 / .5)}
.sg-top{display:flex;gap:.5rem;padding:.6rem;align-items:center;flex:none;border-bottom:1px solid var(--border)}
.sg-top .sg-input{flex:1}
.sg-top>button{flex:none;white-space:nowrap}
.sg-scroll{flex:1 1 auto;overflow:auto;overscroll-behavior:contain;min-height:0}
.sg-touch .sg-hint,.sg-touch kbd{display:none}
@media (max-width:600px){
dialog.sg-dialog{width:100vw;max-width:100vw;height:100dvh;max-height:100dvh;margin:0;border:0;border-radius:0}
.sg-title small{display:block}
}
`;
