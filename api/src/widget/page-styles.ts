/**
 * The stylesheet of `/sok`, the result pages and `/demo`, served as a file so the pages' CSP can
 * stay `style-src 'self'`. Colours meet 4.5:1; the layout is one column that reflows to 320 px.
 */
export const pageCss = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#004a70;text-underline-offset:.15em}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #b3261e;outline-offset:2px}
.skip{position:absolute;left:-999em;top:0;background:#fff;padding:.5em 1em;z-index:10}
.skip:focus{left:.5em}
header,main,footer{max-width:48rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;border-bottom:1px solid #d0d0d0}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:#1a1a1a}
nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
nav a[aria-current]{font-weight:700;text-decoration:none;color:#1a1a1a}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem}
h3{font-size:1.1rem;margin:0}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1.5rem}
form.search label{flex:1 0 100%;font-weight:600}
form.search input{flex:1 1 12rem;min-width:0;font:inherit;padding:.6em .75em;border:2px solid #6b6b6b;border-radius:.5rem}
form.search button{font:inherit;font-weight:600;color:#fff;background:#005a87;border:2px solid #005a87;border-radius:.5rem;padding:.6em 1.1em;cursor:pointer}
ol.hits{list-style:none;margin:0;padding:0}
ol.hits li{padding:.75rem 0;border-bottom:1px solid #e2e2e2}
ol.hits p{margin:.25rem 0 0}
.meta{font-size:.9rem;color:#4d4d4d}
.badge{display:inline-block;margin-left:.4em;padding:0 .4em;border:1px solid #4d4d4d;border-radius:.3em;font-size:.8rem;font-weight:600;color:#4d4d4d;vertical-align:.1em}
mark{background:#fff1a8;color:#1a1a1a}
.crisis{background:#fdecea;color:#5c0b0b;border-left:6px solid #b3261e;padding:.75rem 1rem;margin:1rem 0;border-radius:.25rem}
.crisis h2{margin-top:0;color:#5c0b0b}
.crisis a{color:#5c0b0b;font-weight:700}
.crisis ul,.help ul{margin:.25rem 0;padding-left:1.2rem}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1.5rem 0}
article .summary{font-size:1.15rem}
article table{border-collapse:collapse;display:block;overflow-x:auto}
article td,article th{border:1px solid #bbb;padding:.25em .5em}
article img{max-width:100%;height:auto}
pre{white-space:pre-wrap}
footer{border-top:1px solid #d0d0d0;margin-top:2rem;font-size:.9rem;color:#4d4d4d}
.demo-section{border:1px solid #d0d0d0;border-radius:.75rem;padding:1rem;margin:1.5rem 0 12rem}
.demo-section h2{margin-top:0}
.demo-nn kilde-search{--kilde-accent:#1d5c2e;--kilde-focus:#8a1c7c;--kilde-active-bg:#e6f2e8;--kilde-radius:0}
.demo-nn kilde-search::part(button){text-transform:uppercase;letter-spacing:.05em}
.demo-en kilde-search{--kilde-font:Georgia,"Times New Roman",serif}
code{background:#f2f2f2;padding:0 .25em;border-radius:.2em;font-size:.95em}
pre code{display:block;padding:.75rem;overflow-x:auto}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;
