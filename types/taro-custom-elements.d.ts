/**
 * What src/shared/ui/controls.h5.ts uses of a Taro component's custom-element module
 * ('@tarojs/components/dist/components/taro-<name>-core.js', mapped here in tsconfig.json): the
 * function that registers the element. The package's own declarations for those modules pull in
 * Stencil's global typings, which clash with the jest-dom matchers of the component tests.
 */
export declare const defineCustomElement: () => void;
