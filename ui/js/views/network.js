// The network as a picture: who referred whom, from the people first known (left) to those
// they introduced (right). The layout comes from the core; each person is a link to their page.

import * as api from "../api.js";
import { h } from "../dom.js";
import { s } from "../svg.js";

const COLUMN = 210;
const ROW = 30;
const PAD = 14;
const NAME_MAX = 24;

const short = (name) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name);

function picture(network) {
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const at = (n) => [PAD + 8 + n.depth * COLUMN, PAD + n.row * ROW + ROW / 2];
  // The last column needs room for its names only.
  const width = PAD * 2 + Math.max(network.depth - 1, 0) * COLUMN + 190;
  const height = PAD * 2 + network.rows * ROW;
  const referrer = new Map(network.edges.map((e) => [e.to, byId.get(e.from)]));
  const edges = network.edges.map((edge) => {
    const [x1, y1] = at(byId.get(edge.from));
    const [x2, y2] = at(byId.get(edge.to));
    // Straight out from under the referrer's name first, then the curve to the person.
    const bend = x1 + COLUMN * 0.55;
    const mid = (bend + x2) / 2;
    return s("path", {
      className: "edge",
      d: `M ${x1 + 6} ${y1} H ${bend} C ${mid} ${y1}, ${mid} ${y2}, ${x2 - 6} ${y2}`,
      "data-from": edge.from,
      "data-to": edge.to,
    });
  });
  const nodes = network.nodes.map((node) => {
    const [x, y] = at(node);
    const by = referrer.get(node.id);
    const label = [node.name, node.organisation, node.warm ? "warm contact" : null,
      by ? `introduced by ${by.name}` : "someone you knew first"].filter(Boolean).join(", ");
    return s("a", { href: `#/people/${node.id}`, className: node.warm ? "node warm" : "node", "data-id": node.id, "aria-label": label },
      s("circle", { cx: x, cy: y, r: node.warm ? 7 : 6 }),
      s("text", { x: x + 10, y: y - 9 }, short(node.name)));
  });
  return s("svg", {
    id: "network-svg", className: "network-svg", width, height, viewBox: `0 0 ${width} ${height}`,
    role: "group", "aria-labelledby": "network-title",
  }, s("g", { className: "edges", "aria-hidden": "true" }, edges), s("g", { className: "nodes" }, nodes));
}

export async function render(el) {
  const network = await api.referralNetwork();
  const people = network.nodes.length;
  el.append(
    h("header", { className: "page-header" },
      h("div", {},
        h("h1", {}, "Your network"),
        h("p", {}, "Who introduced you to whom, from the people you knew first (left) to those they introduced (right)."))),
    h("section", { className: "card network", "aria-labelledby": "network-title" },
      h("h2", { id: "network-title", className: "visually-hidden" }, "Referrals"),
      people
        ? [
          h("p", { className: "hint", id: "network-summary" },
            `${people} people, ${network.edges.length} ${network.edges.length === 1 ? "introduction" : "introductions"}. `,
            network.unconnected
              ? `${network.unconnected} more ${network.unconnected === 1 ? "person is" : "people are"} in no introduction yet and not shown. `
              : "",
            "A filled dot is a warm contact. Click a name to open the person."),
          h("ul", { className: "legend", "aria-hidden": "true" },
            h("li", {}, h("span", { className: "dot warm" }), "Warm contact"),
            h("li", {}, h("span", { className: "dot" }), "Other contact")),
          h("div", { className: "network-scroll" }, picture(network)),
        ]
        : h("p", { className: "empty-line", id: "network-empty" },
          "No introductions yet. When someone you interview refers you to a person, add them in the interview's \"After\" part: they appear here, linked to who introduced them.")));
}
