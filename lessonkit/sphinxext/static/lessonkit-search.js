/* lessonkit: a text snippet and the band under each search result, and a grade's lessons first.
 * Sphinx fetches each result's page to quote it, which browsers refuse on file://; the kit ships
 * the pages' text, and the band of each page with the names of its grades, in searchtexts.js.
 * Sphinx's search ignores numbers ("grade 4" is searched as "grade"): a query that names a grade
 * ("grade 4", "4e année", "secondaire 3") puts the lessons of that grade's band first. */
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

  const searchBands = () => window.LESSONKIT_SEARCH_BANDS || { bands: {}, pages: {} };
  const bandOf = (item) => {
    const link = item.querySelector("a[href]");
    return link ? searchBands().pages[pageOf(link)] : undefined;
  };

  // The bands whose grades the query names, as whole words: "grade 1" is not "grade 12".
  const queriedBands = () => {
    const query = ` ${(new URLSearchParams(window.location.search).get("q") || "").toLowerCase()
      .replace(/[^\p{Letter}\p{Number}]+/gu, " ").trim()} `;
    const found = new Set();
    for (const [band, data] of Object.entries(searchBands().bands)) {
      for (const name of data.names || []) {
        const words = name.replace(/[^\p{Letter}\p{Number}]+/gu, " ").trim();
        if (words && query.includes(` ${words} `)) found.add(band);
      }
    }
    return found;
  };

  const addBand = (item) => {
    const band = searchBands().bands[bandOf(item)];
    if (!band || item.querySelector(".lk-result-band")) return;
    const label = document.createElement("span");
    label.className = "lk-result-band";
    label.textContent = ` (${band.label} · ${band.grades})`;
    const link = item.querySelector("a[href]");
    link.after(label);
  };

  // Sphinx adds results one at a time, best first: a result of a queried band goes before the
  // first result of another band, so those of the grade come first, each in Sphinx's order.
  const rank = (item, wanted) => {
    if (!wanted.size || !wanted.has(bandOf(item))) return;
    const list = item.parentNode;
    const other = [...list.children].find((sibling) => sibling !== item && !wanted.has(bandOf(sibling)));
    if (other && other.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING) {
      list.insertBefore(item, other);
    }
  };

  const present = (item, words, wanted) => {
    addSnippet(item, words);
    addBand(item);
    rank(item, wanted);
  };

  // Sphinx shows the first result as soon as the page is ready, before a "DOMContentLoaded" listener
  // added here would run: watch the results now (this script comes after them), then catch up.
  const watch = () => {
    const results = document.getElementById("search-results");
    if (!results) return;
    const words = queryWords();
    let wanted = null; // read once searchtexts.js, which comes after this script, has run
    const bands = () => (wanted ??= queriedBands());
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (node.nodeName === "LI" && !node.querySelector(".lk-result-band")) present(node, words, bands());
        }
      }
    }).observe(results, { childList: true, subtree: true });
    for (const item of results.querySelectorAll("li")) present(item, words, bands());
  };
  if (document.getElementById("search-results")) watch();
  else document.addEventListener("DOMContentLoaded", watch);
})();
