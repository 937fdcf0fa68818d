import { createTranslate } from './translate';

/** Replaces bpmn-js's English `translate` service; the language comes from the `i18n` option. */
export default {
  translate: ['factory', createTranslate],
};
