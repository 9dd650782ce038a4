// @ts-check
/**
 * The few DOM helpers the page needs. They build elements and text nodes only: user
 * content (titles from every country) never passes through an HTML parser, which the
 * page's Trusted Types policy would refuse anyway.
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/**
 * The element with this id, of the type the page's markup gives it.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`The page has no ${type.name} #${id}`);
  return element;
}

/**
 * A data table: a caption, column headers, and rows whose first cell heads the row.
 * @param {HTMLTableElement} table
 * @param {{ caption: string, columns: string[], rows: [string, ...(Node | string)[]][] }} content
 */
export function fillTable(table, { caption, columns, rows }) {
  table.replaceChildren(
    h('caption', {}, [caption]),
    h('thead', {}, [
      h(
        'tr',
        {},
        columns.map((column) => h('th', { scope: 'col' }, [column])),
      ),
    ]),
    h(
      'tbody',
      {},
      rows.map(([head, ...cells]) => h('tr', {}, [h('th', { scope: 'row' }, [head]), ...cells.map((cell) => h('td', {}, [cell]))])),
    ),
  );
}
