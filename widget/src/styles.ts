/**
 * The widget's stylesheet, adopted into its shadow root. Colours default to pairs with at least
 * 4.5:1 contrast; partners change them with `--kilde-*` custom properties and `::part()`.
 * @remarks Sizes are in `rem`/`em` and the layout wraps, so it holds at 400 % zoom and 320 px;
 * transitions switch off under `prefers-reduced-motion`.
 */
export const css = `
:host{display:block;position:relative;font-family:var(--kilde-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:var(--kilde-font-size,1rem);line-height:1.45;color:var(--kilde-text,#1a1a1a);--_accent:var(--kilde-accent,#005a87);--_bg:var(--kilde-bg,#fff);--_border:var(--kilde-border,#6b6b6b);--_muted:var(--kilde-muted,#4d4d4d);--_focus:var(--kilde-focus,#b3261e);--_active:var(--kilde-active-bg,#e3eef6);--_radius:var(--kilde-radius,.5rem)}
:host([hidden]){display:none}
*{box-sizing:border-box}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
form{margin:0}
label{display:block;font-weight:600;margin:0 0 .35em}
.row{display:flex;flex-wrap:wrap;gap:.5em}
input{flex:1 1 12em;min-width:0;font:inherit;color:inherit;background:var(--_bg);border:2px solid var(--_border);border-radius:var(--_radius);padding:.6em .75em}
input::placeholder{color:var(--_muted);opacity:1}
button{flex:0 0 auto;font:inherit;font-weight:600;color:var(--kilde-accent-text,#fff);background:var(--_accent);border:2px solid var(--_accent);border-radius:var(--_radius);padding:.6em 1.1em;cursor:pointer}
input:focus-visible,button:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.popup{position:var(--kilde-popup-position,absolute);z-index:var(--kilde-z-index,1000);left:0;right:0;margin-top:.35em;background:var(--kilde-popup-bg,var(--_bg));color:var(--kilde-text,#1a1a1a);border:1px solid var(--_border);border-radius:var(--_radius);box-shadow:0 .5em 1.5em rgba(0,0,0,.18);padding:.4em 0;transition:opacity .15s ease,transform .15s ease}
.popup[hidden]{display:none}
.msg{margin:.4em .9em;font-weight:600}
[role=group]{margin:0;padding:0}
.gl{margin:.5em .9em .2em;font-size:.8em;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:var(--_muted)}
.crisis .gl{color:var(--kilde-crisis-text,#7a1010)}
[role=option]{display:block;padding:.5em .9em;color:inherit;text-decoration:none;border-left:4px solid transparent;cursor:pointer}
[role=option][aria-selected=true]{background:var(--_active);border-left-color:var(--_accent);outline:2px solid var(--_focus);outline-offset:-2px}
[role=option]:hover{background:var(--_active)}
.t{display:block;font-weight:600;color:var(--kilde-link,#004a70);text-decoration:underline;text-underline-offset:.15em}
.d{display:block;margin-top:.15em}
.m{display:block;margin-top:.15em;font-size:.875em;color:var(--_muted)}
.b{display:inline-block;margin-left:.4em;padding:0 .4em;border:1px solid currentColor;border-radius:.3em;font-size:.8em;font-weight:600;color:var(--_muted);text-decoration:none;vertical-align:.05em}
mark{background:var(--kilde-mark-bg,#fff1a8);color:var(--kilde-mark-text,#1a1a1a);padding:0 .05em;border-radius:.15em}
.crisis [role=option]{background:var(--kilde-crisis-bg,#fdecea);color:var(--kilde-crisis-text,#7a1010)}
.crisis [role=option] .t{color:var(--kilde-crisis-text,#7a1010)}
.all{border-top:1px solid #d0d0d0;margin-top:.3em}
.all .t{font-weight:700}
@media (prefers-reduced-motion:reduce){.popup{transition:none}}
@media (forced-colors:active){[role=option][aria-selected=true]{outline:2px solid Highlight}mark{background:Mark;color:MarkText}}
`;
