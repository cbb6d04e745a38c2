/**
 * The /embed page's live preview: the settings form drives the preview
 * element's attributes, and the snippets follow, written with this server's
 * own origin so partners can copy them as they are. The regions come from the
 * API, so the choices are always the data's.
 */
/* global document, location, fetch, FormData, Option, URLSearchParams */

const form = document.getElementById("settings");
const preview = document.querySelector("#preview isoc-chapters");
const elementSnippet = document.getElementById("element-snippet");
const iframeSnippet = document.getElementById("iframe-snippet");

function update() {
  const settings = [...new FormData(form)].filter(([, value]) => value !== "");
  for (const element of form.elements) {
    const value = settings.find(([name]) => name === element.name)?.[1];
    if (value === undefined) preview.removeAttribute(element.name);
    else preview.setAttribute(element.name, value);
  }
  const attributes = settings.map(([name, value]) => ` ${name}="${value}"`).join("");
  elementSnippet.textContent = `<script type="module" src="${location.origin}/embed.js"></script>\n<isoc-chapters${attributes}></isoc-chapters>`;
  iframeSnippet.textContent = `<iframe src="${location.origin}/embed/chapters?${new URLSearchParams(settings)}" title="Internet Society chapters" style="width: 100%; height: 40rem; border: 0"></iframe>`;
}

async function listRegions() {
  const response = await fetch(`/graphql?${new URLSearchParams({ query: "{ regions { slug } }" })}`);
  const { data } = await response.json();
  const select = form.elements.region;
  const selected = select.value;
  select.replaceChildren(new Option("any", ""), ...data.regions.map(({ slug }) => new Option(slug, slug, false, slug === selected)));
}

form.addEventListener("input", update);
update();
listRegions().catch(() => {
  // The preview still works with the regions the page was written with.
});
