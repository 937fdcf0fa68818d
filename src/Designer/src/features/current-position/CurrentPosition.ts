import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';

export const currentPositionMarker = 'current-position';

/** Marks the elements where a case currently waits (CSS class `current-position`). */
export class CurrentPosition {
  static $inject = ['canvas', 'elementRegistry'];

  private marked: string[] = [];

  constructor(
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  /** Marks the elements with these ids and returns the ids the diagram does not have. */
  show(elementIds: readonly string[]): string[] {
    this.clear();
    const missing: string[] = [];
    for (const id of elementIds) {
      if (this.elementRegistry.get(id)) this.markWithOwners(id);
      else missing.push(id);
    }
    return missing;
  }

  clear(): void {
    for (const id of this.marked) this.canvas.removeMarker(id, currentPositionMarker);
    this.marked = [];
  }

  // A token inside a collapsed sub-process sits on the sub-process's own plane; mark the
  // collapsed shape on the plane above too, so the position shows on the first view.
  private markWithOwners(elementId: string): void {
    let id: string | undefined = elementId;
    while (id && !this.marked.includes(id)) {
      this.canvas.addMarker(id, currentPositionMarker);
      this.marked.push(id);
      const owner: { id: string; $instanceOf(type: string): boolean } | undefined =
        this.canvas.findRoot(id)?.businessObject;
      id = owner?.$instanceOf('bpmn:SubProcess') && this.elementRegistry.get(owner.id) ? owner.id : undefined;
    }
  }
}
