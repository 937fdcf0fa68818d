import type Canvas from 'diagram-js/lib/core/Canvas';

/**
 * Zooms out until the whole diagram fits (never zooms in past 100%) and centres it, so a
 * small diagram does not hide behind the palette at the top left. diagram-js takes any
 * truthy centre for "centre it"; its typings only know a point, hence the cast.
 */
export function fitViewport(canvas: Canvas): void {
  canvas.zoom('fit-viewport', 'auto' as unknown as Parameters<Canvas['zoom']>[1]);
}
