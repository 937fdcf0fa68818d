import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import type { Finding } from '../../api/definitions';

export type Severity = 'error' | 'warning' | 'info';

export function severityOf(finding: Finding): Severity {
  const severity = String(finding.severity).toLowerCase();
  return severity === 'error' || severity === 'warning' ? severity : 'info';
}

/** Marks the elements that validation findings name, and leads the user to one of them. */
export class Findings {
  static $inject = ['canvas', 'elementRegistry', 'selection'];

  private marked: { elementId: string; marker: string }[] = [];

  constructor(
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
    private readonly selection: Selection,
  ) {}

  show(findings: readonly Finding[]): void {
    this.clear();
    for (const finding of findings) {
      const elementId = finding.elementId;
      if (!elementId || !this.elementRegistry.get(elementId)) continue;
      const marker = `finding-${severityOf(finding)}`;
      this.canvas.addMarker(elementId, marker);
      this.marked.push({ elementId, marker });
    }
  }

  clear(): void {
    for (const { elementId, marker } of this.marked) this.canvas.removeMarker(elementId, marker);
    this.marked = [];
  }

  /** Shows the plane that holds the element, scrolls it into view and selects it. */
  reveal(elementId: string): boolean {
    const element = this.elementRegistry.get(elementId);
    if (!element) return false;
    const root = this.canvas.findRoot(element);
    if (root && root !== this.canvas.getRootElement()) this.canvas.setRootElement(root);
    this.canvas.scrollToElement(element);
    this.selection.select(element);
    return true;
  }
}
