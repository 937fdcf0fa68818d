// A bpmn-js extension module (a didi module declaration), named from bpmn-js's own options
// type so the shims below need no import of didi, which is only a transitive dependency.
type BpmnJsModule = NonNullable<import('bpmn-js/lib/BaseViewer').BaseViewerOptions['additionalModules']>[number];
