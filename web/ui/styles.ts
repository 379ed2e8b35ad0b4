/**
 * The widget's stylesheet, adopted by its shadow root (no <style> element, so a strict
 * `style-src 'self'` CSP allows it). Themable from the host page through the custom properties
 * below and `::part(input|button|panel|group|option|mark|status|filters)`.
 */
export const STYLES = `
:host{all:initial;--sagasu-font:inherit;--sagasu-fg:#1b1b1f;--sagasu-bg:#fff;--sagasu-muted:#5b5b66;--sagasu-border:#c4c4cc;
--sagasu-accent:#0b57d0;--sagasu-active:#e8f0fe;--sagasu-mark:#ffe58a;--sagasu-radius:8px;--sagasu-panel-height:70vh;
display:block;position:relative;font-family:inherit;font-size:inherit;font:var(--sagasu-font);color:var(--sagasu-fg);
min-width:9rem;line-height:1.5;text-align:start;white-space:normal;text-transform:none;letter-spacing:normal;word-spacing:normal;
font-weight:400;font-style:normal}
:host([data-scheme=dark]){--sagasu-fg:#e6e6ea;--sagasu-bg:#1e1e24;--sagasu-muted:#a0a0ab;--sagasu-border:#4a4a55;
--sagasu-accent:#8ab4f8;--sagasu-active:#2a3550;--sagasu-mark:#6b5a00}
@media (prefers-color-scheme:dark){:host(:not([data-scheme=light])){--sagasu-fg:#e6e6ea;--sagasu-bg:#1e1e24;--sagasu-muted:#a0a0ab;--sagasu-border:#4a4a55;
--sagasu-accent:#8ab4f8;--sagasu-active:#2a3550;--sagasu-mark:#6b5a00}}
*{box-sizing:border-box}
.box{position:relative}
input{width:100%;font:inherit;font-size:1rem;padding:.5rem .75rem;border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);
background:var(--sagasu-bg);color:var(--sagasu-fg);min-width:0}
input:focus{outline:2px solid var(--sagasu-accent);outline-offset:1px}
input::-webkit-search-cancel-button{cursor:pointer}
button,select{font:inherit;color:var(--sagasu-fg);background:var(--sagasu-bg);border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);padding:.3rem .6rem}
button:focus-visible,select:focus-visible{outline:2px solid var(--sagasu-accent)}
.open{display:inline-flex;gap:.5rem;align-items:center;cursor:pointer;white-space:nowrap}
kbd{font:inherit;font-size:.75rem;color:var(--sagasu-muted);border:1px solid var(--sagasu-border);border-radius:4px;padding:0 .3rem}
.panel{background:var(--sagasu-bg);color:var(--sagasu-fg)}
.mode-inline .panel{position:fixed;z-index:2147483000;max-height:var(--sagasu-panel-height);overflow:auto;
border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);box-shadow:0 8px 24px rgb(0 0 0 / .18)}
.panel[hidden]{display:none}
.filters{display:flex;flex-wrap:wrap;gap:.4rem;padding:.5rem .75rem;align-items:center}
.filters label{display:inline-flex;gap:.25rem;align-items:center;font-size:.85rem;color:var(--sagasu-muted)}
.status{padding:.25rem .75rem;font-size:.85rem;color:var(--sagasu-muted)}
.status button{font-size:.8rem;padding:0 .4rem;margin-inline-start:.4rem}
.loading{height:3px;margin:0 .75rem;background:linear-gradient(90deg,transparent,var(--sagasu-accent),transparent);background-size:50% 100%;
background-repeat:no-repeat;animation:sagasu-slide 1.2s linear infinite}
@keyframes sagasu-slide{from{background-position:-50% 0}to{background-position:150% 0}}
.empty{padding:.5rem .75rem}
.empty p{margin:.25rem 0}
.empty button{font-size:.9rem}
[role=listbox]{padding:0 0 .5rem}
[role=group]{padding:.25rem 0;border-top:1px solid var(--sagasu-border)}
.group-title{padding:.35rem .75rem 0;font-weight:700;display:flex;flex-wrap:wrap;gap:.1rem .6rem;align-items:baseline}
.group-title small{font-weight:400;color:var(--sagasu-muted)}
a[role=option]{display:block;padding:.35rem .75rem .35rem 1.25rem;color:inherit;text-decoration:none;border-left:3px solid transparent;overflow-wrap:anywhere}
a[role=option][aria-selected=true],a[role=option]:hover{background:var(--sagasu-active);border-left-color:var(--sagasu-accent)}
.heading{display:block;color:var(--sagasu-accent);font-size:.95rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.snippet{display:block;font-size:.875rem;line-height:1.5;color:var(--sagasu-fg);font-weight:400}
mark{background:var(--sagasu-mark);color:inherit;border-radius:2px;padding:0 1px}
.more,.all{margin:.25rem .75rem}
.all{display:block;color:var(--sagasu-accent);padding:.25rem 0}
.hint{padding:.25rem .75rem .5rem;font-size:.75rem;color:var(--sagasu-muted)}
dialog{width:min(42rem,100vw - 1rem);max-height:min(80vh,48rem);padding:0;border:1px solid var(--sagasu-border);border-radius:var(--sagasu-radius);
background:var(--sagasu-bg);color:var(--sagasu-fg);margin-top:8vh;overflow:hidden}
dialog[open]{display:flex;flex-direction:column}
dialog::backdrop{background:rgb(0 0 0 / .45)}
dialog .top{display:flex;gap:.5rem;padding:.75rem;align-items:flex-start;min-height:0;flex:1}
dialog .top .box{flex:1;min-width:0;display:flex;flex-direction:column;max-height:calc(min(80vh,48rem) - 1.5rem)}
dialog .top .panel{overflow:auto;min-height:0}
dialog .close{flex:none}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (max-width:480px){.group-title small{display:block}
dialog{width:100vw;max-width:100vw;height:100dvh;max-height:100dvh;margin:0;border:0;border-radius:0}
dialog .top .box{max-height:calc(100dvh - 1.5rem)}}
@media (pointer:coarse){.hint,kbd{display:none}}
`;
