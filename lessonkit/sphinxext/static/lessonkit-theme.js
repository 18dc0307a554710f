/* lessonkit: the reader's light or dark theme, applied as <body> opens, before the first paint.
 * Furo does this with an inline script, which the pages' Content-Security-Policy refuses: the kit
 * loads this file in its place (templates/page.html). */
"use strict";
(() => {
  let theme = "auto";
  try {
    theme = window.localStorage.getItem("theme") || "auto";
  } catch (err) {
    // a browser that refuses storage to file:// pages: the theme follows the system's
  }
  document.body.dataset.theme = theme;
})();
