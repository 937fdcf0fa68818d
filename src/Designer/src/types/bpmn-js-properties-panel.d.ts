// bpmn-js-properties-panel ships JavaScript only; these are the exports the Designer uses.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: BpmnJsModule;
  export const BpmnPropertiesProviderModule: BpmnJsModule;
  export const CamundaPlatformPropertiesProviderModule: BpmnJsModule;
}
