/*
 * One search result as a card: logo, name, kind, excerpt, tier, grade, badges and matching sections. Everything
 * read from the index is inserted as text; the excerpt's <mark> elements are rebuilt from its text.
 */
import { el } from "../elements.js";
import { badgeChips, classToken, matchingSections } from "./card-content.js";
import { excerptParts } from "./excerpt.js";

function logo(meta, siteRoot) {
  if (meta.logo) {
    const img = el("img", "logo logo--sm");
    img.src = new URL(meta.logo, siteRoot).href;
    // The name is next to it: the logo adds nothing for a screen reader.
    img.alt = "";
    img.width = 64;
    img.height = 64;
    img.loading = "lazy";
    return img;
  }
  if (meta.initials) {
    const initials = el("span", "logo logo--sm logo--initials", meta.initials);
    initials.setAttribute("aria-hidden", "true");
    return initials;
  }
  return null;
}

function facts(meta) {
  const dl = el("dl", "facts search-result__facts");
  function fact(term, node, extra) {
    const div = el("div");
    div.appendChild(el("dt", "", term));
    const dd = el("dd");
    dd.appendChild(node);
    if (extra) {
      dd.appendChild(document.createTextNode(" "));
      dd.appendChild(extra);
    }
    div.appendChild(dd);
    dl.appendChild(div);
  }
  if (meta.tier) {
    const standing = meta.standing
      ? el("span", "standing standing--" + classToken(meta.standing_id, "at-risk"), meta.standing)
      : null;
    const tier = el("span", "tier tier--" + classToken(meta.tier_id, "none"));
    const rank = Math.min(Number.parseInt(meta.tier_rank, 10) || 0, 3);
    if (rank) {
      const marks = el("span", "tier__rank");
      marks.setAttribute("aria-hidden", "true");
      for (let i = 0; i < rank; i++) marks.appendChild(el("span"));
      tier.appendChild(marks);
    }
    tier.appendChild(document.createTextNode(meta.tier));
    fact(meta.kind === "App" ? "Partner tier" : "Tier", tier, standing);
  }
  if (meta.grade) {
    const grade = el("span", "grade grade--" + classToken(meta.grade_id, "none"));
    const dot = el("span", "grade__dot");
    dot.setAttribute("aria-hidden", "true");
    grade.appendChild(dot);
    grade.appendChild(document.createTextNode(meta.grade));
    fact(meta.kind === "App" ? "Partner CAIQ-Lite" : "CAIQ-Lite", grade);
  }
  return dl.childNodes.length ? dl : null;
}

function badgeList(meta) {
  const chips = badgeChips(meta.badges, meta.self_attested);
  if (!chips) return null;
  const ul = el("ul", "search-result__badges");
  ul.setAttribute("aria-label", "Badges held");
  for (const chip of chips.chips) {
    const li = el("li", "chip", chip.name);
    if (chip.selfAttested) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "provenance provenance--self-attested", "self-attested"));
    }
    ul.appendChild(li);
  }
  if (chips.more) ul.appendChild(el("li", "chip chip--more", "and " + chips.more + " more"));
  return ul;
}

function sectionList(data) {
  const sections = matchingSections(data);
  if (!sections.length) return null;
  const ul = el("ul", "search-result__sections");
  ul.setAttribute("aria-label", "Matching sections");
  for (const section of sections) {
    const li = el("li");
    const link = el("a", "", section.title);
    link.href = section.url;
    li.appendChild(link);
    ul.appendChild(li);
  }
  return ul;
}

/** The card (an <li>) of one result, from Pagefind's data of its page; logos are found from `siteRoot`. */
export function resultCard(data, siteRoot) {
  const meta = data.meta || {};
  const li = el("li", "card search-result");
  const head = el("div", "search-result__head");
  const image = logo(meta, siteRoot);
  if (image) head.appendChild(image);
  const heading = el("div", "search-result__heading");
  const title = el("h3", "search-result__title");
  const link = el("a", "", meta.title || data.url);
  link.href = data.url;
  title.appendChild(link);
  heading.appendChild(title);
  const sub = el("p", "search-result__sub");
  sub.appendChild(el("span", "search-result__kind", meta.kind || "Page"));
  if (meta.partner) sub.appendChild(document.createTextNode(" by " + meta.partner));
  if (meta.level) sub.appendChild(document.createTextNode(" · " + meta.level));
  heading.appendChild(sub);
  head.appendChild(heading);
  li.appendChild(head);
  const excerpt = excerptParts(data.excerpt);
  if (excerpt.length) {
    const p = el("p", "search-result__excerpt");
    for (const part of excerpt) {
      p.appendChild(part.marked ? el("mark", "", part.text) : document.createTextNode(part.text));
    }
    li.appendChild(p);
  }
  for (const node of [facts(meta), badgeList(meta), sectionList(data)]) {
    if (node) li.appendChild(node);
  }
  return li;
}
