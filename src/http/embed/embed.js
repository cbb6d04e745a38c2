/**
 * <isoc-chapters>: a live list of Internet Society chapters that a partner
 * site embeds with one script tag and one element:
 *
 *   <script type="module" src="https://API/embed.js"></script>
 *   <isoc-chapters region="africa" kind="chapter" limit="20" lang="fr"></isoc-chapters>
 *
 * Plain JavaScript with no dependency and no build step, because partners
 * paste it into pages we do not control and it must stay small (a test keeps
 * it under 10 KB gzipped). It renders inside a shadow root so neither the
 * partner's styles nor ours leak across; partners theme it through the
 * --isoc-* custom properties instead. It reads by GET, which browsers and CDNs
 * cache, without credentials (no cookies either way), and it calls nothing but
 * the API that served it.
 */
/* global HTMLElement, CSSStyleSheet, customElements, document, fetch, queueMicrotask, AbortController, URL, URLSearchParams */

// Resolved against this file's own URL, so a page on another origin calls the API that served the script.
const API = new URL("graphql", import.meta.url);
const FULL_LISTING = new URL("embed/chapters", import.meta.url);

/**
 * The attributes a partner sets, each with how it becomes a ChapterFilter field (limit and lang are not filters).
 * A region is passed as written: the API takes slugs only, and refuses a region's name with the slug to use.
 */
const FILTERS = {
  region: (value) => value,
  country: (value) => value.toUpperCase(),
  kind: (value) => value.toUpperCase(),
  status: (value) => value.toUpperCase().replace(/-/g, "_"),
};
const DEFAULT_LIMIT = 20;
/** The API's largest page. */
const MAX_LIMIT = 100;

const QUERY = `query IsocChapters($first: Int!, $filter: ChapterFilter) {
  chapters(first: $first, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
    totalCount
    nodes { slug name status website country { code name } membership { latest { date individualMembers synthetic } } }
  }
}`;

/** Our own labels: the element must read naturally on a French or Spanish page without the partner translating anything. */
const LABELS = {
  en: {
    title: { CHAPTER: "Internet Society chapters", SIG: "Internet Society special interest groups", "": "Internet Society chapters and special interest groups" },
    status: { ACTIVE: "Active", INACTIVE: "Inactive", IN_FORMATION: "In formation" },
    loading: "Loading…",
    shown: (shown, total) => `${shown} of ${total}`,
    none: "None match these criteria.",
    members: { one: "individual member", other: "individual members" },
    synthetic: "synthetic",
    syntheticNote: "counts generated for demonstration, not real membership figures.",
    website: "Website",
    seeAll: (total) => `See all ${total}`,
    failed: "The list could not be loaded.",
    fullListing: "See the full listing",
    refused: "This list's settings were refused:",
  },
  fr: {
    title: { CHAPTER: "Chapitres de l’Internet Society", SIG: "Groupes d’intérêt spécial de l’Internet Society", "": "Chapitres et groupes d’intérêt spécial de l’Internet Society" },
    status: { ACTIVE: "Actif", INACTIVE: "Inactif", IN_FORMATION: "En formation" },
    loading: "Chargement…",
    shown: (shown, total) => `${shown} sur ${total}`,
    none: "Aucun résultat pour ces critères.",
    members: { one: "membre individuel", other: "membres individuels" },
    synthetic: "synthétique",
    syntheticNote: "chiffres générés pour la démonstration, pas de vrais effectifs.",
    website: "Site web",
    seeAll: (total) => `Voir les ${total}`,
    failed: "La liste n’a pas pu être chargée.",
    fullListing: "Voir la liste complète",
    refused: "Les réglages de cette liste ont été refusés :",
  },
  es: {
    title: { CHAPTER: "Capítulos de Internet Society", SIG: "Grupos de interés especial de Internet Society", "": "Capítulos y grupos de interés especial de Internet Society" },
    status: { ACTIVE: "Activo", INACTIVE: "Inactivo", IN_FORMATION: "En formación" },
    loading: "Cargando…",
    shown: (shown, total) => `${shown} de ${total}`,
    none: "Ningún resultado para estos criterios.",
    members: { one: "miembro individual", other: "miembros individuales" },
    synthetic: "sintético",
    syntheticNote: "cifras generadas para demostración, no son datos reales de membresía.",
    website: "Sitio web",
    seeAll: (total) => `Ver los ${total}`,
    failed: "No se pudo cargar la lista.",
    fullListing: "Ver la lista completa",
    refused: "Los ajustes de esta lista fueron rechazados:",
  },
};

// Explicit colours in both schemes (rather than inheriting the page's) are what lets us promise WCAG AA contrast.
const STYLES = new CSSStyleSheet();
STYLES.replaceSync(`
:host { display: block;
  --_fg: var(--isoc-color, #1b1c20); --_bg: var(--isoc-background, #fff); --_card: var(--isoc-card-background, #f6f7f9);
  --_muted: var(--isoc-muted-color, #4b5060); --_accent: var(--isoc-accent-color, #0a57a8); --_border: var(--isoc-border-color, #c4c8d0);
  font: var(--isoc-font, inherit); color: var(--_fg); background: var(--_bg); border-radius: var(--isoc-radius, .5rem) }
@media (prefers-color-scheme: dark) { :host {
  --_fg: var(--isoc-color, #ececf1); --_bg: var(--isoc-background, #17181d); --_card: var(--isoc-card-background, #22242b);
  --_muted: var(--isoc-muted-color, #b9bdc8); --_accent: var(--isoc-accent-color, #8fc3ff); --_border: var(--isoc-border-color, #4a4e5a) } }
:host([hidden]) { display: none }
section { padding: var(--isoc-gap, .75rem) }
h2 { font-size: 1.2em; margin: 0 0 .25em }
h3 { font-size: 1em; margin: 0 0 .25em }
p { margin: .25em 0 }
.summary, .meta, .members, .note { color: var(--_muted) }
.meta, .members, .note { font-size: .9em }
ul { list-style: none; margin: .75em 0 0; padding: 0; display: grid; gap: var(--isoc-gap, .75rem);
  grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--isoc-column-width, 16rem)), 1fr)) }
li { background: var(--_card); border: 1px solid var(--_border); border-radius: var(--isoc-radius, .5rem); padding: var(--isoc-gap, .75rem) }
.meta > * + *::before { content: " · " }
.synthetic { display: inline-block; border: 1px dashed currentColor; border-radius: .25em; padding: 0 .3em; font-style: italic }
a { color: var(--_accent); text-underline-offset: .15em }
a:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; border-radius: 2px }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap }
`);

/** A DOM element; children that are strings become text (never HTML), and null or false children are skipped. */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.flat().filter((child) => child != null && child !== false));
  return element;
}

/** The element's language: its own lang, else the page's nearest, else English. */
function languageOf(element) {
  const lang = (element.closest("[lang]")?.lang || "en").slice(0, 2).toLowerCase();
  return LABELS[lang] ? lang : "en";
}

/** Only http(s) links: a website from the data must never become a javascript: URL. */
function safeLink(url) {
  try {
    return ["http:", "https:"].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

class IsocChapters extends HTMLElement {
  static observedAttributes = [...Object.keys(FILTERS), "limit", "lang"];
  #root = this.attachShadow({ mode: "open" });
  /** Aborts the request in flight, so an older answer never replaces a newer one. */
  #inFlight = null;
  #scheduled = false;

  constructor() {
    super();
    this.#root.adoptedStyleSheets = [STYLES];
  }

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#inFlight?.abort();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#schedule();
  }

  /** Several attributes set in one task cause one request, not one each. */
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#load();
    });
  }

  async #load() {
    this.#inFlight?.abort();
    const request = (this.#inFlight = new AbortController());
    const lang = languageOf(this);
    const labels = LABELS[lang];
    const filter = {};
    for (const [name, normalise] of Object.entries(FILTERS)) {
      const value = this.getAttribute(name)?.trim();
      if (value) filter[name] = normalise(value);
    }
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number.parseInt(this.getAttribute("limit"), 10) || DEFAULT_LIMIT));
    const title = labels.title[filter.kind] ?? labels.title[""];
    this.#show(h("section", { "aria-labelledby": "title", "aria-busy": "true" }, h("h2", { id: "title" }, title), h("p", { class: "summary", role: "status" }, labels.loading)));
    try {
      // One variables object built in a fixed order: equal settings make equal URLs, which is what caches key on.
      const search = new URLSearchParams({ query: QUERY, variables: JSON.stringify({ first: limit, filter }) });
      const response = await fetch(`${API}?${search}`, { credentials: "omit", signal: request.signal });
      const body = await response.json();
      const refusal = body.errors?.find((error) => error.extensions?.code === "BAD_USER_INPUT");
      if (refusal) {
        // The attributes name something that does not exist (or is spelled wrong): say what the API said, so whoever set
        // them up sees how to fix them. The full listing would be refused the same way, so no link to it.
        console.error("<isoc-chapters> attributes refused:", refusal.message);
        this.#show(h("section", { "aria-labelledby": "title" }, h("h2", { id: "title" }, title), h("p", { class: "refused", role: "alert" }, labels.refused, " ", refusal.message)));
        return;
      }
      if (!response.ok || body.errors || !body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
      this.#show(this.#list(body.data.chapters, { lang, labels, title }));
    } catch (error) {
      if (request.signal.aborted) return;
      console.warn("<isoc-chapters> falls back to a link:", error.message);
      this.#show(
        h("section", { "aria-labelledby": "title" }, h("h2", { id: "title" }, title), h("p", { class: "fallback" }, labels.failed, " ", h("a", { href: this.#fullListing(lang), target: "_top" }, labels.fullListing))),
      );
    }
  }

  #list({ totalCount, nodes }, { lang, labels, title }) {
    const countries = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
    const number = new Intl.NumberFormat(lang);
    const plural = new Intl.PluralRules(lang);
    const month = new Intl.DateTimeFormat(lang, { month: "short", year: "numeric", timeZone: "UTC" });
    const item = (chapter) => {
      const latest = chapter.membership.latest;
      const website = chapter.website && safeLink(chapter.website);
      return h(
        "li",
        { "data-slug": chapter.slug },
        h("h3", {}, chapter.name),
        h(
          "p",
          { class: "meta" },
          chapter.country && h("span", { class: "country" }, countries.of(chapter.country.code) ?? chapter.country.name),
          h("span", { class: "status" }, labels.status[chapter.status] ?? chapter.status),
        ),
        latest &&
          h(
            "p",
            { class: "members" },
            `${number.format(latest.individualMembers)} ${labels.members[plural.select(latest.individualMembers)] ?? labels.members.other} (${month.format(new Date(latest.date))})`,
            latest.synthetic && [" ", h("span", { class: "synthetic" }, labels.synthetic)],
          ),
        website && h("p", {}, h("a", { href: website, target: "_top", rel: "noopener" }, labels.website, h("span", { class: "hidden" }, ` (${chapter.name})`))),
      );
    };
    return h(
      "section",
      { "aria-labelledby": "title" },
      h("h2", { id: "title" }, title),
      h("p", { class: "summary", role: "status" }, totalCount ? labels.shown(nodes.length, totalCount) : labels.none),
      nodes.length > 0 && h("ul", { role: "list" }, nodes.map(item)),
      nodes.some((chapter) => chapter.membership.latest?.synthetic) && h("p", { class: "note" }, h("span", { class: "synthetic" }, labels.synthetic), ": ", labels.syntheticNote),
      totalCount > nodes.length && h("p", {}, h("a", { href: this.#fullListing(lang), target: "_top" }, labels.seeAll(totalCount))),
    );
  }

  /** The API's own page of this listing (the iframe page): this element's filters, its language, and the largest page. */
  #fullListing(lang) {
    const search = new URLSearchParams();
    for (const name of Object.keys(FILTERS)) {
      const value = this.getAttribute(name)?.trim();
      if (value) search.set(name, value);
    }
    search.set("lang", lang);
    search.set("limit", String(MAX_LIMIT));
    return `${FULL_LISTING}?${search}`;
  }

  #show(view) {
    this.#root.replaceChildren(view);
  }
}

if (!customElements.get("isoc-chapters")) customElements.define("isoc-chapters", IsocChapters);
