/* lessonkit: a text snippet under each search result. Sphinx fetches each result's page to quote it,
 * which browsers refuse on file://; the kit ships the pages' text in searchtexts.js instead. */
"use strict";
(() => {
  const WIDTH = 240;

  // Sphinx links each result as "<page name>.html#anchor", relative to the search page.
  const pageOf = (link) => decodeURIComponent(link.getAttribute("href").split("#")[0].replace(/\.html$/, ""));

  const queryWords = () => {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/[^\p{Letter}\p{Number}_]+/u).filter((word) => word.length > 1);
    const stemmer = typeof Stemmer === "function" ? new Stemmer() : null;
    return words.flatMap((word) => (stemmer ? [word, stemmer.stemWord(word)] : [word]));
  };

  const snippet = (text, words) => {
    const lower = text.toLowerCase();
    const found = words.map((word) => [lower.indexOf(word), word]).filter(([at]) => at > -1);
    const at = found.length ? Math.min(...found.map(([position]) => position)) : 0;
    const start = Math.max(0, at - WIDTH / 2);
    const end = Math.min(text.length, start + WIDTH);
    const paragraph = document.createElement("p");
    paragraph.className = "context";
    const piece = (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
    const marks = words.filter(Boolean).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const parts = marks.length ? piece.split(new RegExp(`(${marks.join("|")})`, "iu")) : [piece];
    parts.forEach((part, index) => {
      if (index % 2 === 1) {
        const mark = paragraph.appendChild(document.createElement("span"));
        mark.className = "highlighted";
        mark.textContent = part;
      } else {
        paragraph.appendChild(document.createTextNode(part));
      }
    });
    return paragraph;
  };

  const addSnippet = (item, words) => {
    const texts = window.LESSONKIT_SEARCH_TEXTS || {};
    const link = item.querySelector("a[href]");
    if (!link || item.querySelector("p.context")) return;
    const text = texts[pageOf(link)];
    if (text) item.appendChild(snippet(text, words));
  };

  document.addEventListener("DOMContentLoaded", () => {
    const results = document.getElementById("search-results");
    if (!results) return;
    const words = queryWords();
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (node.nodeName === "LI") addSnippet(node, words);
        }
      }
    }).observe(results, { childList: true, subtree: true });
  });
})();
