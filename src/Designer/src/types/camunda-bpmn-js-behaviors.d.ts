// camunda-bpmn-js-behaviors ships JavaScript only: the Camunda 7 modeling behaviours module.
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const camundaPlatformBehaviors: BpmnJsModule;
  export default camundaPlatformBehaviors;
}
