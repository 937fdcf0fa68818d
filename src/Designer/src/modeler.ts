import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import camundaPlatformBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdleDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { deployDefinition, fetchDiagram, validateDefinition, type Deployment, type Finding } from './api/definitions';
import { fitViewport } from './diagrams/fitViewport';
import { newDiagramXml } from './diagrams/newDiagram';
import findingsModule from './features/findings';
import type { Findings } from './features/findings/Findings';
import { findingsList } from './features/findings/findingsList';
import i18nModule from './features/i18n';
import { pageLanguage, type Translate } from './features/i18n/translate';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './features/findings/findings.css';
import './styles/modeler.css';

// The designer page: a bpmn-js Modeler in #modeler with the Camunda 7 properties panel in
// #properties, loading data-bpmn-url (or a new diagram), and the #validate and #save
// buttons reporting into #save-result. A successful save raises `mediation:saved` (detail:
// the deployment {key, version, id}) on #modeler.

export interface MediationModelerApi {
  modeler: Modeler;
  save(): Promise<void>;
  validate(): Promise<void>;
}

declare global {
  interface Window {
    MediationModeler?: MediationModelerApi;
  }
}

type Outcome = 'deployed' | 'rejected' | 'validated' | 'failed' | 'busy';

class DesignerPage {
  private dirty = false;
  private readonly translate: Translate;
  private readonly findings: Findings;

  constructor(
    readonly modeler: Modeler,
    private readonly container: HTMLElement,
    private readonly result: HTMLElement | null,
    private readonly buttons: HTMLButtonElement[],
  ) {
    this.translate = modeler.get<Translate>('translate');
    this.findings = modeler.get<Findings>('findings');
    modeler.get<EventBus>('eventBus').on('commandStack.changed', () => { this.dirty = true; });
    window.addEventListener('beforeunload', event => {
      if (this.dirty) event.preventDefault();
    });
  }

  async load(url: string | undefined): Promise<void> {
    try {
      const xml = url ? await fetchDiagram(url) : newDiagramXml();
      await this.modeler.importXML(xml);
      fitViewport(this.modeler.get<Canvas>('canvas'));
      this.dirty = false;
      this.container.setAttribute('data-rendered', 'true');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const box = document.createElement('div');
      box.className = 'mediation-viewer-error';
      box.setAttribute('role', 'alert');
      box.textContent = this.translate('Could not show the diagram: {message}', { message });
      this.container.replaceChildren(box);
      this.container.setAttribute('data-render-error', message);
      for (const button of this.buttons) button.disabled = true;
    }
  }

  save = (): Promise<void> => this.run(this.translate('Saving…'), async xml => {
    const outcome = await deployDefinition(xml);
    switch (outcome.kind) {
      case 'deployed':
        this.findings.clear();
        this.dirty = false;
        this.report('deployed', this.translate('Saved {key}, version {version}.', {
          key: outcome.deployment.key,
          version: String(outcome.deployment.version),
        }));
        this.container.dispatchEvent(new CustomEvent<Deployment>('mediation:saved', { detail: outcome.deployment, bubbles: true }));
        return;
      case 'rejected':
        this.findings.show(outcome.findings);
        this.report('rejected', this.translate('Not saved: the definition has findings.'), outcome.findings);
        return;
      case 'failed':
        this.reportFailure(outcome.status, outcome.title);
    }
  });

  validate = (): Promise<void> => this.run(this.translate('Validating…'), async xml => {
    const outcome = await validateDefinition(xml);
    if (outcome.kind === 'failed') {
      this.reportFailure(outcome.status, outcome.title);
      return;
    }
    this.findings.show(outcome.findings);
    this.report('validated', outcome.findings.length === 0
      ? this.translate('No findings.')
      : this.translate('{count} findings', { count: String(outcome.findings.length) }), outcome.findings);
  });

  private async run(busyText: string, send: (xml: string) => Promise<void>): Promise<void> {
    for (const button of this.buttons) button.disabled = true;
    this.report('busy', busyText);
    try {
      const { xml } = await this.modeler.saveXML({ format: true });
      await send(xml ?? '');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.report('failed', this.translate('Could not reach the server: {message}', { message }));
    } finally {
      for (const button of this.buttons) button.disabled = false;
    }
  }

  private reportFailure(status: number, title: string): void {
    this.report('failed', this.translate('Request failed: {status} {title}', { status: String(status), title }));
  }

  private report(outcome: Outcome, text: string, findings: readonly Finding[] = []): void {
    if (!this.result) return;
    this.result.classList.add('mediation-save-result');
    this.result.classList.toggle('ok', outcome === 'deployed' || (outcome === 'validated' && findings.length === 0));
    this.result.classList.toggle('failed', outcome === 'failed' || outcome === 'rejected');
    this.result.setAttribute('data-outcome', outcome);
    this.result.setAttribute('aria-live', 'polite');
    const summary = document.createElement('div');
    summary.textContent = text;
    this.result.replaceChildren(summary);
    if (findings.length > 0) {
      this.result.append(findingsList(findings, this.translate, id => this.findings.reveal(id)));
    }
  }
}

async function start(): Promise<void> {
  const container = document.getElementById('modeler');
  if (!container) return;
  const properties = document.getElementById('properties');
  const modeler = new Modeler({
    container,
    i18n: { language: pageLanguage() },
    propertiesPanel: properties ? { parent: properties } : undefined,
    additionalModules: [
      i18nModule,
      findingsModule,
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      camundaPlatformBehaviors,
    ],
    moddleExtensions: { camunda: camundaModdleDescriptor },
  });

  const buttons = ['save', 'validate']
    .map(id => document.getElementById(id))
    .filter((button): button is HTMLButtonElement => button instanceof HTMLButtonElement);
  const page = new DesignerPage(modeler, container, document.getElementById('save-result'), buttons);
  document.getElementById('save')?.addEventListener('click', () => void page.save());
  document.getElementById('validate')?.addEventListener('click', () => void page.validate());
  window.MediationModeler = { modeler, save: page.save, validate: page.validate };

  await page.load(container.dataset.bpmnUrl);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
