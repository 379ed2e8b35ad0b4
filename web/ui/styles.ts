/**
 * The widget's stylesheet, adopted by its shadow root (no <style> element, so a strict
 * `style-src 'self'` CSP allows it). Themable from the host page through the custom properties
 * below and `::part(input|button|panel|group|option|mark|status|filters)`.
 */
export const STYLES = `
:host{--sagasu-font:inherit;--sagasu-fg:#1b1b1f;--sagasu-bg:#fff;--sagasu-muted:#5b5b66;--sagasu-border:#c4c4cc;
--sagasu-accent:#0b57d0;--sagasu-active:#e8f0fe;--sagasu-mark:#ffe58a;--sagasu-radius:8px;--sagasu-panel-height:70vh;
display:block;position:relative;font:var(--sagasu-font);color:var(--sagasu-fg);min-width:0}
@media (prefers-color-scheme:dark){:host{--sagasu-fg:#e6e6ea;--sagasu-bg:#1e1e24;--sagasu-muted:#a0a0ab;--sagasu-border:#4a4a55;
--sagasu-accent:#8ab4f8;--sagasu-active:#2a3550;--sagasu-mark:#6b5a00}}
*{box-sizing:border-box}
.box{position:relative}
input{width:100%;font:inherit;font-size:1rem;padding:.5rem .75rem;border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);
background:var(--sagasu-bg);color:var(--sagasu-fg);min-width:0}
input:focus{outline:2px solid var(--sagasu-accent);outline-offset:1px}
input::-webkit-search-cancel-button{cursor:pointer}
button,select{font:inherit;color:var(--sagasu-fg);background:var(--sagasu-bg);border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);padding:.3rem .6rem}
button:focus-visible,select:focus-visible{outline:2px solid var(--sagasu-accent)}
.open{display:inline-flex;gap:.5rem;align-items:center;cursor:pointer}
kbd{font:inherit;font-size:.75rem;color:var(--sagasu-muted);border:1px solid var(--sagasu-border);border-radius:4px;padding:0 .3rem}
.panel{background:var(--sagasu-bg);color:var(--sagasu-fg)}
.inline .panel{position:absolute;z-index:2147483000;left:0;right:0;top:calc(100% + 4px);max-height:var(--sagasu-panel-height);overflow:auto;
border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);box-shadow:0 8px 24px rgb(0 0 0 / .18);min-width:min(32rem,100vw - 1rem)}
.panel[hidden]{display:none}
.filters{display:flex;flex-wrap:wrap;gap:.4rem;padding:.5rem .75rem;align-items:center}
.filters label{display:inline-flex;gap:.25rem;align-items:center;font-size:.85rem;color:var(--sagasu-muted)}
.status{padding:.25rem .75rem;font-size:.85rem;color:var(--sagasu-muted)}
.empty{padding:.5rem .75rem}
.empty p{margin:.25rem 0}
[role=listbox]{padding:0 0 .5rem}
[role=group]{padding:.25rem 0;border-top:1px solid var(--sagasu-border)}
.page{padding:.35rem .75rem 0;font-weight:700;display:flex;flex-wrap:wrap;gap:.1rem .6rem;align-items:baseline}
.page small{font-weight:400;color:var(--sagasu-muted)}
a[role=option]{display:block;padding:.35rem .75rem .35rem 1.25rem;color:inherit;text-decoration:none;border-left:3px solid transparent;overflow-wrap:anywhere}
a[role=option][aria-selected=true],a[role=option]:hover{background:var(--sagasu-active);border-left-color:var(--sagasu-accent)}
.heading{display:block;color:var(--sagasu-accent);font-size:.95rem}
.snippet{display:block;font-size:.875rem;line-height:1.5;color:var(--sagasu-fg)}
mark{background:var(--sagasu-mark);color:inherit;border-radius:2px;padding:0 1px}
.more{margin:.25rem .75rem}
.hint{padding:.25rem .75rem .5rem;font-size:.75rem;color:var(--sagasu-muted)}
dialog{width:min(42rem,100vw - 1rem);max-height:min(80vh,48rem);padding:0;border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);
background:var(--sagasu-bg);color:var(--sagasu-fg);margin-top:8vh}
dialog::backdrop{background:rgb(0 0 0 / .45)}
dialog .top{display:flex;gap:.5rem;padding:.75rem;align-items:center;position:sticky;top:0;background:var(--sagasu-bg);z-index:1}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (max-width:480px){.inline .panel{position:fixed;left:.25rem;right:.25rem;top:auto;min-width:0}.page small{display:block}}
`;
