/**
 * The Taro form and media components the app uses outside 首页 (Picker, Input, Textarea, Image,
 * Canvas, the native Button). Every page imports them from here, not from '@tarojs/components':
 * on H5, controls.h5.ts builds them as a module of their own, so 首页's first load does not carry
 * their implementations (docs/adr/0004). On the mini-programs (and in tests) they are Taro's own.
 *
 * Each is imported and used here (not re-exported with `export … from`): the mini-program build
 * learns which components its templates need from the imports of '@tarojs/components' a module
 * uses, and a bare re-export is not counted as a use.
 */
import {
  Button as TaroButton,
  Canvas as TaroCanvas,
  Image as TaroImage,
  Input as TaroInput,
  Picker as TaroPicker,
  Textarea as TaroTextarea,
} from '@tarojs/components';

export const Button = TaroButton;
export const Canvas = TaroCanvas;
export const Image = TaroImage;
export const Input = TaroInput;
export const Picker = TaroPicker;
export const Textarea = TaroTextarea;
