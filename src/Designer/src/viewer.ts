import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import { fetchDiagram } from './api/definitions';
import { fitViewport } from './diagrams/fitViewport';
import currentPositionModule from './features/current-position';
import type { CurrentPosition } from './features/current-position/CurrentPosition';
import i18nModule from './features/i18n';
import { createTranslate, pageLanguage } from './features/i18n/translate';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './features/current-position/current-position.css';
import './styles/viewer.css';

// Renders read-only diagrams into every element with data-bpmn-url or data-bpmn-xml, and
// marks the ids in data-highlight (where a case waits). Marks the container with
// data-rendered="true" when done, or data-render-error="message" with a visible message.

export interface MediationViewerApi {
  render(container: HTMLElement, xml: string, highlight?: string | readonly string[]): Promise<void>;
}

declare global {
  interface Window {
    MediationViewer: MediationViewerApi;
  }
}

const viewers = new WeakMap<HTMLElement, NavigatedViewer>();

function parseIds(highlight: string | readonly string[] | undefined): string[] {
  const ids = typeof highlight === 'string' ? highlight.split(',') : (highlight ?? []);
  return ids.map(id => id.trim()).filter(id => id.length > 0);
}

function viewerFor(container: HTMLElement): NavigatedViewer {
  let viewer = viewers.get(container);
  if (!viewer) {
    container.replaceChildren();
    viewer = new NavigatedViewer({
      container,
      i18n: { language: pageLanguage() },
      additionalModules: [i18nModule, currentPositionModule],
    });
    viewers.set(container, viewer);
  }
  return viewer;
}

function showError(container: HTMLElement, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  viewers.get(container)?.destroy();
  viewers.delete(container);
  const box = document.createElement('div');
  box.className = 'mediation-viewer-error';
  box.setAttribute('role', 'alert');
  box.textContent = createTranslate({ language: pageLanguage() })('Could not show the diagram: {message}', { message });
  container.replaceChildren(box);
  container.removeAttribute('data-rendered');
  container.setAttribute('data-render-error', message);
}

/** Renders (or re-renders) the XML into the container; never throws, reports on the container. */
export async function render(container: HTMLElement, xml: string, highlight?: string | readonly string[]): Promise<void> {
  container.removeAttribute('data-rendered');
  container.removeAttribute('data-render-error');
  try {
    const viewer = viewerFor(container);
    await viewer.importXML(xml);
    fitViewport(viewer.get<Canvas>('canvas'));
    const missing = viewer.get<CurrentPosition>('currentPosition').show(parseIds(highlight));
    if (missing.length > 0) console.warn(`data-highlight: no element with id ${missing.join(', ')}`);
    container.setAttribute('data-rendered', 'true');
  } catch (error) {
    showError(container, error);
  }
}

async function renderFromAttributes(container: HTMLElement): Promise<void> {
  const { bpmnUrl, bpmnXml, highlight } = container.dataset;
  try {
    const xml = bpmnXml ?? (bpmnUrl ? await fetchDiagram(bpmnUrl) : '');
    await render(container, xml, highlight);
  } catch (error) {
    showError(container, error);
  }
}

// #modeler carries data-bpmn-url too; it belongs to modeler.js, should a page load both.
const viewerSelector = ':is([data-bpmn-url], [data-bpmn-xml]):not(#modeler)';

function renderAll(): void {
  for (const container of document.querySelectorAll<HTMLElement>(viewerSelector)) {
    void renderFromAttributes(container);
  }
}

window.MediationViewer = { render };

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', renderAll);
else renderAll();
