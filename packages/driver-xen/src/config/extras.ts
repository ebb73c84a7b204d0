import { type XmlElement, type XmlExtras, textOf } from '@virtkit/core';

/** A child element the core model kept as an extra (e.g. <bootloader>, an interface's <ip>). */
export function extraElement(extras: XmlExtras | undefined, name: string): XmlElement | undefined {
  for (const c of extras?.children ?? []) if (c.node.kind === 'element' && c.node.name === name) return c.node;
  return undefined;
}

export function extraText(extras: XmlExtras | undefined, name: string): string | undefined {
  const el = extraElement(extras, name);
  return el ? textOf(el) : undefined;
}

/** Adds an element to extras, to be formatted after the known element `after`. */
export function addExtra(extras: XmlExtras | undefined, after: string | null, node: XmlElement): XmlExtras {
  const x = extras ?? { attrs: {}, children: [] };
  x.children.push({ after, node });
  return x;
}
