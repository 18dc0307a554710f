/* lessonkit: a text snippet under each search result. Sphinx fetches each result's page to quote it,
 * which browsers refuse on file://; the kit ships the pages' text in searchtexts.js instead. */
"use strict";
(() => {
  const WIDTH = 240;

  // Sphinx links each result as "<page name>.html#anchor", relative to the search page.
  const pageOf = (link) => decodeURIComponent(link.getAttribute("href").split("#")[0].replace(/\.html$/, ""));

  // What to look for in a page, best first: the whole query, then its longest words, then their stems.
  const queryWords = () => {
    const query = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase().trim();
    const words = query.split(/[^\p{Letter}\p{Number}_]+/u).filter((word) => word.length > 2);
    words.sort((a, b) => b.length - a.length);
    const stemmer = typeof Stemmer === "function" ? new Stemmer() : null;
    const stems = stemmer ? words.map((word) => stemmer.stemWord(word)).filter((stem) => stem.length > 2) : [];
    return [...new Set([query, ...words, ...stems].filter(Boolean))];
  };

  const snippet = (text, words) => {
    const lower = text.toLowerCase();
    const first = words.find((word) => lower.includes(word));
    const at = first ? lower.indexOf(first) : 0;
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

  // Sphinx shows the first result as soon as the page is ready, before a "DOMContentLoaded" listener
  // added here would run: watch the results now (this script comes after them), then catch up.
  const watch = () => {
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
    for (const item of results.querySelectorAll("li")) addSnippet(item, words);
  };
  if (document.getElementById("search-results")) watch();
  else document.addEventListener("DOMContentLoaded", watch);
})();
