import * as sax from 'sax';

/** An element of a parsed SVG document: name, attributes (entities decoded), text content and children. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** The node's own text (not its children's), entities decoded. */
  text: string;
}

/**
 * Parses SVG markup with a strict XML parser (sax in strict mode: unclosed or mismatched tags, unquoted or
 * duplicate attributes, a bare "&" or "<" in text all throw), so a chart that parses here is well-formed XML.
 */
export function parseSvg(markup: string): XmlNode {
  const parser = sax.parser(true, { xmlns: false, position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.onerror = (error) => {
    throw new Error(`Not well-formed XML: ${error.message}`);
  };
  parser.onopentag = (tag) => {
    const node: XmlNode = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(node);
    else if (root) throw new Error('More than one root element.');
    else root = node;
    stack.push(node);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
    else if (text.trim() !== '') throw new Error(`Text outside the root element: ${text}`);
  };
  parser.write(markup).close();
  if (!root) throw new Error('No root element.');
  return root;
}

/** Every element below (and including) a node, depth first. */
export function allNodes(node: XmlNode): XmlNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}

/** All elements with a name. */
export function byName(node: XmlNode, name: string): XmlNode[] {
  return allNodes(node).filter((child) => child.name === name);
}

/** The visible text of every <text> element (tooltips excluded). */
export function texts(node: XmlNode): string[] {
  return byName(node, 'text').map((child) => child.text);
}
