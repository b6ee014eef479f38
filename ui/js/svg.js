// SVG built like the page's h(): attributes, never inline styles (the CSP forbids them); colours
// come from CSS classes and variables, so charts follow light and dark.

const NS = "http://www.w3.org/2000/svg"; // SVG's xmlns: a name, never fetched

/** Builds an SVG element: `attrs` become attributes (`className` → class, `on*` listeners);
 * children are nodes or strings (added as text). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else {
      el.setAttribute(key === "className" ? "class" : key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
