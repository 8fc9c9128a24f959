/**
 * H5 build of controls.ts (Taro picks `<name>.h5.ts` for H5). '@tarojs/components' on H5 is one
 * module holding every component the app uses anywhere, loaded with 首页; the date picker alone
 * is most of its size. Here the same React wrappers are made from the same custom elements, the
 * way '@tarojs/components/lib/react' makes them, so these load only with the pages that use
 * them.
 */
import type {
  Button as ButtonType,
  Canvas as CanvasType,
  Image as ImageType,
  Input as InputType,
  Picker as PickerType,
  Textarea as TextareaType,
} from '@tarojs/components';
import { defineCustomElement as defineButton } from '@tarojs/components/dist/components/taro-button-core.js';
import { defineCustomElement as defineCanvas } from '@tarojs/components/dist/components/taro-canvas-core.js';
import { defineCustomElement as defineImage } from '@tarojs/components/dist/components/taro-image-core.js';
import { defineCustomElement as defineInput } from '@tarojs/components/dist/components/taro-input-core.js';
import { defineCustomElement as definePicker } from '@tarojs/components/dist/components/taro-picker-core.js';
import { defineCustomElement as defineTextarea } from '@tarojs/components/dist/components/taro-textarea-core.js';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';

const make = (tag: string, define: () => void): unknown =>
  createReactComponent(tag, undefined, manipulatePropsFunction, define);

export const Button = make('taro-button-core', defineButton) as typeof ButtonType;
export const Canvas = make('taro-canvas-core', defineCanvas) as typeof CanvasType;
export const Image = make('taro-image-core', defineImage) as typeof ImageType;
export const Input = make('taro-input-core', defineInput) as typeof InputType;
export const Picker = make('taro-picker-core', definePicker) as typeof PickerType;
export const Textarea = make('taro-textarea-core', defineTextarea) as typeof TextareaType;
