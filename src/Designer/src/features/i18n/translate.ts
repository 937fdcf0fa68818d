import { zhCN } from './zh-CN';

export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** `i18n` in the bpmn-js options: `new Modeler({ i18n: { language: 'en' } })`. */
export interface I18nConfig {
  language?: string;
}

export const defaultLanguage = 'zh-CN';

/** The language of the page (`<html lang>`); zh-CN unless the page says otherwise. */
export function pageLanguage(): string {
  return document.documentElement.lang || defaultLanguage;
}

/** Any `zh*` gets zh-CN; `en*` and unknown languages get bpmn-js's English templates. */
function catalogFor(language: string): Readonly<Record<string, string>> {
  return language.toLowerCase().startsWith('zh') ? zhCN : {};
}

/** bpmn-js's `translate` contract: look the template up, then fill in `{name}` placeholders. */
export function createTranslate(config?: I18nConfig): Translate {
  const catalog = catalogFor(config?.language ?? defaultLanguage);
  return (template, replacements = {}) =>
    (catalog[template] ?? template).replace(/{([^}]+)}/g, (placeholder, key: string) =>
      replacements[key] ?? placeholder);
}
// `translate` is a function service in bpmn-js, so it comes from a factory rather than a class.
createTranslate.$inject = ['config.i18n'];
