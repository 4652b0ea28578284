// What pdf.js (the viewer in Firefox) exposes of a tagged PDF: the structure tree of each page joined to
// the text of its marked content, the outline, the fields, MarkInfo and the page mode.
// Run:  node tests/pdfjs/struct.mjs handout.pdf seen.json   (tests/test_tagged_pdf.py reads seen.json;
// pdf.js may print warnings on stdout, so the JSON goes to its own file)
import fs from "node:fs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;

// getStructTree() gives, per page, the elements that have content on that page, as
// {role, children, alt?, lang?} with leaves {type: "content", id: "p<ref>R_mc<MCID>"} or
// {type: "annotation", id: "<ref>R"}; getTextContent({includeMarkedContent}) puts
// beginMarkedContentProps {id: same "p..._mc<MCID>"} around the text items, so the two join.
function simplify(node, texts) {
  if (node.type === "content") return { text: texts.get(node.id) ?? "" };
  if (node.type === "annotation") return { annotation: node.id };
  if (node.type === "object") return { object: node.id };
  const out = { role: node.role };
  if (node.alt) out.alt = node.alt;
  if (node.lang) out.lang = node.lang;
  if (node.children) out.children = node.children.map((c) => simplify(c, texts));
  return out;
}

const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const texts = new Map();
  const stack = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      stack.push(item.id ?? item.tag ?? "?");
    } else if (item.type === "endMarkedContent") {
      stack.pop();
    } else if (stack.length && item.str !== undefined) {
      const id = stack[stack.length - 1];
      texts.set(id, (texts.get(id) ?? "") + item.str + (item.hasEOL ? " " : ""));
    }
  }
  const tree = await page.getStructTree();
  const annotations = (await page.getAnnotations()).map((a) => ({
    id: a.id, fieldName: a.fieldName, alternativeText: a.alternativeText, multiLine: a.multiLine,
  }));
  pages.push({ page: n, structTree: tree ? simplify(tree, texts) : null, annotations });
}
const outline = await doc.getOutline();
const markInfo = await doc.getMarkInfo();
const meta = await doc.getMetadata();
fs.writeFileSync(process.argv[3], JSON.stringify({
  markInfo,
  title: meta.info.Title,
  lang: meta.info.Language,
  xmpTitle: meta.metadata?.get("dc:title"),
  outline: (outline ?? []).map((o) => o.title),
  pageMode: await doc.getPageMode(),
  pages,
}, null, 1));
